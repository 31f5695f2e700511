/**
 * The V8 flags of the CLI. The bin (src/cli/bin.cts) sets them before it compiles anything, as V8
 * ties its code cache to the flags in force; src/cli/main.ts sets them again for runs without the
 * bin (dist/src/cli/main.js). CommonJS, so the bin can bundle it.
 */
import { setFlagsFromString } from 'node:v8';

export const V8_FLAGS = [
  // Before the shell grammar (1.3 MB of WebAssembly) is compiled: keep V8 on its baseline
  // compiler. Optimising the grammar's huge lexer function in the background costs seconds,
  // and the process waits for that work before it exits; Liftoff code parses fast enough.
  '--liftoff-only',
  // And compile each grammar function on its first call, not all of them up front: a run calls
  // a fraction of them (one-file start: a few ms less; the parse floor sets the same flags).
  '--wasm-lazy-compilation',
  // Collect old garbage sooner: grow the heap to 1.3x what a full collection kept, not up to 4x.
  // A run over many files makes per-file garbage that outlives young collections; with V8's own
  // growth its peak RSS rose with the run's length (5,000 files: 190-290 MB, against 180 MB for
  // 1,165), with this it stays at what the files need (5,000: ~136 MB; 1,165: ~132 MB), for about
  // the same wall time. Read at every full collection, so it works when set at run time.
  '--heap-growing-percent=30',
];

export function setV8Flags(): void {
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
}

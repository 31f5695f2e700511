#!/usr/bin/env node
/** The `slimify` executable. */
import { setFlagsFromString } from 'node:v8';
import { processIO } from './io.js';
import { runCli } from './run.js';

// Before the shell grammar (1.3 MB of WebAssembly) is compiled: keep V8 on its baseline
// compiler. Optimising the grammar's huge lexer function in the background costs seconds,
// and the process waits for that work before it exits; Liftoff code parses fast enough.
// And compile each grammar function on its first call, not all of them up front: a run calls
// a fraction of them (one-file start: a few ms less; the parse floor sets the same flags).
setFlagsFromString('--liftoff-only');
setFlagsFromString('--wasm-lazy-compilation');

runCli(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `slimify: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 2;
  },
);

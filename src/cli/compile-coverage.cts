/**
 * Which kinds of work a run did, for the bin's V8 code cache (src/cli/bin.cts). The cache holds the
 * functions the run that wrote it compiled: one written by `slimify --version` lacks the engine,
 * and every later run would compile the engine again (measured: a one-file `--check` 1.9x the parse
 * floor with such a cache, against 1.2-1.3x with a cache a `--check` wrote). So the CLI marks the
 * kinds of work it did, the cache records the kinds it covers, and a run that did a kind the cache
 * lacks writes it again, covering both. At most one rewrite per kind; CommonJS, so the bin bundles it.
 */
export const WORK = {
  /** Files or stdin went through the engine. */
  rewrite: 1,
  /** A unified diff was made. */
  diff: 2,
  /** A file was written. */
  write: 4,
  /** A json, markdown or sarif report was made. */
  report: 8,
} as const;

// A global, not a module variable: the bin and the CLI are separate bundles with a copy each.
const KEY = Symbol.for('slimify.work');
type Marked = { [KEY]?: number };

export function markWork(kind: number): void {
  const g = globalThis as Marked;
  g[KEY] = (g[KEY] ?? 0) | kind;
}

/** The kinds of work this process did so far (a mask of WORK values). */
export function workDone(): number {
  return (globalThis as Marked)[KEY] ?? 0;
}

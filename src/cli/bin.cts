#!/usr/bin/env node
/**
 * The `slimify` executable: runs the bundled CLI (slimify-cli.cjs beside this file, built by
 * scripts/bundle.mjs) through a V8 code cache, so a start does not compile 1.7 MB of JavaScript
 * again. Node 20 has no compile cache of its own for this (module.enableCompileCache is Node 22).
 *
 * - The cache is the code V8 compiled in the first run (createCachedData after the run, so the
 *   functions that run lazily are in it too), written atomically (temp file and rename). It records
 *   the kinds of work that run did (src/cli/compile-coverage.cts); a later run that did a kind the
 *   cache lacks (a `--check` after a first `--version`) writes it again, covering both.
 * - Its file name carries the CLI bundle's content hash, the Node version and the architecture;
 *   V8 itself rejects a cache from another V8 version or flag set (then the run compiles as if
 *   there were none and writes a new one). A cache that cannot be read or written is no error:
 *   the run just compiles the source.
 * - Where: $SLIMIFY_COMPILE_CACHE (a folder; `0` turns the cache off), else
 *   $XDG_CACHE_HOME/slimify, else ~/.cache/slimify (%LOCALAPPDATA%\slimify on Windows). A folder
 *   of the user's own, not a shared temp folder: whoever can write the cache can run code here.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { setV8Flags } from './v8-flags.cjs';
import { workDone } from './compile-coverage.cjs';

/** The bundle this runs (beside this file) and its content hash, set by scripts/cached-bundle.mjs. */
declare const SLIMIFY_CLI_FILE: string;
declare const SLIMIFY_CLI_BUILD: string;

// The CLI's V8 flags, set before compiling: V8 ties a code cache to the flags in force when it was
// made, and the cache is made after the CLI ran with them.
setV8Flags();

const cli = join(__dirname, SLIMIFY_CLI_FILE);
// scripts/cached-bundle.mjs writes the bundle in ASCII, so latin1 reads it exactly and gives V8 a
// one-byte string without UTF-8 decoding.
const source = readFileSync(cli, 'latin1');
const dir = cacheFolder();
const cacheFile = dir && join(dir, `v8-${SLIMIFY_CLI_BUILD}-${process.version}-${process.arch}.bin`);
// The file: MAGIC, the kinds of work the cache covers (uint32 LE), then V8's data.
const MAGIC = 0x31434c53; // "SLC1"
let cachedData: Buffer | undefined;
let covers = 0;
if (cacheFile) {
  try {
    const file = readFileSync(cacheFile);
    if (file.length > 8 && file.readUInt32LE(0) === MAGIC) {
      covers = file.readUInt32LE(4);
      cachedData = file.subarray(8);
    }
  } catch {
    // none yet
  }
}

// The CommonJS wrapper, as Node's loader writes it; 'use strict' because the CLI's modules are ES
// modules (strict) bundled as CommonJS. On the first line, so line numbers in stack traces hold.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {'use strict';${source}\n})`, {
  filename: cli,
  cachedData,
});
if (cacheFile) {
  const fresh = !cachedData || script.cachedDataRejected === true;
  process.once('exit', () => {
    const done = workDone();
    if (!fresh && (done & ~covers) === 0) return; // the cache has what this run compiled
    const header = Buffer.alloc(8);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(fresh ? done : covers | done, 4);
    writeCache(cacheFile, header, script.createCachedData());
  });
}
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(cli), module, cli, dirname(cli));

function cacheFolder(): string | null {
  const env = process.env;
  const chosen = env.SLIMIFY_COMPILE_CACHE;
  if (chosen === '0') return null;
  if (chosen) return chosen;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'slimify');
  if (process.platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'slimify') : null;
  return env.HOME ? join(env.HOME, '.cache', 'slimify') : null;
}

/** Writes the cache whole or not at all, and drops caches of other builds written over a week ago. */
function writeCache(file: string, header: Buffer, data: Buffer): void {
  const folder = dirname(file);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileSync(tmp, Buffer.concat([header, data]), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // A read-only home, a full disk: no cache, the next run compiles again.
    quietly(() => rmSync(tmp, { force: true }));
    return;
  }
  quietly(() => {
    const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
    for (const name of readdirSync(folder)) {
      const other = join(folder, name);
      if (other !== file && name.startsWith('v8-') && statSync(other).mtimeMs < weekAgo) rmSync(other, { force: true });
    }
  });
}

/** Housekeeping of a cache: a failure (another process removed the file meanwhile) is no error. */
function quietly(work: () => void): void {
  try {
    work();
  } catch {
    // nothing to do
  }
}

// Builds a program the way the `slimify` bin ships (scripts/bundle.mjs) and the bench's parse floor
// is measured (scripts/bench.ts), so both start the same way:
// - `<name>-cli.cjs`: the entry and all it imports as one CommonJS file;
// - `<name>.cjs`: src/cli/bin.cts, which runs that file through a V8 code cache. CommonJS because
//   Node 20 can give a code cache only to a script (vm.Script), not to ES modules.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * @param {{ entry: string, outdir: string, name: string, external?: string[], plugins?: import('esbuild').Plugin[] }} o
 * @returns {Promise<{ bin: string, cli: string }>}
 */
export async function buildCached({ entry, outdir, name, external = [], plugins = [] }) {
  const cliName = `${name}-cli.cjs`;
  const cliFile = `${outdir}/${cliName}`;
  await build({
    entryPoints: [entry],
    outfile: cliFile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // ASCII only (esbuild escapes the rest): src/cli/bin.cts reads the file as latin1.
    charset: 'ascii',
    // Without the whitespace: 1.3 MB to read instead of 1.8 MB, and a smaller code cache (~7 %), for
    // 2-5 ms of every start. Names are kept (no renaming), so a stack trace still names functions.
    minifyWhitespace: true,
    external,
    plugins,
    // Modules find their data files next to themselves (`new URL('./x', import.meta.url)`).
    define: { 'import.meta.url': '__slimifyModuleUrl' },
    banner: { js: "var __slimifyModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  });
  // The bin compiles the file inside a function (the CommonJS wrapper), where a hashbang line is a
  // syntax error: blank it, keeping the line numbers. And the bin reads the file as latin1 (a fifth
  // of the time UTF-8 decoding takes): charset 'ascii' escaped every string, regex and name, but
  // esbuild keeps some comments as written, so write their other characters as \u{...} text.
  const cli = readFileSync(cliFile, 'utf8')
    .replace(/^#![^\n]*/, '')
    .replace(/[\u0080-\u{10ffff}]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
  writeFileSync(cliFile, cli, 'latin1');
  const bin = `${outdir}/${name}.cjs`;
  await build({
    entryPoints: ['src/cli/bin.cts'],
    outfile: bin,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    define: {
      SLIMIFY_CLI_FILE: JSON.stringify(cliName),
      // The code cache's file name carries the content hash: a new build never reads an old cache.
      SLIMIFY_CLI_BUILD: JSON.stringify(createHash('sha256').update(cli).digest('hex').slice(0, 16)),
    },
    logLevel: 'warning',
  });
  return { bin, cli: cliFile };
}

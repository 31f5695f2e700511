#!/usr/bin/env node
/**
 * Stand-alone entry for `slimify verify` until it is registered in the main CLI (src/cli/main.ts):
 *   node dist/src/cli/verify-main.js [Dockerfile] [options]
 */
import { runVerifyCli } from './verify-command.js';

runVerifyCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`slimify verify: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);

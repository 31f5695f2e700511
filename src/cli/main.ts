#!/usr/bin/env node
/** The `slimify` executable. */
import { processIO } from './io.js';
import { runCli } from './run.js';
import { setV8Flags } from './v8-flags.cjs';

setV8Flags(); // src/cli/v8-flags.cts says why each

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

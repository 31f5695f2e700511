/**
 * The main command: argv -> options -> files -> results -> output and exit code.
 * Exit codes: 0 ok, 1 `--check` found files that would change, 2 usage or file errors
 * (other files are still processed; a file with an error is never written).
 */
import { promises as fs } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { transforms as registry } from '../../transforms/index.js';
import { slimifySync, type SlimifyOptions } from '../api/slimify.js';
import { initShellParser } from '../shell/parser.js';
import { readBuildContext } from '../context/index.js';
import type { Transform } from '../engine/types.js';
import { selectTransforms, UnknownTransformError } from '../engine/select.js';
import { unifiedDiff } from '../report/diff.js';
import type { FileResult } from '../report/file-result.js';
import { toJsonReport } from '../report/json.js';
import { toMarkdown } from '../report/markdown.js';
import { summaryLine, totalsLine } from '../report/text.js';
import { packageVersion } from '../version.js';
import { ConfigError, loadConfig, type SlimifyConfig } from './config.js';
import { rewriteOptions } from './rewrite-options.js';
import { discoverFiles } from '../fs/discover.js';
import { decodeText, InputError, writeFileAtomic, type CliIO, type CommandRegistrar } from './io.js';
import { OPTIONS } from './options.js';
import { createProgress } from './progress.js';
import { registerPrCommand } from './pr-command.js';
import { registerVerifyCommand } from './verify-command.js';
import { toSarif } from '../report/sarif.js';

export const EXIT = { ok: 0, changes: 1, error: 2 } as const;

/** Extra yargs commands (verify, pr) register themselves through this list. */
export const extraCommands: CommandRegistrar[] = [registerPrCommand, registerVerifyCommand];

interface MainArgs {
  paths: string[];
  write?: boolean;
  check?: boolean;
  format: string;
  level?: string;
  only?: string[];
  skip?: string[];
  enable?: string[];
  target?: string;
  config?: string;
  context?: string;
  'no-config'?: boolean;
  'list-transforms'?: boolean;
  color?: boolean;
  'stdin-filepath'?: string;
}

/** yargs-parser drops a bare `-`; carry it through as a token no file name can be. */
const STDIN_TOKEN = '\u0000stdin';

/** Test seam: run the CLI with another transform registry. */
export interface CliDeps {
  transforms?: readonly Transform[];
}

export async function runCli(rawArgv: string[], io: CliIO, deps: CliDeps = {}): Promise<number> {
  const argv = rawArgv.map((a) => (a === '-' ? STDIN_TOKEN : a));
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  let parser: Argv = yargs(argv)
    .scriptName('slimify')
    .usage(
      '$0 [paths..]\n\nRewrites Dockerfiles so their images get smaller. Prints a diff by default; nothing is written without --write.',
    )
    .parserConfiguration({ 'boolean-negation': false })
    .options(OPTIONS as Record<string, object>)
    .strict()
    .exitProcess(false)
    .version(packageVersion())
    .help()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err) => {
      throw new UsageError(msg || err?.message || 'invalid arguments');
    });
  for (const register of extraCommands) parser = register(parser, io, setExit);
  parser = parser.command(
    '$0 [paths..]',
    'Slim the Dockerfiles found under the paths (default: the current folder); `-` reads stdin.',
    (y) => y.positional('paths', { type: 'string', array: true, describe: 'Files or folders' }),
    async (args) => {
      setExit(await mainCommand(args as unknown as MainArgs, io, deps.transforms ?? registry));
    },
  );
  let output = '';
  try {
    await parser.parseAsync(argv, {}, (_err, _argv, out) => {
      output = out;
    });
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof UnknownTransformError) {
      io.stderr.write(`slimify: ${err.message}\nRun slimify --help for usage.\n`);
      return EXIT.error;
    }
    throw err;
  }
  if (output) io.stdout.write(output + '\n');
  return exitCode;
}

class UsageError extends Error {}

async function mainCommand(args: MainArgs, io: CliIO, all: readonly Transform[]): Promise<number> {
  const loaded = args['no-config'] ? { config: {}, path: null } : loadConfig(io.cwd, args.config);
  const config: SlimifyConfig = loaded.config;
  // --context is relative to the working folder, the config's `context` to the config file.
  const contextDir = args.context
    ? resolve(io.cwd, args.context)
    : config.context && loaded.path
      ? resolve(dirname(loaded.path), config.context)
      : undefined;
  const options: SlimifyOptions = { ...rewriteOptions(args, config), transforms: all };
  if (args.write && args.check) throw new UsageError('--write and --check cannot be used together');
  const selected = selectTransforms(all, options); // validates ids early, with a usage error

  if (args['list-transforms']) {
    const width = Math.max(...all.map((t) => t.meta.id.length), 10);
    for (const t of all) {
      const on = selected.includes(t) ? ' ' : '-';
      io.stdout.write(`${on} ${t.meta.id.padEnd(width)}  ${t.meta.tier.padEnd(6)}  ${t.meta.description}\n`);
    }
    io.stdout.write(
      `\n'-' = not enabled with the current options. Enable review-tier transforms with --level review or --only.\n`,
    );
    return EXIT.ok;
  }

  await initShellParser();
  const paths = (args.paths?.length ? args.paths : ['.']).map(String);
  if (paths.includes(STDIN_TOKEN)) {
    if (paths.length > 1) throw new UsageError('`-` (stdin) must be the only path');
    return stdinMode(args, io, options);
  }

  const { files, problems } = await discoverFiles(paths, io.cwd);
  let failed = problems.length > 0;
  for (const p of problems) io.stderr.write(`slimify: error: ${p.path}: ${p.message}\n`);

  const color = args.color ?? (io.stdout.isTTY && !io.env.NO_COLOR);
  const progress = createProgress(io, files.length);
  const results: FileResult[] = [];
  const display = (abs: string) => relative(io.cwd, abs).split(sep).join('/') || abs;
  for (const abs of files) {
    const path = display(abs);
    progress.tick(path);
    let text: string;
    try {
      text = decodeText(await fs.readFile(abs), path);
    } catch (err) {
      failed = true;
      io.stderr.write(
        `slimify: error: ${err instanceof InputError ? err.message : `${path}: cannot read: ${(err as Error).message}`}\n`,
      );
      continue;
    }
    await initShellParser(); // a no-op, unless the parser failed on an earlier file and needs a new instance
    const buildContext = await readBuildContext(abs, { contextDir }).catch(() => null);
    const result = slimifySync(text, { ...options, filename: path, buildContext });
    results.push({ path, result });
    if (result.status === 'error') {
      failed = true;
      continue;
    }
    if (args.write && result.status === 'changed') {
      try {
        await writeFileAtomic(abs, result.output);
      } catch (err) {
        failed = true;
        const msg = err instanceof InputError ? err.message : `${path}: cannot write: ${(err as Error).message}`;
        io.stderr.write(`slimify: error: ${msg}\n`);
        result.error = msg;
        result.status = 'error';
      }
    }
  }
  progress.done();

  const mode = args.write ? 'write' : args.check ? 'check' : 'diff';
  if (args.format === 'json')
    io.stdout.write(JSON.stringify(toJsonReport(results, mode, packageVersion()), null, 2) + '\n');
  else if (args.format === 'markdown') io.stdout.write(toMarkdown(results));
  else if (args.format === 'sarif')
    io.stdout.write(JSON.stringify(toSarif(results, packageVersion(), all), null, 2) + '\n');
  for (const r of results) {
    if (r.result.status === 'error') io.stderr.write(`slimify: error: ${r.path}: ${r.result.error}\n`);
  }
  if (args.format === 'text') {
    if (mode === 'diff') {
      for (const r of results)
        if (r.result.status === 'changed')
          io.stdout.write(unifiedDiff(r.path, r.result.input, r.result.output, { color }));
      for (const r of results) if (r.result.status !== 'error') io.stderr.write(summaryLine(r) + '\n');
      io.stderr.write(
        totalsLine(results) +
          (results.some((r) => r.result.status === 'changed') ? ' (dry run: nothing written; use --write)' : '') +
          '\n',
      );
    } else if (mode === 'write') {
      for (const r of results) if (r.result.status === 'changed') io.stdout.write(`wrote ${summaryLine(r)}\n`);
      io.stdout.write(totalsLine(results) + '\n');
    } else {
      for (const r of results) if (r.result.status === 'changed') io.stdout.write(`would change ${summaryLine(r)}\n`);
      io.stdout.write(totalsLine(results) + '\n');
    }
  }
  if (failed) return EXIT.error;
  if (mode === 'check' && results.some((r) => r.result.status === 'changed')) return EXIT.changes;
  return EXIT.ok;
}

async function stdinMode(args: MainArgs, io: CliIO, options: SlimifyOptions): Promise<number> {
  const path = args['stdin-filepath'] ?? '-';
  let text: string;
  try {
    text = decodeText(await io.readStdin(), path);
  } catch (err) {
    io.stderr.write(`slimify: error: ${(err as Error).message}\n`);
    return EXIT.error;
  }
  const result = slimifySync(text, { ...options, filename: path });
  const results = [{ path, result }];
  if (args.format === 'json')
    io.stdout.write(JSON.stringify(toJsonReport(results, 'stdin', packageVersion()), null, 2) + '\n');
  else if (args.format === 'markdown') io.stdout.write(toMarkdown(results));
  else if (args.format === 'sarif')
    io.stdout.write(JSON.stringify(toSarif(results, packageVersion(), options.transforms ?? registry), null, 2) + '\n');
  else if (!args.check) io.stdout.write(result.output);
  if (result.status === 'error') {
    io.stderr.write(`slimify: error: ${path}: ${result.error}\n`);
    return EXIT.error;
  }
  if (args.format === 'text') io.stderr.write(summaryLine({ path, result }) + '\n');
  if (args.check && result.status === 'changed') return EXIT.changes;
  return EXIT.ok;
}

/**
 * The main command: argv -> options -> files -> results -> output and exit code.
 * Exit codes: 0 ok, 1 `--check` found files that would change, 2 usage or file errors
 * (other files are still processed; a file with an error is never written).
 */
import { dirname, relative, resolve, sep } from 'node:path';
import type { Argv } from 'yargs';
import { transforms as registry } from '../../transforms/index.js';
import { grantsReview, slimifySync, type SlimifyOptions, type SlimifyResult } from '../api/slimify.js';
import { initShellParser } from '../shell/parser.js';
import { buildContextReader } from './build-context.js';
import type { Transform } from '../engine/types.js';
import { selectTransforms, UnknownTransformError } from '../engine/select.js';
import { unifiedDiff } from '../report/diff.js';
import type { FileResult } from '../report/file-result.js';
import { jsonReportWriter, toJsonReport } from '../report/json.js';
import { toMarkdown } from '../report/markdown.js';
import { countFile, detailLines, emptyTotals, formatTotals, summaryLine, type Totals } from '../report/text.js';
import { notRunNotes } from './left-undone.js';
import { packageVersion } from '../version.js';
import { ConfigError, loadConfig, type SlimifyConfig } from './config.js';
import { rewriteOptions } from './rewrite-options.js';
import { discoverFiles, IgnorePathError } from '../fs/discover.js';
import { decodeText, InputError, readInput, writeFileAtomic, type CliIO, type ReadStamp } from './io.js';
import { OPTIONS, stringOptions } from './options.js';
import { EXIT, SUBCOMMANDS, UsageError, VerifySetupError, type CommandRegistrar } from './command.js';
import { plainMainArgs } from './plain-args.js';
import { closest, flag } from './suggest.js';
import { createProgress, longFileProgress } from './progress.js';
import { toSarif } from '../report/sarif.js';
import type { Verifier } from './verify-flow.js';
import { markWork, WORK } from './compile-coverage.cjs';

export { EXIT, UsageError, type CommandRegistrar };

/** Extra yargs commands (pr, verify; SUBCOMMANDS names them): loaded with yargs, not for a plain run. */
async function extraCommands(): Promise<CommandRegistrar[]> {
  const [pr, verify] = await Promise.all([import('./pr-command.js'), import('./verify-command.js')]);
  return [pr.registerPrCommand, verify.registerVerifyCommand];
}

export interface MainArgs {
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
  'no-color'?: boolean;
  'ignore-path'?: string;
  'stdin-filepath'?: string;
  verify?: boolean;
}

/** yargs-parser drops a bare `-`; carry it through as a token no file name can be. */
export const STDIN_TOKEN = '\u0000stdin';

/** Test seam: run the CLI with another transform registry. */
export interface CliDeps {
  transforms?: readonly Transform[];
}

export async function runCli(rawArgv: string[], io: CliIO, deps: CliDeps = {}): Promise<number> {
  const argv = rawArgv.map((a) => (a === '-' ? STDIN_TOKEN : a));
  const all = deps.transforms ?? registry;
  try {
    // A plain use of the main command is read without loading yargs (src/cli/plain-args.ts).
    const plain = plainMainArgs(argv, SUBCOMMANDS);
    if (plain) return await mainCommand(plain as unknown as MainArgs, io, all);
    let exitCode: number = EXIT.ok;
    const parser = await yargsCli(
      argv,
      io,
      (code) => (exitCode = code),
      (args) => mainCommand(args, io, all),
    );
    let output = '';
    await parser.parseAsync(argv, {}, (_err, _argv, out) => {
      output = out;
    });
    if (output) io.stdout.write(output + '\n');
    return exitCode;
  } catch (err) {
    if (
      err instanceof UsageError ||
      err instanceof ConfigError ||
      err instanceof UnknownTransformError ||
      err instanceof IgnorePathError ||
      err instanceof VerifySetupError
    ) {
      io.stderr.write(`slimify: ${err.message}\nRun slimify --help for usage.\n`);
      return EXIT.error;
    }
    throw err;
  }
}

/**
 * The whole command line as yargs reads it: the main command (run by `main` with the arguments
 * yargs read), `pr`, `verify`, --help, --version and the usage errors. Loaded on use: most runs are
 * read by plainMainArgs. Exported for the test that holds the two readers to the same results.
 */
export async function yargsCli(
  argv: string[],
  io: CliIO,
  setExit: (code: number) => void,
  main: (args: MainArgs) => Promise<number>,
): Promise<Argv> {
  const { default: yargs } = await import('yargs');
  let known: string[] = [];
  let parser: Argv = yargs(argv)
    .scriptName('slimify')
    .usage(
      '$0 [paths..]\n\nRewrites Dockerfiles so their images get smaller. Prints a diff by default; nothing is written without --write.',
    )
    .parserConfiguration({ 'boolean-negation': false })
    .strict()
    .exitProcess(false)
    .version(packageVersion())
    .alias('version', 'v')
    .help()
    .alias('help', 'h')
    .wrap(Math.min(100, process.stdout.columns || 100))
    // Before validation, note which command's options apply (main, pr or verify) for "did you mean".
    .middleware(
      ((_argv: unknown, y: { getOptions(): { key: Record<string, unknown> } }) => {
        known = Object.keys(y.getOptions().key);
      }) as never,
      true,
    )
    .fail((msg, err) => {
      throw new UsageError(withSuggestions(msg || err?.message || 'invalid arguments', known));
    });
  for (const register of await extraCommands()) parser = register(parser, io, setExit);
  return parser.command(
    '$0 [paths..]',
    'Slim the Dockerfiles found under the paths (default: the current folder); `-` reads stdin.',
    (y) =>
      y
        .options(OPTIONS as Record<string, object>)
        .requiresArg(stringOptions(OPTIONS))
        .positional('paths', { type: 'string', array: true, describe: 'Files or folders' }),
    async (args) => {
      setExit(await main(args as unknown as MainArgs));
    },
  );
}

/**
 * yargs' "Unknown argument(s): wrte, wrteFile" → one line per flag, with the closest flag the
 * command (main, pr or verify: the instance yargs failed in) really has.
 */
function withSuggestions(msg: string, known: string[]): string {
  const m = /^Unknown arguments?: (.*)$/.exec(msg);
  if (!m) return msg;
  const names = m[1].split(', ');
  // yargs lists `--foo-bar` twice (foo-bar, fooBar); keep the name as typed.
  const typed = names.filter((n) => !names.some((o) => o !== n && o.includes('-') && camel(o) === n));
  return typed
    .map((n) => {
      const guess = closest(
        n,
        known.filter((k) => !/[A-Z]/.test(k)),
      );
      return `unknown option ${flag(n)}${guess ? ` (did you mean ${flag(guess)}?)` : ''}`;
    })
    .join('\nslimify: ');
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

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
  const note = targetNote(options, all, selected);
  if (note && !args['list-transforms']) io.stderr.write(`slimify: note: ${note}\n`);

  if (args['list-transforms']) {
    const width = Math.max(...all.map((t) => t.meta.id.length), 10);
    for (const t of all) {
      const on = !selected.includes(t)
        ? '-'
        : t.meta.tier === 'review' && !grantsReview(t.meta.id, options)
          ? '~'
          : ' ';
      io.stdout.write(`${on} ${t.meta.id.padEnd(width)}  ${t.meta.tier.padEnd(6)}  ${t.meta.description}\n`);
    }
    io.stdout.write(
      `\n'-' = not enabled with the current options, '~' = applies only what evidence proves (the build context). Enable review-tier transforms with --level review or --only.\n`,
    );
    return EXIT.ok;
  }

  await initShellParser();
  const paths = (args.paths?.length ? args.paths : ['.']).map(String);
  if (paths.includes(STDIN_TOKEN)) {
    if (paths.length > 1) throw new UsageError('`-` (stdin) must be the only path');
    if (args.verify) throw new UsageError('--verify needs Dockerfiles on disk (a build context), not stdin');
    return stdinMode(args, io, options);
  }

  const { files, problems, skipped } = await discoverFiles(paths, io.cwd, { ignorePath: args['ignore-path'] });
  for (const s of skipped) io.stderr.write(`slimify: note: ${s.path}: skipped: ${s.message}\n`);
  // --verify: every rewrite is proven by real builds (src/cli/verify-flow.ts)
  // Loaded on use: the verify modules are not needed for a plain run.
  const verifier: Verifier | null = args.verify
    ? await (await import('./verify-flow.js')).createVerifier(args, io)
    : null;
  try {
    return await processFiles(args, io, all, options, files, problems, verifier, selected, contextDir);
  } finally {
    const failures = (await verifier?.close()) ?? [];
    if (failures.length) io.stderr.write(`slimify: warning: could not clean up: ${failures.join('; ')}\n`);
  }
}

async function processFiles(
  args: MainArgs,
  io: CliIO,
  all: readonly Transform[],
  options: SlimifyOptions,
  files: string[],
  problems: { path: string; message: string }[],
  verifier: Verifier | null,
  selected: readonly Transform[],
  contextDir: string | undefined,
): Promise<number> {
  const color = !args['no-color'] && (args.color ?? (io.stdout.isTTY && !io.env.NO_COLOR));
  const progress = createProgress(io, files.length);
  const mode = args.write ? ('write' as const) : args.check ? ('check' as const) : ('diff' as const);
  // The text and json formats are written as files finish and keep only short lines, error lines
  // and totals: memory stays flat in the number of files. Markdown, sarif and json with --verify
  // (which adds its part at the end) are made from every file's result at the end.
  const stdout = heldWhile(progress.on && io.stdout.isTTY, io);
  const text = args.format === 'text' ? textReport(mode, io, color, stdout.write) : null;
  const json = args.format === 'json' && !verifier ? jsonReportWriter(mode, packageVersion(), stdout.write) : null;
  const errorLines: string[] = []; // stderr, after the report's stdout
  const results: FileResult[] = [];
  const totals = emptyTotals();
  const report = (r: FileResult) => {
    countFile(totals, r);
    if (r.result.status === 'error') errorLines.push(errorLine(r));
    if (text) text.add(r);
    else if (json) json.add(r);
    else results.push(r);
  };
  // Every input path is in the reports, with its status: a path that could not be read is an error entry.
  for (const p of problems) report(inputError(p.path, p.message));
  let failed = problems.length > 0;
  const display = (abs: string) => relative(io.cwd, abs).split(sep).join('/') || abs;
  const readBuildContext = buildContextReader(contextDir);
  for (const abs of files) {
    // Let the event loop turn once per file: the reads are synchronous (src/fs/sync-reads.ts), and
    // without a turn, output to a pipe (asynchronous on POSIX) would queue up in memory instead of
    // draining as files finish, and a closed pipe (`slimify . | head`) would be noticed only at the end.
    await new Promise((resolve) => setImmediate(resolve));
    const path = display(abs);
    progress.tick(path);
    let input: string;
    let stamp: ReadStamp;
    try {
      const read = await readInput(abs);
      stamp = read.stamp;
      input = decodeText(read.bytes, path);
    } catch (err) {
      failed = true;
      const msg = (err as Error).message;
      report(inputError(path, msg.startsWith(`${path}: `) ? msg.slice(path.length + 2) : msg));
      continue;
    }
    await initShellParser(); // a no-op, unless the parser failed on an earlier file and needs a new instance
    const buildContext = await readBuildContext(abs);
    const fileOptions: SlimifyOptions = { ...options, filename: path, buildContext };
    const long = longFileProgress(io, path, input);
    markWork(WORK.rewrite);
    const made = verifier
      ? await verifier.rewrite(abs, path, input, fileOptions, contextDir)
      : slimifySync(input, fileOptions);
    long.done();
    const notes = args.format === 'text' || args.format === 'markdown' ? notRunNotes(made, options, all, selected) : [];
    // The report keeps the result's fields, not `made` itself: slimifySync remembers the parsed output
    // for that object (parsedOutput, used just above), and holding every file's parse until the report
    // is printed made memory grow with the number of files (corpus: 111 MB live at the end, now 33 MB).
    const result: SlimifyResult = { ...made };
    if (result.status === 'error') failed = true;
    else if (args.write && result.status === 'changed') {
      try {
        markWork(WORK.write);
        await writeFileAtomic(abs, result.output, stamp);
      } catch (err) {
        // Reported once, with the other file errors below.
        failed = true;
        result.error = err instanceof InputError ? err.message : `cannot write: ${(err as Error).message}`;
        result.status = 'error';
      }
    }
    report({ path, result, notes });
  }
  progress.done();

  if (args.format !== 'text') markWork(WORK.report);
  if (json) json.end();
  else if (args.format === 'json') {
    const whole = toJsonReport(results, mode, packageVersion());
    io.stdout.write(JSON.stringify(verifier ? verifier.json(whole) : whole, null, 2) + '\n');
  } else if (args.format === 'markdown') io.stdout.write(toMarkdown(results) + (verifier?.markdown() ?? ''));
  else if (args.format === 'sarif')
    io.stdout.write(JSON.stringify(toSarif(results, packageVersion(), all), null, 2) + '\n');
  stdout.flush();
  for (const line of errorLines) io.stderr.write(line);
  text?.end(totals, verifier?.textLines() ?? []);
  if (failed) return EXIT.error;
  if (mode === 'check' && totals.changed > 0) return EXIT.changes;
  return EXIT.ok;
}

const errorLine = (r: FileResult) => `slimify: error: ${r.path}: ${r.result.error}\n`;

/** A report entry for a path that was never rewritten: missing, unreadable, binary, not UTF-8, vanished. */
function inputError(path: string, error: string): FileResult {
  return {
    path,
    result: { status: 'error', input: '', output: '', findings: [], estimatedBytes: 0, passes: 0, error },
  };
}

/**
 * Writes to stdout at once, or, while a progress line is on the same terminal (`hold`), keeps the
 * parts until `flush()` (after the line is cleared): the same bytes, later.
 */
function heldWhile(hold: boolean, io: CliIO): { write(s: string): void; flush(): void } {
  const held: string[] = [];
  return {
    write: (s) => {
      if (hold) held.push(s);
      else io.stdout.write(s);
    },
    flush: () => {
      for (const s of held) io.stdout.write(s);
      held.length = 0;
    },
  };
}

/**
 * The text report, written as each file finishes: `out` gets the file's stdout part at once (diff
 * mode: its diff; --check/--write: its summary and detail lines), and only what is printed at the
 * end is kept: diff mode's summary lines (stderr, after the error lines) and the totals. The bytes
 * of each stream are the same as printing every file's result at the end.
 */
function textReport(
  mode: 'diff' | 'write' | 'check',
  io: CliIO,
  color: boolean,
  out: (s: string) => void,
): { add(r: FileResult): void; end(totals: Totals, verifierLines: string[]): void } {
  const summaries: string[] = [];
  const details = (r: FileResult) =>
    detailLines(r)
      .map((l) => l + '\n')
      .join('');
  const verb = mode === 'write' ? 'wrote' : 'would change';
  return {
    add(r) {
      if (r.result.status === 'error') return; // its error line is printed at the end (processFiles)
      if (mode === 'diff') {
        if (r.result.status === 'changed') {
          markWork(WORK.diff);
          out(unifiedDiff(r.path, r.result.input, r.result.output, { color }));
        }
        summaries.push(summaryLine(r) + '\n' + details(r));
      } else out((r.result.status === 'changed' ? `${verb} ${summaryLine(r)}\n` : '') + details(r));
    },
    /** After the held stdout and the error lines. */
    end(totals, verifierLines) {
      for (const line of verifierLines) io.stderr.write(line + '\n');
      if (mode === 'diff') {
        for (const s of summaries) io.stderr.write(s);
        io.stderr.write(
          formatTotals(totals, mode) + (totals.changed ? ' (dry run: nothing written; use --write)' : '') + '\n',
        );
      } else io.stdout.write(formatTotals(totals, mode) + '\n');
    },
  };
}

/** Why `--target alpine` switches nothing: the transform that does it is not running. */
export function targetNote(
  options: SlimifyOptions,
  all: readonly Transform[],
  selected: readonly Transform[],
): string | null {
  if (options.target !== 'alpine') return null;
  const alpine = all.find((t) => t.meta.id === 'alpine-base');
  if (!alpine || selected.includes(alpine)) return null;
  const why = options.skip?.includes(alpine.meta.id)
    ? 'it is skipped (--skip)'
    : options.only?.length
      ? 'it is not in --only'
      : `it is ${alpine.meta.tier} tier and the level is ${options.level ?? 'safe'}`;
  return `--target alpine switches no base image: alpine-base does that, and ${why}. Add --level review or --enable alpine-base (slim-base does not run with --target alpine).`;
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
  markWork(args.format === 'text' ? WORK.rewrite : WORK.rewrite | WORK.report);
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
  if (args.format === 'text')
    io.stderr.write([summaryLine({ path, result }), ...detailLines({ path, result })].join('\n') + '\n');
  if (args.check && result.status === 'changed') return EXIT.changes;
  return EXIT.ok;
}

/**
 * `slimify verify [Dockerfile]`: build the original and the rewritten Dockerfile, compare real
 * sizes, run a smoke command, show where the bytes are. Never runs unless asked for by name: a
 * build runs code from the Dockerfile.
 *
 * Options come from the command line and from the `verify` section of the config file
 * (`--config`, else the nearest `.slimifyrc.json` / package.json "slimify"), e.g.
 *   { "verify": { "engine": "podman", "engineArgs": ["--network=host"], "runArgs": [], "smoke": "app --version" } }
 * Command-line values win; engine/run args from both are used (config first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { splitCommand } from '../verify/argv.js';
import { CleanupRegistry } from '../verify/cleanup.js';
import type { EngineName } from '../verify/engine.js';
import { ENGINE_NAMES } from '../verify/engine.js';
import type { VerifyReport } from '../verify/verify.js';
import { loadConfig, type SlimifyConfig } from './config.js';
import { configSmokeFor, trustedVerifyConfig } from '../verify/trusted-config.js';
import { rewriteOptions } from './rewrite-options.js';
import type { CliIO } from './io.js';
import type { CommandRegistrar } from './command.js';

export interface VerifyIO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export interface VerifyConfig {
  engine?: EngineName;
  engineArgs?: string[];
  runArgs?: string[];
  smoke?: string;
  smokeTimeout?: number;
}

/** The `verify` section of the config file (main's search: --config, else .slimifyrc.json / package.json "slimify"). */
export function loadVerifyConfig(cwd: string, explicit?: string, noConfig = false): VerifyConfig {
  return (loadFullConfig(cwd, explicit, noConfig).verify ?? {}) as VerifyConfig;
}

function loadFullConfig(cwd: string, explicit: string | undefined, noConfig: boolean): SlimifyConfig {
  return noConfig ? {} : loadConfig(cwd, explicit).config;
}

export function verifyOptions<T>(y: Argv<T>) {
  return y
    .positional('dockerfile', {
      type: 'string',
      default: 'Dockerfile',
      describe: 'The Dockerfile to rewrite and verify',
    })
    .option('context', { type: 'string', describe: "Build context (default: the Dockerfile's folder)" })
    .option('rewritten', { type: 'string', describe: 'Compare against this file instead of rewriting in memory' })
    .option('engine', {
      type: 'string',
      choices: ENGINE_NAMES as EngineName[],
      describe: 'Container engine (default: docker, then podman, then buildah)',
    })
    .option('smoke', { type: 'string', describe: 'Command (full argv, no shell) run in both images; must exit 0' })
    .option('smoke-original', {
      type: 'string',
      describe: 'Smoke command for the original image when it differs (e.g. a moved binary)',
    })
    .option('smoke-timeout', { type: 'number', default: 120, describe: 'Seconds before a smoke command is killed' })
    .option('build-arg', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'K=V, for both builds (repeatable)',
    })
    .option('target', { type: 'string', describe: 'Build this stage (--target of the build)' })
    .option('engine-arg', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: "Extra argument for the engine's build command, verbatim (repeatable; write --engine-arg=--flag=value)",
    })
    .option('run-arg', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: "Extra argument for the engine's run command of the smoke test (repeatable)",
    })
    .option('format', { type: 'string', choices: ['text', 'json'], default: 'text' })
    .option('top', { type: 'number', default: 5, describe: 'How many layers and waste groups to list' })
    .option('verbose', { type: 'boolean', default: false, describe: 'Stream the build logs to stderr' })
    .option('config', { type: 'string', describe: 'Config file (its "verify" section)' })
    .option('no-config', { type: 'boolean', describe: 'Do not read any config file' })
    .option('trust-repo-config', {
      type: 'boolean',
      describe:
        "Accept engineArgs/runArgs from the repository's config file (default: command line or your own config only)",
    })
    .option('level', { type: 'string', choices: ['safe', 'review'], describe: 'Rewrite: transform level' })
    .option('only', { type: 'string', describe: 'Rewrite: run only these transforms' })
    .option('skip', { type: 'string', describe: 'Rewrite: never run these transforms' })
    .option('enable', { type: 'string', describe: 'Rewrite: also run these review-tier transforms' })
    .option('rewrite-target', {
      type: 'string',
      choices: ['slim', 'alpine', 'distroless'],
      describe: "Rewrite: base image target (the main command's --target)",
    })
    .requiresArg([
      'context',
      'rewritten',
      'engine',
      'smoke',
      'smoke-original',
      'smoke-timeout',
      'build-arg',
      'target',
      'engine-arg',
      'run-arg',
      'format',
      'top',
      'config',
      'level',
      'rewrite-target',
    ]);
}

type VerifyArgs = Awaited<ReturnType<ReturnType<typeof verifyOptions>['parseAsync']>>;

/** Rewrites in memory with the library API (loaded lazily: building the rewrite needs the transforms). */
async function rewriteInMemory(
  text: string,
  args: VerifyArgs,
  filename: string,
  rewriteConfig: SlimifyConfig,
  where: { dockerfile: string; context: string },
): Promise<{ output: string; error?: string }> {
  const [{ slimify }, { readBuildContext }] = await Promise.all([
    import('../api/slimify.js'),
    import('../context/index.js'),
  ]);
  // The same evidence as the main command: the build context the image is built from.
  const buildContext = await readBuildContext(where.dockerfile, { contextDir: where.context }).catch(() => null);
  const r = await slimify(text, {
    ...rewriteOptions({ ...args, target: args['rewrite-target'] }, rewriteConfig),
    filename,
    buildContext,
  });
  return r.status === 'error' ? { output: text, error: r.error ?? 'rewrite failed' } : { output: r.output };
}

/** Runs verify for parsed arguments; returns the exit code. */
export async function runVerify(args: VerifyArgs, io: VerifyIO, registry = new CleanupRegistry()): Promise<number> {
  // Loaded here, not at start-up: a plain `slimify` run never needs the engines or the archive reader.
  const [{ detectEngine }, { makeRunner }, { renderJson, renderText }, { verify }] = await Promise.all([
    import('../verify/detect.js'),
    import('../verify/exec.js'),
    import('../verify/render.js'),
    import('../verify/verify.js'),
  ]);
  let config: VerifyConfig;
  // The rewrite reads the config file's top-level keys (level, only, skip, enable, target, transforms), as the main command does.
  let fileConfig: SlimifyConfig;
  try {
    const found = args['no-config'] ? { config: {}, path: null } : loadConfig(io.cwd, args.config);
    fileConfig = found.config;
    // engineArgs/runArgs only from the command line, --config or the user's own config (README: Security notes)
    const trusted = trustedVerifyConfig({
      fileSection: fileConfig.verify,
      configPath: found.path,
      explicit: !!args.config,
      trustRepoConfig: args['trust-repo-config'] === true,
      env: process.env,
    });
    for (const line of trusted.ignored) io.stderr(`slimify verify: warning: ${line}\n`);
    config = { ...trusted.config, smoke: configSmokeFor(trusted, resolve(io.cwd, args.dockerfile)) };
  } catch (err) {
    io.stderr(`slimify verify: ${(err as Error).message}\n`);
    return 2;
  }
  const dockerfile = resolve(io.cwd, args.dockerfile);
  const context = resolve(io.cwd, args.context ?? dirname(dockerfile));
  const fail = (msg: string) => {
    io.stderr(`slimify verify: ${msg}\n`);
    return 2;
  };
  if (!existsSync(dockerfile)) return fail(`no such Dockerfile: ${dockerfile}`);
  if (!existsSync(context)) return fail(`no such context folder: ${context}`);
  const original = readFileSync(dockerfile, 'utf8');
  let rewritten: string;
  if (args.rewritten) {
    const p = resolve(io.cwd, args.rewritten);
    if (!existsSync(p)) return fail(`no such file: ${p}`);
    rewritten = readFileSync(p, 'utf8');
  } else {
    const r = await rewriteInMemory(original, args, args.dockerfile, fileConfig, { dockerfile, context });
    if (r.error) return fail(`the rewrite failed: ${r.error}`);
    rewritten = r.output;
  }
  let smoke: string[] | undefined;
  let smokeOriginal: string[] | undefined;
  try {
    const s = args.smoke ?? config.smoke;
    smoke = s ? splitCommand(s) : undefined;
    smokeOriginal = args['smoke-original'] ? splitCommand(args['smoke-original']) : undefined;
  } catch (err) {
    return fail((err as Error).message);
  }
  const run = makeRunner(registry);
  const wanted = (args.engine ?? config.engine) as EngineName | undefined;
  const { engine, tried } = await detectEngine(run, wanted);
  registry.installSignalHandlers((m) => io.stderr(m + '\n'));
  let report: VerifyReport;
  try {
    report = await verify(
      {
        original,
        rewritten,
        context,
        target: args.target,
        buildArgs: args['build-arg'],
        engineArgs: [...(config.engineArgs ?? []), ...args['engine-arg']],
        runArgs: [...(config.runArgs ?? []), ...args['run-arg']],
        smoke,
        smokeOriginal,
        smokeTimeoutMs: (args['smoke-timeout'] ?? config.smokeTimeout ?? 120) * 1000,
        top: args.top,
        onBuildOutput: args.verbose ? (c) => io.stderr(c) : undefined,
        progress: args.format === 'json' ? undefined : (l) => io.stderr(`slimify verify: ${l}\n`),
      },
      { engine, engineTried: tried, registry },
    );
  } finally {
    registry.removeSignalHandlers();
  }
  io.stdout(args.format === 'json' ? renderJson(report) : renderText(report));
  return report.exitCode;
}

export const verifyCommand = {
  command: 'verify [dockerfile]',
  describe: 'Build the original and the rewritten image, compare real sizes, run a smoke test (runs the build!)',
  builder: verifyOptions,
};

/** Registers `slimify verify` with the main CLI (src/cli/run.ts `extraCommands`). */
export const registerVerifyCommand: CommandRegistrar = (parser: Argv, io: CliIO, setExit: (code: number) => void) =>
  parser.command(
    verifyCommand.command,
    verifyCommand.describe,
    (y) => verifyOptions(y),
    async (args) => {
      setExit(
        await runVerify(args as unknown as VerifyArgs, {
          cwd: io.cwd,
          stdout: (s) => io.stdout.write(s),
          stderr: (s) => io.stderr.write(s),
        }),
      );
    },
  );

/**
 * `slimify pr [paths..]`: the yargs wiring of src/pr. Flags override the config file's `pr`
 * section, which overrides the GitHub Actions environment (GITHUB_TOKEN, GITHUB_REPOSITORY,
 * GITHUB_API_URL). Exit codes: 0 done (including "nothing to do"), 2 any error.
 */
import { appendFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { Argv } from 'yargs';
import { transforms as registry } from '../../transforms/index.js';
import type { SlimifyOptions } from '../api/slimify.js';
import type { Transform } from '../engine/types.js';
import { selectTransforms } from '../engine/select.js';
import { rewriteOptions } from './rewrite-options.js';
import type { PrDeps, PrOutcome } from '../pr/run.js';
import { configFromEnv, DEFAULT_AUTHOR, parseAuthor, PrConfigError, type PrConfig } from '../pr/config.js';
import { splitList } from '../text/split-list.js';
import { Redactor } from '../pr/redact.js';
import { loadConfig, type SlimifyConfig } from './config.js';
import { discoverFiles } from '../fs/discover.js';
import { REWRITE_OPTIONS, stringOptions, VERIFY_OPTIONS } from './options.js';
import type { CliIO } from './io.js';
import type { CommandRegistrar } from './command.js';

/** Flags of `slimify pr` only; it also takes the rewrite options (--level, --only, --skip, --enable, --target, --config). */
export const PR_OPTIONS = {
  base: { type: 'string', describe: "Base branch of the pull request (default: the repository's default branch)." },
  remote: { type: 'string', describe: 'Git remote to push to (default: origin).' },
  repository: { type: 'string', describe: 'owner/repo (default: GITHUB_REPOSITORY, else read from the remote URL).' },
  'api-url': { type: 'string', describe: 'GitHub API URL (default: GITHUB_API_URL, else https://api.github.com).' },
  label: { type: 'array', describe: 'Labels for the pull request (comma-separated or repeated).' },
  reviewer: { type: 'array', describe: 'Reviewers: user logins or org/team (comma-separated or repeated).' },
  draft: { type: 'boolean', describe: 'Open the pull request as a draft.' },
  'commit-message': {
    type: 'string',
    describe: 'Commit message (default: "chore(docker): slim Docker images with slimify" and a file list).',
  },
  title: { type: 'string', describe: 'Pull request title (default: the first line of the commit message).' },
  author: { type: 'string', describe: 'Commit author "Name <email>" (default: github-actions[bot]).' },
  scope: { type: 'string', describe: 'Branch slimify/<scope> (default: all, or derived from the paths and --only).' },
  'dry-run': { type: 'boolean', describe: 'Print the branch, commit, title and body; push nothing and call no API.' },
} as const;

export interface PrArgs {
  paths?: string[];
  base?: string;
  remote?: string;
  repository?: string;
  'api-url'?: string;
  label?: string[];
  reviewer?: string[];
  draft?: boolean;
  'commit-message'?: string;
  title?: string;
  author?: string;
  scope?: string;
  'dry-run'?: boolean;
  level?: string;
  only?: string[];
  skip?: string[];
  target?: string;
  config?: string;
  'no-config'?: boolean;
  verify?: boolean;
}

/** The `pr` section of .slimifyrc.json / package.json "slimify". */
interface PrFileConfig {
  base?: string;
  remote?: string;
  labels?: string[];
  reviewers?: string[];
  draft?: boolean;
  commitMessage?: string;
  author?: string;
  scope?: string;
}

function prSection(config: SlimifyConfig): PrFileConfig {
  const pr = config.pr;
  if (pr === undefined) return {};
  if (!pr || typeof pr !== 'object' || Array.isArray(pr)) throw new PrConfigError('config: "pr" must be an object');
  return pr as PrFileConfig;
}

/** Flags + config file + environment → PrConfig. Paths are the files discovery found. */
export async function prConfigFromArgs(
  args: PrArgs,
  io: CliIO,
  transforms: readonly Transform[],
): Promise<{ config: PrConfig; problems: { path: string; message: string }[] }> {
  const file: SlimifyConfig = args['no-config'] ? {} : loadConfig(io.cwd, args.config).config;
  const pr = prSection(file);
  const env = configFromEnv(io.env as NodeJS.ProcessEnv);
  const slimify: SlimifyOptions = { ...rewriteOptions(args, file), transforms };
  selectTransforms(transforms, slimify); // unknown ids are a usage error before anything runs

  const given = (args.paths ?? []).map(String);
  let paths: string[] = [];
  let problems: { path: string; message: string }[] = [];
  if (given.length) {
    const found = await discoverFiles(given, io.cwd);
    paths = found.files;
    problems = found.problems;
  }
  // The scope comes from what the user asked for, not from what discovery found, so adding a
  // Dockerfile later does not move the run to a new branch.
  let scope = args.scope ?? pr.scope;
  if (!scope) {
    // Loaded on use (git starts node:child_process, the scope hash loads node:crypto), as run.js
    // below: a plain run needs none of them.
    const { Git } = await import('../pr/git.js');
    const { defaultScope } = await import('../pr/scope.js');
    const top = await new Git(io.cwd).topLevel().catch(() => io.cwd);
    const asked = given
      .map((p) => relative(top, resolve(io.cwd, p)).split(sep).join('/') || '.')
      .filter((p) => p !== '.');
    scope = defaultScope(asked, slimify.only ?? []);
  }
  const author = args.author ?? pr.author;
  return {
    problems,
    config: {
      cwd: io.cwd,
      paths,
      slimify,
      token: env.token,
      repository: args.repository ?? env.repository,
      apiUrl: args['api-url'] ?? env.apiUrl,
      base: args.base ?? pr.base,
      remote: args.remote ?? pr.remote ?? 'origin',
      labels: args.label ? (splitList(args.label.map(String)) ?? []) : (pr.labels ?? []),
      reviewers: args.reviewer ? (splitList(args.reviewer.map(String)) ?? []) : (pr.reviewers ?? []),
      draft: args.draft ?? pr.draft ?? false,
      commitMessage: args['commit-message'] ?? pr.commitMessage,
      title: args.title,
      author: author ? parseAuthor(author) : DEFAULT_AUTHOR,
      scope,
      dryRun: !!args['dry-run'],
    },
  };
}

export async function prCommand(
  args: PrArgs,
  io: CliIO,
  transforms: readonly Transform[] = registry,
  deps: Partial<PrDeps> = {},
): Promise<{ code: number; outcome?: PrOutcome }> {
  const redactor = new Redactor([configFromEnv(io.env as NodeJS.ProcessEnv).token]);
  let built;
  try {
    built = await prConfigFromArgs(args, io, transforms);
  } catch (err) {
    io.stderr.write(`slimify pr: ${redactor.redact(err instanceof Error ? err.message : String(err))}\n`);
    return { code: 2 };
  }
  if (built.problems.length) {
    for (const p of built.problems) io.stderr.write(`slimify pr: error: ${p.path}: ${p.message}\n`);
    return { code: 2 };
  }
  if (args.paths?.length && !built.config.paths.length) {
    io.stderr.write('slimify pr: no Dockerfile found under the given paths\n');
    return { code: 2 };
  }
  // Loaded here, not at start-up: the GitHub client (@octokit) is only for `slimify pr`.
  const { runPr } = await import('../pr/run.js');
  // --verify: each rewrite is proven by real builds in the checkout (src/cli/verify-flow.ts)
  const verifier = args.verify ? await (await import('./verify-flow.js')).createVerifier(args, io) : null;
  if (verifier) built.config.prove = verifier.prove;
  const outcome = await runPr(built.config, {
    ...deps,
    log: (line) => (/^(slimify pr:|warning:)/.test(line) ? io.stderr : io.stdout).write(line + '\n'),
  }).finally(() => verifier?.close());
  const outputFile = io.env.GITHUB_OUTPUT;
  if (outputFile) {
    // Step outputs for the GitHub Action: what happened, and the PR if there is one.
    const lines = [
      `result=${outcome.action}`,
      `branch=${outcome.branch ?? ''}`,
      `pull-request-number=${outcome.pull?.number ?? ''}`,
      `pull-request-url=${outcome.pull?.url ?? ''}`,
    ];
    appendFileSync(outputFile, lines.join('\n') + '\n');
  }
  return { code: outcome.exitCode, outcome };
}

export const registerPrCommand: CommandRegistrar = (parser: Argv, io: CliIO, setExit: (code: number) => void) =>
  parser.command(
    'pr [paths..]',
    'Open or update a pull request with the rewrites (GitHub; needs GITHUB_TOKEN).',
    (y) =>
      y
        .positional('paths', {
          type: 'string',
          array: true,
          describe: 'Files or folders (default: every Dockerfile on the base branch)',
        })
        .options({ ...REWRITE_OPTIONS, ...VERIFY_OPTIONS, ...PR_OPTIONS } as Record<string, object>)
        .requiresArg(stringOptions({ ...REWRITE_OPTIONS, ...VERIFY_OPTIONS, ...PR_OPTIONS })),
    async (args) => {
      setExit((await prCommand(args as unknown as PrArgs, io)).code);
    },
  );

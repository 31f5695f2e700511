/**
 * `slimify pr`: rewrite the Dockerfiles of the base branch, and keep one pull request per scope
 * up to date with the result.
 *
 *   nothing to change                       → nothing (exit 0)
 *   open PR, same changes, branch untouched → nothing
 *   open PR, new changes, branch untouched  → force-push the branch, update title and body
 *   open PR, someone else pushed to branch  → leave it; comment once per new change set
 *   closed-unmerged PR with the same changes→ nothing (the maintainers said no)
 *   otherwise                               → push the branch, open the PR, add labels/reviewers
 *
 * The commit is built from the base branch with git plumbing, so the user's checkout (branch,
 * index, working tree) is never modified. Errors (git, API, config) exit 2 with a message that
 * never contains the token.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { GitHubApiError, GitHubClient, type PullRequest } from './github.js';
import { Git, GitError } from './git.js';
import { Redactor } from './redact.js';
import { computeChanges, listDockerfiles, type ChangeSet } from './changes.js';
import { branchFor, checkScope, defaultScope, ScopeError } from './scope.js';
import {
  commitMessage,
  defaultTitle,
  fingerprintTrailer,
  humanCommitsMarker,
  parseMarker,
  renderHumanCommitsComment,
  renderPrBody,
} from './body.js';
import { PrConfigError, splitRepository, repositoryFromRemoteUrl, type PrConfig } from './config.js';
import { UnknownTransformError } from '../engine/select.js';

export type PrAction =
  'already-slim' | 'dry-run' | 'created' | 'updated' | 'up-to-date' | 'declined' | 'human-commits' | 'error';

export interface PrOutcome {
  action: PrAction;
  exitCode: 0 | 2;
  branch?: string;
  pull?: { number: number; url: string };
  commit?: string;
  message: string;
}

export interface PrDeps {
  /** One line of human output (already redacted when it reaches here). */
  log: (line: string) => void;
  /** Passed to Octokit (tests point it nowhere else; production uses global fetch). */
  fetch?: typeof fetch;
  /** Extra environment for git (tests). */
  gitEnv?: NodeJS.ProcessEnv;
}

export async function runPr(config: PrConfig, deps: PrDeps): Promise<PrOutcome> {
  const redactor = new Redactor([config.token]);
  const log = (line: string) => deps.log(redactor.redact(line));
  try {
    const outcome = await run(config, deps, log);
    log(outcome.message);
    return outcome;
  } catch (err) {
    const message = redactor.redact(describe(err));
    deps.log(`slimify pr: ${message}`);
    return { action: 'error', exitCode: 2, message };
  }
}

function describe(err: unknown): string {
  if (
    err instanceof GitHubApiError ||
    err instanceof PrConfigError ||
    err instanceof ScopeError ||
    err instanceof UnknownTransformError
  )
    return err.message;
  if (err instanceof GitError) return `${err.message} (running: git ${err.args.join(' ')})`;
  return `internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
}

async function run(config: PrConfig, deps: PrDeps, log: (line: string) => void): Promise<PrOutcome> {
  const cwdGit = new Git(config.cwd, { env: deps.gitEnv });
  const top = await cwdGit.topLevel().catch(() => {
    throw new PrConfigError(`${config.cwd} is not inside a git repository`);
  });
  const git = new Git(top, { env: deps.gitEnv });
  const { remote } = config;
  const remoteUrl = await git.remoteUrl(remote);
  if (!remoteUrl) throw new PrConfigError(`there is no git remote named "${remote}" (use --remote)`);

  const cwd = realpathSync(config.cwd);
  const paths = config.paths.map((p) => toRepoPath(realpathSync(top), resolve(cwd, p)));
  const scope = config.scope ? checkScope(config.scope) : defaultScope(paths, config.slimify.only ?? []);
  const branch = branchFor(scope);

  let github: GitHubClient | null = null;
  if (!config.dryRun) {
    if (!config.token)
      throw new PrConfigError('GITHUB_TOKEN is not set (the token slimify uses to open the pull request)');
    const repository = config.repository ?? repositoryFromRemoteUrl(remoteUrl);
    if (!repository)
      throw new PrConfigError(
        'cannot tell which GitHub repository this is: set GITHUB_REPOSITORY=owner/repo or --repository',
      );
    const { owner, repo } = splitRepository(repository);
    github = new GitHubClient({ token: config.token, owner, repo, apiUrl: config.apiUrl, fetch: deps.fetch });
  }

  // The base branch and its commit. A dry run uses only what is already in the local repository.
  let base = config.base;
  let baseCommit: string | null;
  let remoteHead: string | null = null;
  if (github) {
    base ??= await github.defaultBranch();
    remoteHead = await git.remoteBranchHead(remote, branch);
    await git.fetch(remote, remoteHead ? [base, branch] : [base]);
    baseCommit = await git.resolve(`refs/remotes/${remote}/${base}`);
  } else {
    base ??= (await git.remoteDefaultBranch(remote)) ?? (await git.currentBranch()) ?? undefined;
    if (!base) throw new PrConfigError('cannot tell the base branch in a dry run with a detached HEAD: use --base');
    baseCommit = (await git.resolve(`refs/remotes/${remote}/${base}`)) ?? (await git.resolve(`refs/heads/${base}`));
  }
  if (!baseCommit) throw new PrConfigError(`base branch "${base}" not found on remote "${remote}"`);

  const files = paths.length ? paths : await listDockerfiles(git, baseCommit);
  const prove = config.prove;
  const changes = await computeChanges(
    git,
    baseCommit,
    files,
    config.slimify,
    prove && ((p, text, options) => prove(resolve(top, p), p, text, options)),
  );
  for (const p of changes.problems) log(`warning: ${p.path}: ${p.message}`);
  if (!changes.changed.length) {
    return {
      action: 'already-slim',
      exitCode: 0,
      branch,
      message: `Nothing to change in ${changes.checked} Dockerfile(s) on ${base}: no pull request needed.`,
    };
  }

  const message = commitMessage(changes, scope, config.commitMessage);
  const title = config.title ?? (config.commitMessage ? message.split('\n')[0] : defaultTitle(scope));
  const bodyFor = (head: string) =>
    renderPrBody({
      changes,
      scope,
      base: base!,
      options: config.slimify,
      marker: { scope, fingerprint: changes.fingerprint, head },
    });

  if (!github) {
    log(`Dry run: nothing was pushed and no GitHub API was called.`);
    log(`Branch: ${branch} (from ${remote}/${base} at ${baseCommit.slice(0, 12)})`);
    log(`Files: ${changes.changed.map((c) => c.path).join(', ')}`);
    log(`Commit message:\n${indent(message)}`);
    log(`Pull request title: ${title}`);
    log(`Pull request body:\n${indent(bodyFor('<commit>'))}`);
    return {
      action: 'dry-run',
      exitCode: 0,
      branch,
      message: `Dry run done: would push ${branch} and open or update its pull request.`,
    };
  }

  const pulls = await github.pullsForBranch(branch);
  const open = pulls.find((p) => p.state === 'open');

  if (open) {
    const marker = parseMarker(open.body);
    if (remoteHead && !(await isOurs(git, remoteHead, marker?.head))) {
      if (marker?.fingerprint === changes.fingerprint) {
        return {
          action: 'human-commits',
          exitCode: 0,
          branch,
          pull: ref(open),
          message: `${branch} has commits slimify did not make and slimify has nothing new; leaving #${open.number} alone.`,
        };
      }
      return humanCommits(github, open, branch, changes, paths, config, log);
    }
    if (marker && remoteHead && marker.head === remoteHead && marker.fingerprint === changes.fingerprint) {
      return {
        action: 'up-to-date',
        exitCode: 0,
        branch,
        pull: ref(open),
        message: `#${open.number} is up to date (${open.url}); nothing to do.`,
      };
    }
    const commit = await git.commitFiles(
      baseCommit,
      changes.changed.map((c) => ({ path: c.path, content: c.result.output })),
      message,
      config.author,
    );
    await git.pushForce(remote, commit, branch, remoteHead);
    log(`Pushed ${commit.slice(0, 12)} to ${remote}/${branch}.`);
    await github.updatePull(open.number, { title, body: bodyFor(commit) });
    await updateLocalBranch(git, branch, commit);
    return {
      action: 'updated',
      exitCode: 0,
      branch,
      commit,
      pull: ref(open),
      message: `Updated #${open.number}: ${open.url}`,
    };
  }

  const declined = pulls.find(
    (p) => p.state === 'closed' && !p.merged && parseMarker(p.body)?.fingerprint === changes.fingerprint,
  );
  if (declined) {
    return {
      action: 'declined',
      exitCode: 0,
      branch,
      pull: ref(declined),
      message: `#${declined.number} with these same changes was closed without merging (${declined.url}); not opening it again.`,
    };
  }
  if (remoteHead && !(await isOurs(git, remoteHead, undefined))) {
    throw new PrConfigError(
      `branch ${branch} already exists on ${remote} with commits slimify did not make, and has no open pull request; ` +
        `delete the branch or choose another --scope`,
    );
  }

  const commit = await git.commitFiles(
    baseCommit,
    changes.changed.map((c) => ({ path: c.path, content: c.result.output })),
    message,
    config.author,
  );
  await git.pushForce(remote, commit, branch, remoteHead);
  log(`Pushed ${commit.slice(0, 12)} to ${remote}/${branch}.`);
  const pr = await github.createPull({ title, body: bodyFor(commit), head: branch, base, draft: config.draft });
  // The PR exists now; a reviewer or label GitHub refuses is worth a warning, not a failed run.
  if (config.labels.length) {
    await github
      .addLabels(pr.number, config.labels)
      .catch((e: unknown) => log(`warning: ${e instanceof Error ? e.message : String(e)}`));
  }
  if (config.reviewers.length) {
    await github
      .requestReviewers(pr.number, config.reviewers)
      .catch((e: unknown) => log(`warning: ${e instanceof Error ? e.message : String(e)}`));
  }
  await updateLocalBranch(git, branch, commit);
  return { action: 'created', exitCode: 0, branch, commit, pull: ref(pr), message: `Opened #${pr.number}: ${pr.url}` };
}

/**
 * Whether the remote branch tip is slimify's own work: the commit its PR body recorded, or else
 * a single-parent commit carrying slimify's fingerprint trailer (a commit anyone pushes on top,
 * or a merge of the base into the branch, becomes the tip and has no trailer). No history walk:
 * this also holds in the shallow clones CI checks out.
 */
async function isOurs(git: Git, tip: string, recorded: string | undefined): Promise<boolean> {
  if (recorded && tip === recorded) return true;
  if ((await git.parents(tip)).length !== 1) return false;
  return fingerprintTrailer(await git.commitMessage(tip)) !== null;
}

async function humanCommits(
  github: GitHubClient,
  open: PullRequest,
  branch: string,
  changes: ChangeSet,
  paths: readonly string[],
  config: PrConfig,
  log: (line: string) => void,
): Promise<PrOutcome> {
  const marker = humanCommitsMarker(changes.fingerprint);
  const comments = await github.listComments(open.number);
  const base = { action: 'human-commits' as const, exitCode: 0 as const, branch, pull: ref(open) };
  if (comments.some((c) => c.body.includes(marker))) {
    return {
      ...base,
      message: `${branch} has commits slimify did not make; already said so on #${open.number}. Not overwriting.`,
    };
  }
  const shown = paths.length ? paths : changes.changed.map((c) => c.path);
  await github.createComment(
    open.number,
    renderHumanCommitsComment({ branch, fingerprint: changes.fingerprint, paths: shown, options: config.slimify }),
  );
  log(`Commented on #${open.number}.`);
  return {
    ...base,
    message: `${branch} has commits slimify did not make; commented on #${open.number} instead of overwriting them.`,
  };
}

/** Points the local branch at the pushed commit, unless the user has it checked out. */
async function updateLocalBranch(git: Git, branch: string, commit: string): Promise<void> {
  if ((await git.currentBranch()) === branch) return;
  await git.setLocalBranch(branch, commit);
}

function ref(p: PullRequest) {
  return { number: p.number, url: p.url };
}

function toRepoPath(top: string, abs: string): string {
  const rel = relative(top, abs);
  if (!rel || rel.startsWith('..') || isAbsolute(rel))
    throw new PrConfigError(`${abs} is outside the repository ${top}`);
  return rel.split(sep).join('/');
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

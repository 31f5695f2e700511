/**
 * `slimify pr` settings: flags first, then the standard GitHub Actions environment
 * (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL), then what the git remote says.
 */
import type { SlimifyOptions } from '../api/slimify.js';
import type { Identity } from './git.js';
import type { ProveFile } from './changes.js';

export class PrConfigError extends Error {}

export interface PrConfig {
  /** Where to run (any directory inside the repository). */
  cwd: string;
  /** Dockerfiles to rewrite, absolute or relative to cwd; empty: every Dockerfile in the base tree. */
  paths: string[];
  slimify: SlimifyOptions;
  token?: string;
  /** `owner/repo`. */
  repository?: string;
  apiUrl?: string;
  /** Base branch; default: the repository's default branch. */
  base?: string;
  remote: string;
  labels: string[];
  reviewers: string[];
  draft: boolean;
  /** Commit subject and body (slimify adds its trailers); also the PR title's source. */
  commitMessage?: string;
  title?: string;
  author: Identity;
  /** Branch is slimify/<scope>; default derived from paths and --only. */
  scope?: string;
  dryRun: boolean;
  /** `--verify`: prove each rewrite with real builds (`abs`: the file in the checkout; the build context is its folder). */
  prove?: (abs: string, ...rest: Parameters<ProveFile>) => ReturnType<ProveFile>;
}

export const DEFAULT_AUTHOR: Identity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};

/** `Name <email>` → Identity. */
export function parseAuthor(text: string): Identity {
  const m = /^\s*([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  if (!m) throw new PrConfigError(`invalid --author "${text}": expected "Name <email>"`);
  return { name: m[1], email: m[2] };
}

/** `owner/repo` from a GitHub remote URL (https, ssh or scp-like), or null. */
export function repositoryFromRemoteUrl(url: string): string | null {
  const m = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?[^/:]+[:/](?:\d+\/)?([^/]+)\/([^/]+?)(?:\.git)?\/?$/i.exec(url.trim());
  return m ? `${m[1]}/${m[2]}` : null;
}

export function splitRepository(repository: string): { owner: string; repo: string } {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository);
  if (!m)
    throw new PrConfigError(
      `invalid repository "${repository}": expected owner/repo (GITHUB_REPOSITORY or --repository)`,
    );
  return { owner: m[1], repo: m[2] };
}

/** Comma- or newline-separated list (action inputs and flags). */
export interface EnvConfig {
  token?: string;
  repository?: string;
  apiUrl?: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv): EnvConfig {
  return {
    token: env.GITHUB_TOKEN || env.GH_TOKEN || undefined,
    repository: env.GITHUB_REPOSITORY || undefined,
    apiUrl: env.GITHUB_API_URL || undefined,
  };
}

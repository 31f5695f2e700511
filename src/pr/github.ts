/**
 * The few GitHub REST calls `slimify pr` makes, over @octokit/rest, with every failure turned
 * into a GitHubApiError whose message says what went wrong and what to do, and never contains
 * the token.
 */
import { Octokit } from '@octokit/rest';
import { Redactor } from './redact.js';

export type ApiErrorKind =
  'unauthorized' | 'forbidden' | 'rate-limited' | 'not-found' | 'invalid' | 'network' | 'server' | 'other';

export class GitHubApiError extends Error {
  constructor(
    message: string,
    readonly kind: ApiErrorKind,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export interface PullRequest {
  number: number;
  state: 'open' | 'closed';
  merged: boolean;
  title: string;
  body: string;
  url: string;
  headRef: string;
  headSha: string;
  headOwner: string | null;
}

export interface IssueComment {
  id: number;
  body: string;
}

export interface GitHubClientOptions {
  token: string;
  owner: string;
  repo: string;
  /** GITHUB_API_URL; https://api.github.com by default. */
  apiUrl?: string;
  userAgent?: string;
  /** Tests may inject their own fetch; production uses the global one. */
  fetch?: typeof fetch;
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

export class GitHubClient {
  readonly owner: string;
  readonly repo: string;
  private readonly octokit: Octokit;
  private readonly redactor: Redactor;

  constructor(options: GitHubClientOptions) {
    this.owner = options.owner;
    this.repo = options.repo;
    this.redactor = new Redactor([options.token]);
    this.octokit = new Octokit({
      auth: options.token,
      baseUrl: (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
      userAgent: options.userAgent ?? 'slimify',
      log: silent,
      request: options.fetch ? { fetch: options.fetch } : undefined,
    });
  }

  private get ids() {
    return { owner: this.owner, repo: this.repo };
  }

  /** Runs one API call; maps any failure to a GitHubApiError naming the action. */
  private async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw mapError(err, action, `${this.owner}/${this.repo}`, this.redactor);
    }
  }

  async defaultBranch(): Promise<string> {
    return this.call(
      'read the repository',
      async () => (await this.octokit.rest.repos.get(this.ids)).data.default_branch,
    );
  }

  /** Pull requests whose head is `<owner>:<branch>`, open and closed, newest first. */
  async pullsForBranch(branch: string): Promise<PullRequest[]> {
    return this.call('list pull requests', async () => {
      const { data } = await this.octokit.rest.pulls.list({
        ...this.ids,
        head: `${this.owner}:${branch}`,
        state: 'all',
        sort: 'created',
        direction: 'desc',
        per_page: 100,
      });
      return data.map(toPull).filter((p) => p.headRef === branch);
    });
  }

  async createPull(p: {
    title: string;
    body: string;
    head: string;
    base: string;
    draft: boolean;
  }): Promise<PullRequest> {
    return this.call('create the pull request', async () =>
      toPull((await this.octokit.rest.pulls.create({ ...this.ids, ...p })).data),
    );
  }

  async updatePull(number: number, p: { title?: string; body?: string }): Promise<PullRequest> {
    return this.call(`update pull request #${number}`, async () =>
      toPull((await this.octokit.rest.pulls.update({ ...this.ids, pull_number: number, ...p })).data),
    );
  }

  async addLabels(number: number, labels: readonly string[]): Promise<void> {
    await this.call(`add labels to #${number}`, () =>
      this.octokit.rest.issues.addLabels({ ...this.ids, issue_number: number, labels: [...labels] }),
    );
  }

  /** Reviewers are user logins or `org/team` slugs. */
  async requestReviewers(number: number, reviewers: readonly string[]): Promise<void> {
    const users = reviewers.filter((r) => !r.includes('/'));
    const teams = reviewers.filter((r) => r.includes('/')).map((r) => r.split('/').pop()!);
    await this.call(`request reviewers on #${number}`, () =>
      this.octokit.rest.pulls.requestReviewers({
        ...this.ids,
        pull_number: number,
        reviewers: users,
        team_reviewers: teams,
      }),
    );
  }

  async listComments(number: number): Promise<IssueComment[]> {
    return this.call(`list comments of #${number}`, async () => {
      const { data } = await this.octokit.rest.issues.listComments({
        ...this.ids,
        issue_number: number,
        per_page: 100,
      });
      return data.map((c) => ({ id: c.id, body: c.body ?? '' }));
    });
  }

  async createComment(number: number, body: string): Promise<IssueComment> {
    return this.call(`comment on #${number}`, async () => {
      const { data } = await this.octokit.rest.issues.createComment({ ...this.ids, issue_number: number, body });
      return { id: data.id, body: data.body ?? '' };
    });
  }

  async updateComment(id: number, body: string): Promise<void> {
    await this.call('update a comment', () =>
      this.octokit.rest.issues.updateComment({ ...this.ids, comment_id: id, body }),
    );
  }
}

interface RawPull {
  number: number;
  state: string;
  merged_at?: string | null;
  title: string;
  body?: string | null;
  html_url: string;
  head: { ref: string; sha: string; repo?: { owner?: { login?: string } } | null };
}

function toPull(p: RawPull): PullRequest {
  return {
    number: p.number,
    state: p.state === 'open' ? 'open' : 'closed',
    merged: !!p.merged_at,
    title: p.title,
    body: p.body ?? '',
    url: p.html_url,
    headRef: p.head.ref,
    headSha: p.head.sha,
    headOwner: p.head.repo?.owner?.login ?? null,
  };
}

interface OctokitLikeError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

/** Turns an Octokit RequestError (or anything thrown) into a clear, token-free GitHubApiError. */
export function mapError(err: unknown, action: string, repo: string, redactor: Redactor): GitHubApiError {
  const e = (err ?? {}) as OctokitLikeError;
  const status = typeof e.status === 'number' ? e.status : null;
  const headers = e.response?.headers ?? {};
  const apiMessage = apiMessageOf(e.response?.data) ?? '';
  const said = apiMessage ? ` GitHub said: ${apiMessage}` : '';
  const make = (kind: ApiErrorKind, text: string) =>
    new GitHubApiError(redactor.redact(`could not ${action}: ${text}`), kind, status);

  if (!e.response) {
    const cause = (err as { cause?: { message?: string } })?.cause?.message;
    return make(
      'network',
      `network error talking to the GitHub API (${cause ?? e.message ?? String(err)}); check GITHUB_API_URL and the network.`,
    );
  }
  if (
    status === 429 ||
    (status === 403 && (String(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test(apiMessage)))
  ) {
    const reset = Number(headers['x-ratelimit-reset']);
    const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : '';
    return make('rate-limited', `the GitHub API rate limit is exhausted${when}; try again later.${said}`);
  }
  switch (status) {
    case 401:
      return make(
        'unauthorized',
        `the token was rejected (401 Unauthorized); check that GITHUB_TOKEN is set and valid.${said}`,
      );
    case 403:
      return make(
        'forbidden',
        `access denied (403 Forbidden); the token needs the "contents: write" and "pull-requests: write" permissions on ${repo}.${said}`,
      );
    case 404:
      return make('not-found', `not found (404); check that ${repo} exists and the token can see it.${said}`);
    case 422:
      return make('invalid', `GitHub rejected the request (422 Unprocessable Entity).${said}`);
    default:
      if (status !== null && status >= 500) return make('server', `GitHub returned ${status}; try again later.${said}`);
      return make('other', `GitHub returned ${status ?? 'an error'}.${said || ` ${e.message ?? ''}`}`);
  }
}

function apiMessageOf(data: unknown): string | null {
  if (!data || typeof data !== 'object') return typeof data === 'string' && data ? data.slice(0, 300) : null;
  const d = data as { message?: unknown; errors?: unknown };
  const parts: string[] = [];
  if (typeof d.message === 'string') parts.push(d.message);
  if (Array.isArray(d.errors)) {
    for (const x of d.errors) {
      if (typeof x === 'string') parts.push(x);
      else if (x && typeof x === 'object' && typeof (x as { message?: unknown }).message === 'string')
        parts.push((x as { message: string }).message);
    }
  }
  return parts.length ? parts.join('; ') : null;
}

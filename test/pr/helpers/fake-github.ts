/**
 * A local stand-in for the GitHub REST API: the few endpoints `slimify pr` uses, on 127.0.0.1
 * only, keeping pull requests and comments in memory and recording every call.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The JSON body of a request, with the fields the fake reads. */
export interface RequestBody {
  title?: string;
  body?: string;
  head?: string;
  base?: string;
  draft?: boolean;
  labels?: string[];
  reviewers?: string[];
  team_reviewers?: string[];
  [field: string]: unknown;
}

export interface Call {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The JSON body ({} when the request had none). */
  body: RequestBody;
  authorization: string | undefined;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  merged_at: string | null;
  title: string;
  body: string;
  draft: boolean;
  base: string;
  head: string;
  labels: string[];
  reviewers: string[];
  team_reviewers: string[];
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Close the connection without answering (a network error). */
  hangUp?: boolean;
}

export class FakeGitHub {
  readonly calls: Call[] = [];
  readonly pulls: FakePull[] = [];
  readonly comments: FakeComment[] = [];
  defaultBranch = 'main';
  private failures: Failure[] = [];
  private server: Server | null = null;
  private nextId = 1000;

  constructor(
    readonly owner: string,
    readonly repo: string,
    readonly token: string,
    /** The current commit of a branch on the git remote (what GitHub would show as head.sha). */
    private readonly headSha: (branch: string) => string | null,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(err) }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** The next call matching method and path fails with this status. */
  failNext(
    method: string,
    path: RegExp,
    status: number,
    body: unknown = { message: 'failure' },
    headers?: Record<string, string>,
  ): void {
    this.failures.push({ method, path, status, body, headers });
  }

  hangUpNext(method: string, path: RegExp): void {
    this.failures.push({ method, path, status: 0, body: null, hangUp: true });
  }

  /** "METHOD /path" of every recorded call, for asserting sequences. */
  sequence(): string[] {
    return this.calls.map((c) => `${c.method} ${c.path}`);
  }

  clearCalls(): void {
    this.calls.length = 0;
  }

  /** A pull request created outside slimify (by the test). */
  addPull(p: Partial<FakePull> & { head: string; body: string }): FakePull {
    const pull: FakePull = {
      number: this.pulls.length + 1,
      state: 'open',
      merged_at: null,
      title: 'x',
      draft: false,
      base: this.defaultBranch,
      labels: [],
      reviewers: [],
      team_reviewers: [],
      ...p,
    };
    this.pulls.push(pull);
    return pull;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const call: Call = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: raw ? (JSON.parse(raw) as RequestBody) : {},
      authorization: req.headers.authorization,
    };
    this.calls.push(call);
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(data === undefined ? '' : JSON.stringify(data));
    };

    const failure = this.failures.findIndex((f) => f.method === call.method && f.path.test(call.path));
    if (failure !== -1) {
      const [f] = this.failures.splice(failure, 1);
      if (f.hangUp) {
        req.socket.destroy();
        return;
      }
      return send(f.status, f.body, f.headers);
    }
    if (call.authorization !== `token ${this.token}`) return send(401, { message: 'Bad credentials' });

    const prefix = `/repos/${this.owner}/${this.repo}`;
    if (!call.path.startsWith(prefix)) return send(404, { message: 'Not Found' });
    const rest = call.path.slice(prefix.length);
    let m: RegExpExecArray | null;

    if (call.method === 'GET' && rest === '') {
      return send(200, { full_name: `${this.owner}/${this.repo}`, default_branch: this.defaultBranch });
    }
    if (call.method === 'GET' && rest === '/pulls') {
      const head = call.query.head;
      const state = call.query.state ?? 'open';
      const found = this.pulls
        .filter((p) => (state === 'all' ? true : p.state === state))
        .filter((p) => !head || `${this.owner}:${p.head}` === head)
        .sort((a, b) => b.number - a.number);
      return send(
        200,
        found.map((p) => this.render(p)),
      );
    }
    if (call.method === 'POST' && rest === '/pulls') {
      const b = call.body;
      if (!this.headSha(b.head ?? ''))
        return send(422, {
          message: 'Validation Failed',
          errors: [{ message: `No commits between ${b.base} and ${b.head}` }],
        });
      if (this.pulls.some((p) => p.state === 'open' && p.head === b.head)) {
        return send(422, {
          message: 'Validation Failed',
          errors: [{ message: `A pull request already exists for ${this.owner}:${b.head}.` }],
        });
      }
      const pull = this.addPull({
        title: b.title ?? '',
        body: b.body ?? '',
        head: b.head ?? '',
        base: b.base ?? '',
        draft: !!b.draft,
      });
      return send(201, this.render(pull));
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && call.method === 'PATCH') {
      const pull = this.pulls.find((p) => p.number === Number(m![1]));
      if (!pull) return send(404, { message: 'Not Found' });
      if (call.body.title !== undefined) pull.title = call.body.title;
      if (call.body.body !== undefined) pull.body = call.body.body;
      return send(200, this.render(pull));
    }
    if ((m = /^\/pulls\/(\d+)\/requested_reviewers$/.exec(rest)) && call.method === 'POST') {
      const pull = this.pulls.find((p) => p.number === Number(m![1]));
      if (!pull) return send(404, { message: 'Not Found' });
      pull.reviewers.push(...(call.body.reviewers ?? []));
      pull.team_reviewers.push(...(call.body.team_reviewers ?? []));
      return send(201, this.render(pull));
    }
    if ((m = /^\/issues\/(\d+)\/labels$/.exec(rest)) && call.method === 'POST') {
      const pull = this.pulls.find((p) => p.number === Number(m![1]));
      if (!pull) return send(404, { message: 'Not Found' });
      pull.labels.push(...(call.body.labels ?? []));
      return send(
        200,
        pull.labels.map((name) => ({ name })),
      );
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const issue = Number(m[1]);
      if (!this.pulls.some((p) => p.number === issue)) return send(404, { message: 'Not Found' });
      if (call.method === 'GET')
        return send(
          200,
          this.comments.filter((c) => c.issue === issue).map((c) => ({ id: c.id, body: c.body })),
        );
      if (call.method === 'POST') {
        const c = { id: this.nextId++, issue, body: call.body.body ?? '' };
        this.comments.push(c);
        return send(201, { id: c.id, body: c.body });
      }
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest)) && call.method === 'PATCH') {
      const c = this.comments.find((x) => x.id === Number(m![1]));
      if (!c) return send(404, { message: 'Not Found' });
      c.body = call.body.body ?? '';
      return send(200, { id: c.id, body: c.body });
    }
    return send(404, { message: 'Not Found' });
  }

  private render(p: FakePull) {
    return {
      number: p.number,
      state: p.state,
      merged_at: p.merged_at,
      title: p.title,
      body: p.body,
      draft: p.draft,
      html_url: `https://github.example/${this.owner}/${this.repo}/pull/${p.number}`,
      base: { ref: p.base },
      head: { ref: p.head, sha: this.headSha(p.head) ?? '0'.repeat(40), repo: { owner: { login: this.owner } } },
      labels: p.labels.map((name) => ({ name })),
    };
  }
}

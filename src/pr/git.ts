/**
 * The git operations `slimify pr` needs, each one `git` process with an argument array (never a
 * shell string, so no path or branch name is ever interpreted by a shell).
 *
 * The commit is built with plumbing (hash-object, a private index file, write-tree, commit-tree)
 * from the base branch's tree, so the user's working tree, index and checked-out branch are never
 * touched: there is nothing to restore when something fails half-way.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class GitError extends Error {
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface Identity {
  name: string;
  email: string;
}

export interface GitOptions {
  /** Extra environment for every git process (tests set HOME / GIT_CONFIG_NOSYSTEM). */
  env?: NodeJS.ProcessEnv;
}

export class Git {
  constructor(
    readonly cwd: string,
    private readonly options: GitOptions = {},
  ) {}

  /** Runs git; rejects with GitError on a non-zero exit unless `allowFail`. */
  run(
    args: readonly string[],
    opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv; allowFail?: boolean } = {},
  ): Promise<GitResult> {
    return new Promise((resolve, reject) => {
      const child = spawn('git', args, {
        cwd: this.cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...this.options.env, ...opts.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.on('error', (e) => reject(new GitError(`could not run git: ${e.message}`, args, null, '')));
      child.on('close', (code) => {
        const result = {
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          code,
        };
        if (code !== 0 && !opts.allowFail) {
          const detail = result.stderr.trim().split('\n').slice(-3).join(' / ');
          reject(
            new GitError(
              `git ${args[0]} failed (exit ${code})${detail ? `: ${detail}` : ''}`,
              args,
              code,
              result.stderr,
            ),
          );
        } else resolve(result);
      });
      child.stdin.on('error', () => {}); // git may exit before reading stdin
      child.stdin.end(opts.input ?? '');
    });
  }

  private async out(args: readonly string[]): Promise<string> {
    return (await this.run(args)).stdout.trim();
  }

  /** The top level of the working tree; fails outside a repository. */
  topLevel(): Promise<string> {
    return this.out(['rev-parse', '--show-toplevel']);
  }

  /** The checked-out branch name, or null when HEAD is detached. */
  async currentBranch(): Promise<string | null> {
    const r = await this.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFail: true });
    return r.code === 0 ? r.stdout.trim() : null;
  }

  /** The commit a ref points to, or null if it does not exist. */
  async resolve(ref: string): Promise<string | null> {
    const r = await this.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { allowFail: true });
    return r.code === 0 ? r.stdout.trim() : null;
  }

  /** `git status --porcelain` of tracked files (untracked files are not ours to judge). */
  async trackedChanges(): Promise<string> {
    return this.out(['status', '--porcelain', '--untracked-files=no']);
  }

  /** The configured fetch URL of a remote as written (before any url.<base>.insteadOf rewriting). */
  async remoteUrl(remote: string): Promise<string | null> {
    const r = await this.run(['config', '--get', `remote.${remote}.url`], { allowFail: true });
    return r.code === 0 ? r.stdout.trim() : null;
  }

  /** The branch the remote's HEAD points to (`origin/HEAD` → `main`), from local refs only. */
  async remoteDefaultBranch(remote: string): Promise<string | null> {
    const r = await this.run(['symbolic-ref', '--quiet', '--short', `refs/remotes/${remote}/HEAD`], {
      allowFail: true,
    });
    if (r.code !== 0) return null;
    const name = r.stdout.trim();
    return name.startsWith(`${remote}/`) ? name.slice(remote.length + 1) : name;
  }

  /** The commit of `refs/heads/<branch>` on the remote, or null if the remote has no such branch. */
  async remoteBranchHead(remote: string, branch: string): Promise<string | null> {
    const out = await this.out(['ls-remote', '--heads', '--', remote, `refs/heads/${branch}`]);
    const line = out.split('\n').find((l) => l.endsWith(`\trefs/heads/${branch}`));
    return line ? line.split('\t')[0] : null;
  }

  /** Fetches branches into `refs/remotes/<remote>/<branch>`. */
  async fetch(remote: string, branches: readonly string[]): Promise<void> {
    const specs = branches.map((b) => `+refs/heads/${b}:refs/remotes/${remote}/${b}`);
    await this.run(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--', remote, ...specs]);
  }

  /** The tree entry of `path` at `commit` (mode, type, object id), or null if there is none. */
  async entry(commit: string, path: string): Promise<{ mode: string; type: string; id: string } | null> {
    const out = await this.out(['ls-tree', '-z', '--full-tree', commit, '--', path]);
    const rec = out.split('\0').find((r) => r.endsWith(`\t${path}`));
    if (!rec) return null;
    const [meta] = rec.split('\t');
    const [mode, type, id] = meta.split(' ');
    return { mode, type, id };
  }

  /** The contents of a blob. */
  async readBlob(id: string): Promise<string> {
    return (await this.run(['cat-file', 'blob', id])).stdout;
  }

  /**
   * Creates a commit whose tree is `parent`'s tree with `files` replaced, without touching the
   * working tree, the index or any ref. Returns the new commit id.
   */
  async commitFiles(
    parent: string,
    files: readonly { path: string; content: string }[],
    message: string,
    author: Identity,
  ): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'slimify-index-'));
    const env = { GIT_INDEX_FILE: join(dir, 'index') };
    try {
      await this.run(['read-tree', parent], { env });
      for (const f of files) {
        const blob = (await this.run(['hash-object', '-w', '--stdin'], { input: f.content })).stdout.trim();
        const mode = (await this.entry(parent, f.path))?.mode ?? '100644';
        await this.run(['update-index', '--add', '--cacheinfo', `${mode},${blob},${f.path}`], { env });
      }
      const tree = (await this.run(['write-tree'], { env })).stdout.trim();
      const who = {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
      };
      return (
        await this.run(['commit-tree', tree, '-p', parent, '-F', '-'], { input: message, env: who })
      ).stdout.trim();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The full message of a commit. */
  commitMessage(commit: string): Promise<string> {
    return this.out(['show', '-s', '--format=%B', commit]);
  }

  /** The parents of a commit. */
  async parents(commit: string): Promise<string[]> {
    return (await this.out(['rev-list', '--parents', '-n', '1', commit])).split(' ').slice(1);
  }

  /**
   * Pushes `commit` to `refs/heads/<branch>` on the remote, forcing, but only if the remote branch
   * is still at `expected` (null: must not exist). A push that lost that race fails.
   */
  async pushForce(remote: string, commit: string, branch: string, expected: string | null): Promise<void> {
    await this.run([
      'push',
      '--quiet',
      '--porcelain',
      `--force-with-lease=refs/heads/${branch}:${expected ?? ''}`,
      '--',
      remote,
      `${commit}:refs/heads/${branch}`,
    ]);
  }

  /** Points the local branch `refs/heads/<branch>` at `commit` (creating it), unless it is checked out. */
  async setLocalBranch(branch: string, commit: string): Promise<void> {
    await this.run(['update-ref', '-m', 'slimify pr', `refs/heads/${branch}`, commit]);
  }
}

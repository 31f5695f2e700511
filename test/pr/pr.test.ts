/**
 * `slimify pr` end to end: a real git repository whose remote is a bare repository, and the
 * GitHub API served by a local fake (127.0.0.1) that records every call.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runPr, type PrOutcome } from '../../src/pr/run.js';
import { DEFAULT_AUTHOR, type PrConfig } from '../../src/pr/config.js';
import { parseMarker } from '../../src/pr/body.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { createTestRepo, type TestRepo } from './helpers/repo.js';
import { testTransforms } from './helpers/transforms.js';

const TOKEN = 'ghp_TestTokenThatMustNeverBePrinted0123';
const FILES = {
  Dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
  'services/api/Dockerfile': 'FROM python:3.12\n# the API\nRUN pip install flask\n',
  'slim/Dockerfile': 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n',
  'README.md': 'hello\n',
};
const R = '/repos/acme/app';

// Each test spawns a few dozen git processes on a shared machine: allow time, assert none.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let repo: TestRepo;
let gh: FakeGitHub;
let apiUrl: string;
let logs: string[];

beforeEach(async () => {
  repo = createTestRepo(FILES);
  gh = new FakeGitHub('acme', 'app', TOKEN, (b) => repo.remoteHead(b));
  apiUrl = await gh.start();
  logs = [];
});

afterEach(async () => {
  await gh.stop();
  repo.cleanup();
});

function config(over: Partial<PrConfig> = {}): PrConfig {
  return {
    cwd: repo.work,
    paths: [],
    slimify: { transforms: testTransforms, level: 'review' },
    token: TOKEN,
    repository: 'acme/app',
    apiUrl,
    remote: 'origin',
    labels: ['docker', 'slimify'],
    reviewers: ['alice', 'acme/platform'],
    draft: false,
    author: DEFAULT_AUTHOR,
    dryRun: false,
    ...over,
  };
}

async function pr(over: Partial<PrConfig> = {}): Promise<PrOutcome> {
  const out = await runPr(config(over), { log: (l) => logs.push(l), gitEnv: repo.env });
  return out;
}

/** The user's checkout: branch, HEAD, status and file contents. */
function snapshot() {
  return {
    branch: repo.git(['symbolic-ref', '--short', 'HEAD']),
    head: repo.git(['rev-parse', 'HEAD']),
    status: repo.git(['status', '--porcelain']),
    files: Object.fromEntries(Object.keys(FILES).map((f) => [f, readFileSync(join(repo.work, f), 'utf8')])),
    localBranches: repo.git(['for-each-ref', '--format=%(refname)', 'refs/heads']),
  };
}

function noTokenAnywhere(outcome?: PrOutcome) {
  const all = [...logs, outcome?.message ?? '', JSON.stringify(gh.pulls), JSON.stringify(gh.comments)].join('\n');
  expect(all).not.toContain(TOKEN);
}

/** A second developer pushes a commit to main. */
function pushToMain(files: Record<string, string>, message = 'more') {
  const other = existsSync(join(repo.root, 'other')) ? join(repo.root, 'other') : repo.clone('other');
  repo.git(['pull', '--quiet', 'origin', 'main'], other);
  repo.write(files, other);
  return repo.commitAndPush(message, other);
}

describe('slimify pr: first run', () => {
  it('pushes one commit on slimify/all, opens the PR, labels it, requests reviewers, and leaves the checkout alone', async () => {
    const before = snapshot();
    const out = await pr();
    expect(out).toMatchObject({ action: 'created', exitCode: 0, branch: 'slimify/all', pull: { number: 1 } });

    expect(gh.sequence()).toEqual([
      `GET ${R}`,
      `GET ${R}/pulls`,
      `POST ${R}/pulls`,
      `POST ${R}/issues/1/labels`,
      `POST ${R}/pulls/1/requested_reviewers`,
    ]);
    expect(gh.calls.every((c) => c.authorization === `token ${TOKEN}`)).toBe(true);
    expect(gh.calls[1].query).toMatchObject({ head: 'acme:slimify/all', state: 'all' });
    expect(gh.calls[2].body).toMatchObject({
      head: 'slimify/all',
      base: 'main',
      draft: false,
      title: 'chore(docker): slim Docker images with slimify',
    });
    expect(gh.calls[3].body).toEqual({ labels: ['docker', 'slimify'] });
    expect(gh.calls[4].body).toEqual({ reviewers: ['alice'], team_reviewers: ['platform'] });

    // The branch on the remote: one commit on top of main with the rewritten files.
    const head = repo.remoteHead('slimify/all')!;
    const main = repo.remoteHead('main')!;
    expect(repo.git(['rev-parse', `${head}^`], repo.bare)).toBe(main);
    expect(repo.git(['diff', '--name-only', main, head], repo.bare).split('\n')).toEqual([
      'Dockerfile',
      'services/api/Dockerfile',
    ]);
    expect(repo.git(['show', `${head}:Dockerfile`], repo.bare)).toBe(
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    );
    expect(repo.git(['show', `${head}:services/api/Dockerfile`], repo.bare)).toContain(
      'pip install --no-cache-dir flask',
    );
    expect(repo.git(['show', '-s', '--format=%an <%ae>|%cn', head], repo.bare)).toBe(
      'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|github-actions[bot]',
    );
    const message = repo.git(['show', '-s', '--format=%B', head], repo.bare);
    expect(message).toMatch(/^chore\(docker\): slim Docker images with slimify\n/);
    expect(message).toMatch(/\nSlimify-Scope: all\nSlimify-Fingerprint: [0-9a-f]{16}$/);

    // The PR body: marker pointing at the pushed commit, rows, total, review tier, diff, reproduce.
    const body = gh.pulls[0].body;
    expect(parseMarker(body)).toMatchObject({ scope: 'all', head });
    expect(body).toContain(
      '| `Dockerfile` | 2 | `test-no-recommends` | Recommended packages are not needed at run time \\| skip them. | ~50.0 MB (heuristic) |',
    );
    expect(body).toContain('| `services/api/Dockerfile` | 3 | `test-pip-no-cache` ⚠️ review |');
    expect(body).toContain('**Total estimated saving: ~62.5 MB**');
    expect(body).toMatch(/### ⚠️ Please look carefully[\s\S]*`services\/api\/Dockerfile` line 3 — `test-pip-no-cache`/);
    expect(body).toContain('<details><summary>Full diff</summary>');
    expect(body).toContain('+RUN apt-get update && apt-get install -y --no-install-recommends curl');
    expect(body).toContain('npx slimify --write --level review Dockerfile services/api/Dockerfile');

    // The user's repository: same branch, same HEAD, clean, same files; plus the local slimify branch.
    const after = snapshot();
    expect({ ...after, localBranches: undefined }).toEqual({ ...before, localBranches: undefined });
    expect(after.localBranches.split('\n').sort()).toEqual(['refs/heads/main', 'refs/heads/slimify/all']);
    expect(repo.git(['rev-parse', 'refs/heads/slimify/all'])).toBe(head);
    noTokenAnywhere(out);
  });

  it('opens a draft with a custom commit message and scope, without labels or reviewers', async () => {
    const out = await pr({
      draft: true,
      labels: [],
      reviewers: [],
      commitMessage: 'build: smaller images',
      scope: 'weekly',
      paths: ['Dockerfile'],
    });
    expect(out.action).toBe('created');
    expect(gh.sequence()).toEqual([`GET ${R}`, `GET ${R}/pulls`, `POST ${R}/pulls`]);
    expect(gh.calls[2].body).toMatchObject({ head: 'slimify/weekly', draft: true, title: 'build: smaller images' });
    const head = repo.remoteHead('slimify/weekly')!;
    expect(repo.git(['show', '-s', '--format=%B', head], repo.bare)).toMatch(
      /^build: smaller images\n\nSlimify-Scope: weekly\nSlimify-Fingerprint: /,
    );
    expect(repo.git(['diff', '--name-only', `${head}^`, head], repo.bare)).toBe('Dockerfile');
  });

  it('uses the given base branch without asking GitHub for the default branch', async () => {
    repo.git(['checkout', '--quiet', '-b', 'develop']);
    repo.write({ 'develop.Dockerfile': 'FROM debian:12\nRUN apt-get install -y make\n' });
    repo.commitAndPush('develop work');
    const out = await pr({ base: 'develop', paths: ['develop.Dockerfile'] });
    expect(out.action).toBe('created');
    expect(gh.sequence()).toEqual([
      `GET ${R}/pulls`,
      `POST ${R}/pulls`,
      `POST ${R}/issues/1/labels`,
      `POST ${R}/pulls/1/requested_reviewers`,
    ]);
    expect(gh.calls[1].body.base).toBe('develop');
    expect(repo.git(['symbolic-ref', '--short', 'HEAD'])).toBe('develop');
  });

  it('reads the base branch from the remote, not from the working tree', async () => {
    // Local, uncommitted edits are neither included nor disturbed.
    repo.write({ Dockerfile: 'FROM debian:12\nRUN apt-get install -y local-edit\n' });
    const out = await pr({ paths: ['Dockerfile'] });
    expect(out.action).toBe('created');
    const head = repo.remoteHead('slimify/dockerfile')!;
    expect(repo.git(['show', `${head}:Dockerfile`], repo.bare)).toContain('install -y --no-install-recommends curl');
    expect(readFileSync(join(repo.work, 'Dockerfile'), 'utf8')).toBe(
      'FROM debian:12\nRUN apt-get install -y local-edit\n',
    );
    expect(repo.git(['status', '--porcelain'])).toBe('M Dockerfile');
  });
});

describe('slimify pr: later runs', () => {
  it('does nothing when nothing changed since, even if main moved on elsewhere', async () => {
    await pr();
    const head = repo.remoteHead('slimify/all');
    const body = gh.pulls[0].body;
    pushToMain({ 'README.md': 'unrelated\n' });
    gh.clearCalls();

    const out = await pr();
    expect(out).toMatchObject({ action: 'up-to-date', exitCode: 0, pull: { number: 1 } });
    expect(gh.sequence()).toEqual([`GET ${R}`, `GET ${R}/pulls`]);
    expect(repo.remoteHead('slimify/all')).toBe(head);
    expect(gh.pulls[0].body).toBe(body);
  });

  it('force-pushes the branch and updates the body when there is a new change', async () => {
    await pr();
    const oldHead = repo.remoteHead('slimify/all')!;
    const main = pushToMain({ 'worker/Dockerfile': 'FROM debian:12\nRUN apt-get install -y jq\n' });
    gh.clearCalls();

    const out = await pr();
    expect(out).toMatchObject({ action: 'updated', exitCode: 0, pull: { number: 1 } });
    expect(gh.sequence()).toEqual([`GET ${R}`, `GET ${R}/pulls`, `PATCH ${R}/pulls/1`]);
    expect(gh.pulls).toHaveLength(1);
    const newHead = repo.remoteHead('slimify/all')!;
    expect(newHead).not.toBe(oldHead);
    // Rebuilt on the new main (a force-push, not a commit on top of the old one).
    expect(repo.git(['rev-parse', `${newHead}^`], repo.bare)).toBe(main);
    expect(() => repo.git(['merge-base', '--is-ancestor', oldHead, newHead], repo.bare)).toThrow(); // exit 1: not an ancestor
    expect(repo.git(['diff', '--name-only', main, newHead], repo.bare).split('\n')).toEqual([
      'Dockerfile',
      'services/api/Dockerfile',
      'worker/Dockerfile',
    ]);
    expect(parseMarker(gh.pulls[0].body)!.head).toBe(newHead);
    expect(gh.pulls[0].body).toContain('`worker/Dockerfile`');
    expect(repo.git(['rev-parse', 'refs/heads/slimify/all'])).toBe(newHead);
  });

  it('does not reopen changes the maintainers closed, but opens a new PR for new changes', async () => {
    await pr();
    gh.pulls[0].state = 'closed';
    const closedHead = repo.remoteHead('slimify/all');
    gh.clearCalls();

    const declined = await pr();
    expect(declined).toMatchObject({ action: 'declined', exitCode: 0, pull: { number: 1 } });
    expect(gh.sequence()).toEqual([`GET ${R}`, `GET ${R}/pulls`]);
    expect(repo.remoteHead('slimify/all')).toBe(closedHead);

    pushToMain({ 'worker/Dockerfile': 'FROM debian:12\nRUN apt-get install -y jq\n' });
    gh.clearCalls();
    const reopened = await pr();
    expect(reopened).toMatchObject({ action: 'created', pull: { number: 2 } });
    expect(gh.sequence()).toEqual([
      `GET ${R}`,
      `GET ${R}/pulls`,
      `POST ${R}/pulls`,
      `POST ${R}/issues/2/labels`,
      `POST ${R}/pulls/2/requested_reviewers`,
    ]);
    expect(repo.remoteHead('slimify/all')).not.toBe(closedHead);
  });

  it('does not overwrite commits a human pushed to the branch; comments once per new change set', async () => {
    await pr();
    const other = repo.clone('human');
    repo.git(['checkout', '--quiet', '-b', 'slimify/all', 'origin/slimify/all'], other);
    repo.write(
      {
        Dockerfile:
          'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates\n',
      },
      other,
    );
    const humanHead = repo.commitAndPush('add ca-certificates', other);

    // Nothing new from slimify: leave the PR alone without a word.
    gh.clearCalls();
    expect(await pr()).toMatchObject({ action: 'human-commits', exitCode: 0 });
    expect(gh.sequence()).toEqual([`GET ${R}`, `GET ${R}/pulls`]);

    // Something new: say so once on the PR, never push.
    pushToMain({ 'worker/Dockerfile': 'FROM debian:12\nRUN apt-get install -y jq\n' });
    gh.clearCalls();
    expect(await pr()).toMatchObject({ action: 'human-commits', exitCode: 0, pull: { number: 1 } });
    expect(gh.sequence()).toEqual([
      `GET ${R}`,
      `GET ${R}/pulls`,
      `GET ${R}/issues/1/comments`,
      `POST ${R}/issues/1/comments`,
    ]);
    expect(gh.comments[0].body).toContain('commits that slimify did not make');
    expect(repo.remoteHead('slimify/all')).toBe(humanHead);

    gh.clearCalls();
    expect((await pr()).action).toBe('human-commits');
    expect(gh.sequence()).toEqual([`GET ${R}`, `GET ${R}/pulls`, `GET ${R}/issues/1/comments`]);
    expect(gh.comments).toHaveLength(1);
    expect(repo.remoteHead('slimify/all')).toBe(humanHead);
  });

  it('treats a merge of main into the branch ("Update branch") as a human commit', async () => {
    await pr();
    pushToMain({ 'worker/Dockerfile': 'FROM debian:12\nRUN apt-get install -y jq\n' });
    const other = repo.clone('updater');
    repo.git(['checkout', '--quiet', '-b', 'slimify/all', 'origin/slimify/all'], other);
    repo.git(['merge', '--quiet', '--no-edit', 'origin/main'], other);
    repo.git(['push', '--quiet', 'origin', 'slimify/all'], other);
    const merged = repo.remoteHead('slimify/all');
    gh.clearCalls();
    expect(await pr()).toMatchObject({ action: 'human-commits' });
    expect(gh.sequence()).toEqual([
      `GET ${R}`,
      `GET ${R}/pulls`,
      `GET ${R}/issues/1/comments`,
      `POST ${R}/issues/1/comments`,
    ]);
    expect(repo.remoteHead('slimify/all')).toBe(merged);
  });

  it('works from a fresh shallow clone on every run, as CI checks out', async () => {
    const shallow = (name: string) => {
      const dir = join(repo.root, name);
      repo.git(['clone', '--quiet', '--depth', '1', `file://${repo.bare}`, dir], repo.root);
      return dir;
    };
    expect(await pr({ cwd: shallow('ci-1') })).toMatchObject({ action: 'created' });
    pushToMain({ 'worker/Dockerfile': 'FROM debian:12\nRUN apt-get install -y jq\n' });
    pushToMain({ 'README.md': 'again\n' });
    gh.clearCalls();
    expect(await pr({ cwd: shallow('ci-2') })).toMatchObject({ action: 'updated' });
    expect(gh.sequence()).toEqual([`GET ${R}`, `GET ${R}/pulls`, `PATCH ${R}/pulls/1`]);
    gh.clearCalls();
    expect(await pr({ cwd: shallow('ci-3') })).toMatchObject({ action: 'up-to-date' });
    // A push whose PR update failed (no marker for it) is still recognised as slimify's own.
    gh.pulls[0].body = gh.pulls[0].body.replace(/<!-- slimify:pr .*? -->/, '');
    pushToMain({ 'other/Dockerfile': 'FROM debian:12\nRUN apt-get install -y git\n' });
    gh.clearCalls();
    expect(await pr({ cwd: shallow('ci-4') })).toMatchObject({ action: 'updated' });
  });

  it('refuses to take over a branch of that name that someone else created', async () => {
    const other = repo.clone('human');
    repo.git(['checkout', '--quiet', '-b', 'slimify/all'], other);
    repo.write({ 'notes.txt': 'mine\n' }, other);
    const humanHead = repo.commitAndPush('my own work', other);
    const out = await pr();
    expect(out).toMatchObject({ action: 'error', exitCode: 2 });
    expect(out.message).toMatch(/branch slimify\/all already exists on origin with commits slimify did not make/);
    expect(gh.sequence()).toEqual([`GET ${R}`, `GET ${R}/pulls`]);
    expect(repo.remoteHead('slimify/all')).toBe(humanHead);
  });
});

describe('slimify pr: nothing to do and dry runs', () => {
  it('opens nothing when the files are already slim', async () => {
    const before = snapshot();
    const out = await pr({ paths: ['slim/Dockerfile'], base: 'main' });
    expect(out).toMatchObject({ action: 'already-slim', exitCode: 0 });
    expect(gh.calls).toEqual([]);
    expect(repo.remoteHead('slimify/slim-dockerfile')).toBeNull();
    expect(snapshot()).toEqual(before);
  });

  it('--dry-run prints branch, commit, title and body, and calls nothing', async () => {
    const before = snapshot();
    const out = await pr({ dryRun: true });
    expect(out).toMatchObject({ action: 'dry-run', exitCode: 0, branch: 'slimify/all' });
    expect(gh.calls).toEqual([]);
    expect(repo.remoteHead('slimify/all')).toBeNull();
    expect(snapshot()).toEqual(before);
    const text = logs.join('\n');
    expect(text).toContain('Branch: slimify/all (from origin/main');
    expect(text).toContain('Slimify-Fingerprint:');
    expect(text).toContain('Pull request title: chore(docker): slim Docker images with slimify');
    expect(text).toContain('| `Dockerfile` | 2 | `test-no-recommends`');
    noTokenAnywhere(out);
  });

  it('--dry-run works without a token', async () => {
    const out = await pr({ dryRun: true, token: undefined, repository: undefined });
    expect(out.exitCode).toBe(0);
  });
});

describe('slimify pr: failures', () => {
  async function expectFailure(out: PrOutcome, pattern: RegExp, before: ReturnType<typeof snapshot>) {
    expect(out).toMatchObject({ action: 'error', exitCode: 2 });
    expect(out.message).toMatch(pattern);
    expect(logs.at(-1)).toBe(`slimify pr: ${out.message}`);
    expect(snapshot()).toEqual(before);
    noTokenAnywhere(out);
  }

  it('401: bad token', async () => {
    const before = snapshot();
    const out = await pr({ token: 'ghp_WrongTokenAlsoSecret123' });
    await expectFailure(
      out,
      /could not read the repository: the token was rejected \(401 Unauthorized\).*Bad credentials/,
      before,
    );
    expect(out.message).not.toContain('ghp_WrongTokenAlsoSecret123');
    expect(gh.sequence()).toEqual([`GET ${R}`]);
    expect(repo.remoteHead('slimify/all')).toBeNull();
  });

  it('403 with an exhausted rate limit, before anything was pushed', async () => {
    const before = snapshot();
    gh.failNext(
      'GET',
      /\/pulls$/,
      403,
      { message: 'API rate limit exceeded' },
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000000' },
    );
    const out = await pr();
    await expectFailure(
      out,
      /could not list pull requests: the GitHub API rate limit is exhausted until 2023-11-14T22:13:20.000Z/,
      before,
    );
    expect(repo.remoteHead('slimify/all')).toBeNull();
  });

  it('403 without rate limit: missing permissions', async () => {
    const before = snapshot();
    gh.failNext('POST', /\/pulls$/, 403, { message: 'Resource not accessible by integration' });
    const out = await pr();
    await expectFailure(
      out,
      /could not create the pull request: access denied \(403 Forbidden\); the token needs .*Resource not accessible by integration/,
      before,
    );
  });

  it('404: unknown repository', async () => {
    const before = snapshot();
    const out = await pr({ repository: 'acme/nope' });
    await expectFailure(out, /not found \(404\); check that acme\/nope exists/, before);
  });

  it('422 on create, and a retry picks up the branch it already pushed', async () => {
    const before = snapshot();
    gh.failNext('POST', /\/pulls$/, 422, { message: 'Validation Failed', errors: [{ message: 'something is wrong' }] });
    const out = await pr();
    await expectFailure(
      out,
      /could not create the pull request: GitHub rejected the request \(422 Unprocessable Entity\). GitHub said: Validation Failed; something is wrong/,
      before,
    );
    const pushed = repo.remoteHead('slimify/all');
    expect(pushed).not.toBeNull();

    gh.clearCalls();
    const retry = await pr();
    expect(retry).toMatchObject({ action: 'created', exitCode: 0 });
    expect(gh.sequence()).toEqual([
      `GET ${R}`,
      `GET ${R}/pulls`,
      `POST ${R}/pulls`,
      `POST ${R}/issues/1/labels`,
      `POST ${R}/pulls/1/requested_reviewers`,
    ]);
  });

  it('network failure while updating the PR', async () => {
    await pr();
    pushToMain({ 'worker/Dockerfile': 'FROM debian:12\nRUN apt-get install -y jq\n' });
    const before = snapshot();
    gh.hangUpNext('PATCH', /\/pulls\/1$/);
    const out = await pr();
    expect(out).toMatchObject({ action: 'error', exitCode: 2 });
    expect(out.message).toMatch(/could not update pull request #1: network error talking to the GitHub API/);
    // The local slimify branch is only moved once everything succeeded.
    expect(snapshot()).toEqual(before);
    noTokenAnywhere(out);
  });

  it('an API error message that echoes the token is redacted', async () => {
    gh.failNext('GET', /^\/repos\/acme\/app$/, 500, { message: `internal error for token ${TOKEN}` });
    const out = await pr();
    expect(out.exitCode).toBe(2);
    expect(out.message).toContain('GitHub returned 500');
    expect(out.message).toContain('internal error for token ***');
    noTokenAnywhere(out);
  });

  it('labels or reviewers GitHub refuses are warnings, the PR stays open', async () => {
    gh.failNext('POST', /requested_reviewers$/, 422, { message: 'Reviews may only be requested from collaborators.' });
    const out = await pr();
    expect(out).toMatchObject({ action: 'created', exitCode: 0 });
    expect(
      logs.some((l) => /^warning: could not request reviewers on #1: .*only be requested from collaborators/.test(l)),
    ).toBe(true);
  });

  it('missing token, missing remote, unknown transform', async () => {
    expect((await pr({ token: undefined })).message).toMatch(/GITHUB_TOKEN is not set/);
    expect((await pr({ remote: 'upstream' })).message).toMatch(/no git remote named "upstream"/);
    expect((await pr({ slimify: { transforms: testTransforms, only: ['nope'] } })).message).toMatch(
      /unknown transform id: nope/,
    );
    expect(gh.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('derives the repository from the remote URL when GITHUB_REPOSITORY is not set', async () => {
    repo.git(['remote', 'set-url', 'origin', 'https://github.com/acme/app.git']);
    repo.git(['remote', 'set-url', '--push', 'origin', repo.bare]);
    repo.git(['config', `url.${repo.bare}.insteadOf`, 'https://github.com/acme/app.git']);
    const out = await pr({ repository: undefined });
    expect(out.message).toMatch(/^Opened #1/);
  });
});

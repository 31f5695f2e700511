/** `slimify pr` and `--format sarif` through the CLI (in-process, real git, local fake API). */
import type { Log } from 'sarif';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prCommand } from '../../src/cli/pr-command.js';
import type { CliIO } from '../../src/cli/io.js';
import { cli, tempTree } from '../helpers/cli-harness.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { createTestRepo, type TestRepo } from './helpers/repo.js';
import { testTransforms } from './helpers/transforms.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const TOKEN = 'ghp_CliTokenThatMustNotLeak987654';
let repo: TestRepo;
let gh: FakeGitHub;
let apiUrl: string;

beforeEach(async () => {
  repo = createTestRepo({
    Dockerfile: 'FROM debian:12\nRUN apt-get install -y curl\n',
    'services/api/Dockerfile': 'FROM python:3.12\nRUN pip install flask\n',
    'services/web/Dockerfile': 'FROM debian:12\nRUN apt-get install -y nginx\n',
  });
  gh = new FakeGitHub('acme', 'app', TOKEN, (b) => repo.remoteHead(b));
  apiUrl = await gh.start();
});

afterEach(async () => {
  await gh.stop();
  repo.cleanup();
});

function io(env: Record<string, string | undefined>, cwd = repo.work) {
  const out = { stdout: '', stderr: '' };
  const value: CliIO = {
    cwd,
    stdout: { write: (s) => void (out.stdout += s), isTTY: false },
    stderr: { write: (s) => void (out.stderr += s), isTTY: false },
    readStdin: async () => Buffer.from(''),
    env,
  };
  return { io: value, out };
}

const ENV = () => ({ GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'acme/app', GITHUB_API_URL: apiUrl });

describe('slimify pr (CLI)', () => {
  it('maps flags and the environment onto the run; the scope comes from the paths asked for', async () => {
    const outputs = join(repo.root, 'github-output');
    const { io: cio, out } = io({ ...ENV(), GITHUB_OUTPUT: outputs });
    const r = await prCommand(
      {
        paths: ['services/'],
        label: ['docker,size', 'bot'],
        reviewer: ['alice'],
        draft: true,
        author: 'Slim Bot <slim@example.com>',
        level: 'review',
      },
      cio,
      testTransforms,
      { gitEnv: repo.env },
    );
    expect(out.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outcome).toMatchObject({ action: 'created', branch: 'slimify/services' });
    expect(gh.sequence()).toEqual([
      'GET /repos/acme/app',
      'GET /repos/acme/app/pulls',
      'POST /repos/acme/app/pulls',
      'POST /repos/acme/app/issues/1/labels',
      'POST /repos/acme/app/pulls/1/requested_reviewers',
    ]);
    expect(gh.calls[2].body).toMatchObject({ draft: true, head: 'slimify/services' });
    expect(gh.calls[3].body).toEqual({ labels: ['docker', 'size', 'bot'] });
    const head = repo.remoteHead('slimify/services')!;
    expect(repo.git(['show', '-s', '--format=%an <%ae>', head], repo.bare)).toBe('Slim Bot <slim@example.com>');
    expect(repo.git(['diff', '--name-only', `${head}^`, head], repo.bare).split('\n')).toEqual([
      'services/api/Dockerfile',
      'services/web/Dockerfile',
    ]);
    expect(out.stdout).toMatch(/Opened #1: https:\/\/github\.example\/acme\/app\/pull\/1\n$/);
    expect(out.stdout + out.stderr).not.toContain(TOKEN);
    expect(readFileSync(outputs, 'utf8')).toBe(
      'result=created\nbranch=slimify/services\npull-request-number=1\npull-request-url=https://github.example/acme/app/pull/1\n',
    );
  });

  it('reads the pr section of .slimifyrc.json; flags win', async () => {
    writeFileSync(
      join(repo.work, '.slimifyrc.json'),
      JSON.stringify({ level: 'review', pr: { labels: ['from-config'], scope: 'weekly', draft: true } }),
    );
    const { io: cio } = io(ENV());
    const r = await prCommand({ draft: false }, cio, testTransforms, { gitEnv: repo.env });
    expect(r.outcome).toMatchObject({ action: 'created', branch: 'slimify/weekly' });
    expect(gh.calls[2].body.draft).toBe(false);
    expect(gh.calls[3].body).toEqual({ labels: ['from-config'] });
    // Review tier from the config file: the pip change is in.
    expect(repo.git(['show', `${repo.remoteHead('slimify/weekly')}:services/api/Dockerfile`], repo.bare)).toContain(
      '--no-cache-dir',
    );
  });

  it('exits 2 without leaking the token when the API refuses it', async () => {
    gh.failNext('GET', /^\/repos\/acme\/app$/, 401, { message: `Bad credentials: ${TOKEN}` });
    const { io: cio, out } = io(ENV());
    const r = await prCommand({}, cio, testTransforms, { gitEnv: repo.env });
    expect(r.code).toBe(2);
    expect(out.stderr).toMatch(
      /^slimify pr: could not read the repository: the token was rejected \(401 Unauthorized\)/,
    );
    expect(out.stdout + out.stderr).not.toContain(TOKEN);
  });

  it('usage problems exit 2 before any API call', async () => {
    const a = io(ENV());
    expect((await prCommand({ paths: ['nope/'] }, a.io, testTransforms)).code).toBe(2);
    expect(a.out.stderr).toContain('nope/: no such file or folder');
    const b = io(ENV());
    expect((await prCommand({ author: 'no email' }, b.io, testTransforms)).code).toBe(2);
    expect(b.out.stderr).toContain('invalid --author "no email"');
    const c = io(ENV());
    expect((await prCommand({ only: ['nope'] }, c.io, testTransforms)).code).toBe(2);
    expect(c.out.stderr).toContain('unknown transform id: nope');
    expect(gh.calls).toEqual([]);
  });

  it('is registered as a subcommand of the main CLI', async () => {
    // No token in the environment: the run stops at configuration, whatever the registry holds.
    const r = await cli(repo.work, ['pr', '--label', 'a', '--draft']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('slimify pr: GITHUB_TOKEN is not set');
    const help = await cli(repo.work, ['pr', '--help']);
    expect(help.stdout).toContain('--dry-run');
    expect(help.stdout).toContain('--reviewer');
  });
});

describe('--format sarif (CLI)', () => {
  it('prints a SARIF log for the files found', async () => {
    const root = tempTree({ Dockerfile: 'FROM debian\nRUN apt install -y curl\n' });
    const r = await cli(root, ['--check', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as Log;
    expect(log.version).toBe('2.1.0');
    expect(
      log.runs[0].results!.map((x) => [
        x.ruleId,
        x.locations![0].physicalLocation!.artifactLocation!.uri,
        x.locations![0].physicalLocation!.region!.startLine,
      ]),
    ).toEqual([['apt-in-script', 'Dockerfile', 2]]);
    expect(log.runs[0].tool.driver.rules![0].properties!.transform).toBe('test-apt-get');
  });
});

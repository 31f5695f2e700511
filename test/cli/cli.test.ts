import { chmodSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempTree } from '../helpers/cli-harness.js';
import { breaker } from '../helpers/test-transforms.js';

const FAT = 'FROM debian:bookworm\n# install tools\nRUN apt update && apt install -y curl\n';
const SLIM = 'FROM debian:bookworm\nRUN apt-get update\n';
const FIXED = FAT.replace('apt update && apt install', 'apt-get update && apt-get install');

describe('dry run (default)', () => {
  it('prints a git-style diff that git apply accepts, writes nothing, exits 0', async () => {
    const root = tempTree({ Dockerfile: FAT, 'svc/api.Dockerfile': SLIM });
    execFileSync('git', ['init', '-q'], { cwd: root });
    const r = await cli(root, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('diff --git a/Dockerfile b/Dockerfile\n--- a/Dockerfile\n+++ b/Dockerfile\n');
    expect(r.stdout).not.toContain('\x1b[');
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toBe(FAT);
    expect(r.stderr).toMatch(/Dockerfile: 2 change\(s\) \[test-apt-get\], est\. 2\.0 kB smaller/);
    expect(r.stderr).toMatch(/svc\/api\.Dockerfile: nothing to change/);
    expect(r.stderr).toMatch(/dry run: nothing written/);
    writeFileSync(join(root, 'p.diff'), r.stdout);
    execFileSync('git', ['apply', 'p.diff'], { cwd: root });
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toBe(FIXED);
  });

  it('colours the diff only on a terminal or with --color', async () => {
    const root = tempTree({ Dockerfile: FAT });
    expect((await cli(root, [], { tty: true })).stdout).toContain('\x1b[');
    expect((await cli(root, ['--color'])).stdout).toContain('\x1b[');
  });
});

describe('--write', () => {
  it('rewrites changed files in place, keeps the mode, leaves unchanged files untouched', async () => {
    const root = tempTree({ Dockerfile: FAT, 'b/Dockerfile': SLIM });
    chmodSync(join(root, 'Dockerfile'), 0o640);
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(root, 'b/Dockerfile'), old, old);
    const r = await cli(root, ['--write']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toBe(FIXED);
    expect(statSync(join(root, 'Dockerfile')).mode & 0o777).toBe(0o640);
    expect(statSync(join(root, 'b/Dockerfile')).mtime.getTime()).toBe(old.getTime());
    expect(r.stdout).toMatch(/wrote Dockerfile: 2 change/);
  });

  it('keeps CRLF line endings and a BOM', async () => {
    const crlf = '\uFEFF' + FAT.replace(/\n/g, '\r\n');
    const root = tempTree({ Dockerfile: crlf });
    await cli(root, ['--write']);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toBe('\uFEFF' + FIXED.replace(/\n/g, '\r\n'));
  });

  it('reports a read-only file by path, exits 2, and still writes the others', async () => {
    const root = tempTree({ 'a/Dockerfile': FAT, 'b/Dockerfile': FAT });
    chmodSync(join(root, 'a/Dockerfile'), 0o444);
    const r = await cli(root, ['--write']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a\/Dockerfile: is read-only/);
    expect(readFileSync(join(root, 'a/Dockerfile'), 'utf8')).toBe(FAT);
    expect(readFileSync(join(root, 'b/Dockerfile'), 'utf8')).toBe(FIXED);
  });

  it('never writes a rewrite that fails a post-condition', async () => {
    const root = tempTree({ Dockerfile: FAT });
    const r = await cli(root, ['--write'], { transforms: [breaker] });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Dockerfile: .*no longer parses as shell/);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toBe(FAT);
  });

  it('refuses --write with --check', async () => {
    const r = await cli(tempTree({ Dockerfile: FAT }), ['--write', '--check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot be used together/);
  });
});

describe('--check', () => {
  it('exits 1 and lists files that would change', async () => {
    const r = await cli(tempTree({ Dockerfile: FAT, 'x/Containerfile': SLIM }), ['--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/would change Dockerfile/);
    expect(r.stdout).not.toMatch(/Containerfile/);
  });
  it('exits 0 when nothing would change', async () => {
    expect((await cli(tempTree({ Dockerfile: SLIM }), ['--check'])).code).toBe(0);
  });
});

describe('stdin', () => {
  it('reads a Dockerfile on stdin and prints the rewritten one', async () => {
    const r = await cli(tempTree({}), ['-'], { stdin: FAT });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(FIXED);
  });
  it('prints the input unchanged when there is nothing to do', async () => {
    const r = await cli(tempTree({}), ['-'], { stdin: SLIM });
    expect(r.stdout).toBe(SLIM);
  });
  it('exits 1 with --check when the input would change', async () => {
    const r = await cli(tempTree({}), ['-', '--check'], { stdin: FAT });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });
  it('rejects binary input', async () => {
    const r = await cli(tempTree({}), ['-'], { stdin: Buffer.from([0x46, 0, 0x4f]) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/binary/);
  });
});

describe('bad input', () => {
  it('names a missing path, exits 2, and still processes the others', async () => {
    const root = tempTree({ Dockerfile: FAT });
    const r = await cli(root, ['nope', 'Dockerfile', '--write']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope: no such file or folder/);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toBe(FIXED);
  });
  it('reports a folder with no Dockerfile', async () => {
    const r = await cli(tempTree({ 'src/a.txt': 'x' }), ['src']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/src: no Dockerfile found/);
  });
  it('reports binary and non-UTF-8 files by path', async () => {
    const root = tempTree({
      'bin.Dockerfile': Buffer.from([1, 0, 2]),
      'latin1.Dockerfile': Buffer.from([0x46, 0xe9, 0x0a]),
      Dockerfile: FAT,
    });
    const r = await cli(root, ['--write']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bin\.Dockerfile: looks like a binary file/);
    expect(r.stderr).toMatch(/latin1\.Dockerfile: is not valid UTF-8/);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toBe(FIXED);
  });
  it('rejects an unknown transform id', async () => {
    const r = await cli(tempTree({ Dockerfile: FAT }), ['--only', 'no-such-rule']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown transform id: no-such-rule/);
  });
  it('rejects an unknown flag', async () => {
    const r = await cli(tempTree({ Dockerfile: FAT }), ['--wirte']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --wirte \(did you mean --write\?\)/);
  });
});

describe('discovery', () => {
  it('finds Dockerfile name patterns, honours .gitignore, skips node_modules and .git', async () => {
    const root = tempTree({
      Dockerfile: FAT,
      'Dockerfile.dev': FAT,
      'api.Dockerfile': FAT,
      'web/app.dockerfile': FAT,
      'Containerfile.prod': FAT,
      'docs/Dockerfile.md.txt': 'x',
      'node_modules/pkg/Dockerfile': FAT,
      'build/Dockerfile': FAT,
      'vendor/keep/Dockerfile': FAT,
      '.gitignore': 'build/\n',
      'vendor/.gitignore': '*\n!keep/\n!keep/Dockerfile\n',
    });
    const r = await cli(root, ['--check']);
    const listed = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('would change'))
      .map((l) => l.split(' ')[2].replace(/:$/, ''));
    expect(listed.sort()).toEqual([
      'Containerfile.prod',
      'Dockerfile',
      'Dockerfile.dev',
      'api.Dockerfile',
      'vendor/keep/Dockerfile',
      'web/app.dockerfile',
    ]);
  });
});

describe('levels, --only, --skip, config', () => {
  it('runs review-tier transforms only with --level review or --only', async () => {
    const root = tempTree({ Dockerfile: SLIM });
    expect((await cli(root, ['--check'])).code).toBe(0);
    expect((await cli(root, ['--check', '--level', 'review'])).code).toBe(1);
    expect((await cli(root, ['--check', '--only', 'test-review-label'])).code).toBe(1);
  });
  it('--only, --skip and --enable take one value each (repeat or use commas): the paths after them stay paths', async () => {
    const root = tempTree({ Dockerfile: SLIM, 'b.Dockerfile': SLIM });
    for (const flag of ['--only', '--enable']) {
      const r = await cli(root, ['--check', flag, 'test-review-label', 'Dockerfile']);
      expect(r.stderr, flag).not.toContain('unknown transform id');
      expect(r.code, flag).toBe(1);
      expect(r.stdout, flag).toMatch(/^1 file\(s\), 1 would change/m); // b.Dockerfile was not named
    }
    const skip = await cli(root, ['--check', '--level', 'review', '--skip', 'test-review-label', 'Dockerfile']);
    expect(skip.stderr).not.toContain('unknown transform id');
    const repeated = await cli(root, ['--format', 'json', '--only', 'test-review-label', '--only', 'no-such-rule']);
    expect(repeated.stderr).toMatch(/unknown transform id: no-such-rule/);
  });
  it('--enable adds a review-tier transform on top of the safe ones, also from the config file', async () => {
    const root = tempTree({ Dockerfile: FAT });
    const r = await cli(root, ['--format', 'json', '--enable', 'test-review-label']);
    const applied = JSON.parse(r.stdout)
      .files[0].findings.filter((f: { applied: boolean }) => f.applied)
      .map((f: { transform: string }) => f.transform);
    expect(new Set(applied)).toEqual(new Set(['test-apt-get', 'test-review-label']));
    const withConfig = tempTree({ '.slimifyrc.json': '{"enable": ["test-review-label"]}', Dockerfile: SLIM });
    expect((await cli(withConfig, ['--check'])).code).toBe(1);
    expect((await cli(withConfig, ['--check', '--enable', 'nope'])).code).toBe(2);
  });
  it('--skip turns a transform off (comma-separated lists work)', async () => {
    const root = tempTree({ Dockerfile: FAT });
    expect((await cli(root, ['--check', '--skip', 'test-apt-get,test-review-label'])).code).toBe(0);
  });
  it('reads .slimifyrc.json from a parent folder, and flags override it', async () => {
    const root = tempTree({ '.slimifyrc.json': '{"skip": ["test-apt-get"]}', 'sub/Dockerfile': FAT });
    expect((await cli(join(root, 'sub'), ['--check'])).code).toBe(0);
    expect((await cli(join(root, 'sub'), ['--check', '--skip', 'test-review-label'])).code).toBe(1);
    expect((await cli(join(root, 'sub'), ['--check', '--no-config'])).code).toBe(1);
  });
  it('reads the slimify key of package.json', async () => {
    const root = tempTree({ 'package.json': '{"name":"x","slimify":{"level":"review"}}', Dockerfile: SLIM });
    expect((await cli(root, ['--check'])).code).toBe(1);
  });
  it('reports a broken --config file', async () => {
    const root = tempTree({ 'bad.json': '{nope', Dockerfile: FAT });
    const r = await cli(root, ['--config', 'bad.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: cannot read config/);
  });
  it('--list-transforms prints id, tier and description', async () => {
    const r = await cli(tempTree({}), ['--list-transforms']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/test-apt-get\s+safe\s+test: apt becomes apt-get/);
    expect(r.stdout).toMatch(/- test-review-label\s+review/);
  });
});

describe('reports', () => {
  it('--format json follows the documented schema', async () => {
    const root = tempTree({ Dockerfile: FAT, 'ok/Dockerfile': SLIM });
    const r = await cli(root, ['--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe('slimify');
    expect(report.totals).toMatchObject({
      files: 2,
      changed: 1,
      unchanged: 1,
      errors: 0,
      applied: 2,
      estimatedBytes: 2000,
    });
    const f = report.files.find((x: { path: string }) => x.path === 'Dockerfile');
    expect(f.status).toBe('changed');
    expect(f.diff).toContain('+++ b/Dockerfile');
    expect(f.findings[0]).toMatchObject({
      transform: 'test-apt-get',
      code: 'apt-in-script',
      tier: 'safe',
      line: 3,
      applied: true,
      estimate: { bytes: 1000, basis: 'heuristic' },
      skipped: null,
    });
  });
  it('--format json reports errors per file', async () => {
    const r = await cli(tempTree({ Dockerfile: FAT }), ['--format', 'json'], { transforms: [breaker] });
    const report = JSON.parse(r.stdout);
    expect(r.code).toBe(2);
    expect(report.files[0].status).toBe('error');
    expect(report.files[0].error).toMatch(/safety check/);
  });
  it('--format markdown prints a table fit for a PR body', async () => {
    const r = await cli(tempTree({ Dockerfile: FAT }), ['--format', 'markdown']);
    expect(r.stdout).toMatch(/\| File \| Line \| Transform \| Change \| Est\. saving \|/);
    expect(r.stdout).toMatch(
      /\| `Dockerfile` \| 3 \| `test-apt-get` \| use apt-get in scripts \| 1\.0 kB uncompressed \|/,
    );
  });
});

describe('progress', () => {
  it('shows progress on a terminal for many files, and not otherwise', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 25; i++) files[`s${i}/Dockerfile`] = SLIM;
    const root = tempTree(files);
    expect((await cli(root, ['--check'], { tty: true })).stderr).toMatch(/\[25\/25\]/);
    expect((await cli(root, ['--check'])).stderr).not.toMatch(/\[25\/25\]/);
  });
});

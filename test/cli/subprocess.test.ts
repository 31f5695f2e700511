/** The real `slimify` executable (dist/, built by `npm test`'s pretest) as a subprocess. */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../helpers/cli-harness.js';
import { REPO_ROOT } from '../helpers/corpus.js';

// The package's bin (the esbuild bundle), as `npm install` links it.
const BIN = join(
  REPO_ROOT,
  (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: { slimify: string } }).bin.slimify,
);

function run(args: string[], opts: { cwd?: string; input?: string | Buffer } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A Dockerfile the shipped safe transforms always improve: pip's cache stays in the layer.
const FAT = 'FROM python:3.11-slim\r\nRUN pip install --upgrade pip\r\n';
const CLEAN = 'FROM scratch\nCOPY app /app\n';

describe('slimify executable', () => {
  it('prints its version and help', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(run(['--version']).stdout.trim()).toBe(pkg.version);
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--write/);
  });

  it('round-trips stdin to stdout, byte for byte when nothing changes', () => {
    const r = run(['-'], { input: CLEAN });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(CLEAN);
  });

  it('rewrites stdin and keeps CRLF', () => {
    const r = run(['-'], { input: FAT });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toBe(FAT);
    expect(r.stdout.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('exits 1 with --check on a fat file and 0 after --write', () => {
    const root = tempTree({ Dockerfile: FAT });
    chmodSync(join(root, 'Dockerfile'), 0o600);
    expect(run(['--check'], { cwd: root }).code).toBe(1);
    const w = run(['--write'], { cwd: root });
    expect(w.code).toBe(0);
    expect(statSync(join(root, 'Dockerfile')).mode & 0o777).toBe(0o600);
    expect(run(['--check'], { cwd: root }).code).toBe(0);
  });

  it('exits 2 naming a missing path', () => {
    const r = run(['does-not-exist/Dockerfile']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/does-not-exist\/Dockerfile: no such file or folder/);
  });

  it('exits 2 on a read-only file with --write and leaves it as it was', () => {
    const root = tempTree({ Dockerfile: FAT });
    chmodSync(join(root, 'Dockerfile'), 0o444);
    const r = run(['--write'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Dockerfile: is read-only/);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toBe(FAT);
  });

  it('lists the shipped transforms', () => {
    const r = run(['--list-transforms']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /^[ -] [a-z0-9-]+\s+(safe|review)\s/.test(l)).length).toBeGreaterThan(0);
  });
});

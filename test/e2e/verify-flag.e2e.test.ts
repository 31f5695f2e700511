/**
 * End to end: `slimify --write --verify` with real buildah builds on the harness's stand-in bases.
 * The app calls `less`, which the full debian:bookworm has and debian:bookworm-slim lacks — nothing
 * in the Dockerfile says so. slim-base's rewrite must be dropped by the smoke test while
 * fold-cleanup-run's is kept; when the app needs nothing extra, both are kept; an original that does
 * not build is exit 2. No network and no package installs: each build takes seconds.
 *
 * Runs with SLIMIFY_E2E=1 (`npm run test:e2e`) when buildah, the harness and its debian bases are
 * there; otherwise it skips with a visible message. Every run holds `flock /tmp/slimify-harness.lock`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leftoverTracker } from '../helpers/verify-leftovers.js';

const repo = resolve(import.meta.dirname, '../..');
const LOCK = process.env.SLIMIFY_HARNESS_LOCK ?? '/tmp/slimify-harness.lock';
const CLI = join(repo, 'dist/src/cli/main.js');
const BASES = ['debian:bookworm', 'debian:bookworm-slim'];

function whyNot(): string | null {
  if (process.env.SLIMIFY_E2E !== '1') return 'SLIMIFY_E2E is not 1 (run `npm run test:e2e`)';
  for (const tool of ['buildah', 'flock']) {
    if (spawnSync(tool, ['--version']).status !== 0) return `${tool} is not installed (run .ci/setup-harness.sh)`;
  }
  for (const b of BASES) {
    if (spawnSync('buildah', ['inspect', '--type', 'image', '--format', '{{.FromImageID}}', b]).status !== 0)
      return `base image ${b} is missing (run .ci/setup-harness.sh)`;
  }
  if (!existsSync(CLI)) return `${CLI} is missing (npm run build)`;
  return null;
}

const reason = whyNot();
if (reason) process.stderr.write(`[e2e] verify-flag.e2e.test.ts: SKIPPED: ${reason}\n`);

const DOCKERFILE = [
  'FROM debian:bookworm',
  'COPY app.sh /app/app.sh',
  'RUN head -c 3000000 /dev/urandom > /tmp/scratch && md5sum /tmp/scratch',
  'RUN rm -f /tmp/scratch',
  'CMD ["/app/app.sh"]',
  '',
].join('\n');

/** The app: with `needsLess`, it calls a tool only the full base image has. */
const app = (needsLess: boolean) => `#!/bin/sh\nset -e\n${needsLess ? 'less --version >/dev/null\n' : ''}echo app ok\n`;

let tmpRoot = '';
const measured: string[] = [];

/** The JSON report, loosely typed: the assertions check its shape. */
type Json = ReturnType<typeof JSON.parse>;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  json: Json;
}

function slimify(dir: string, extra: string[] = []): Promise<Run> {
  const argv = [
    LOCK,
    process.execPath,
    CLI,
    '--write',
    '--verify',
    '--smoke',
    '/app/app.sh',
    '--engine',
    'buildah',
    '--format',
    'json',
    '--no-config',
    '--engine-arg=--pull=never',
    '--engine-arg=--isolation=chroot',
    '--run-arg=--isolation=chroot',
    ...extra,
    'Dockerfile',
  ];
  return new Promise((res) => {
    const p = spawn('flock', argv, {
      cwd: dir,
      env: { ...process.env, TMPDIR: tmpRoot },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => {
      let json: Json = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        /* asserted by the caller */
      }
      res({ code, stdout, stderr, json });
    });
  });
}

function project(dockerfile: string, needsLess: boolean): string {
  const d = mkdtempSync(join(tmpRoot, 'project-'));
  writeFileSync(join(d, 'Dockerfile'), dockerfile);
  writeFileSync(join(d, 'app.sh'), app(needsLess));
  chmodSync(join(d, 'app.sh'), 0o755);
  return d;
}

const tracker = leftoverTracker(() => tmpRoot, 'project-');
const leftovers = () => tracker.now();

describe.skipIf(reason !== null)('slimify --verify, real builds (e2e)', { timeout: 10 * 60_000 }, () => {
  beforeAll(() => {
    tmpRoot = mkdtempSync(join(tmpdir(), 'slimify-e2e-verify-flag-'));
    tracker.start();
  });
  afterAll(() => {
    rmSync(tmpRoot, { recursive: true, force: true });
    process.stderr.write(`\nslimify --verify e2e measurements:\n${measured.map((m) => `  ${m}`).join('\n')}\n`);
  });

  it('drops the rewrite the smoke test disproves (slim base lacks less), keeps the other, writes that', async () => {
    const d = project(DOCKERFILE, true);
    const r = await slimify(d);
    expect(r.code, r.stderr).toBe(0);
    const written = readFileSync(join(d, 'Dockerfile'), 'utf8');
    expect(written).toContain('FROM debian:bookworm\n');
    expect(written).not.toContain('bookworm-slim');
    expect(written).toContain('&& \\\n    rm -f /tmp/scratch'); // fold-cleanup-run kept
    const f = r.json.files[0];
    expect(f.status).toBe('changed');
    expect(f.verify.dropped).toHaveLength(1);
    expect(f.verify.dropped[0]).toMatchObject({ transform: 'slim-base', code: 'switch-to-slim', line: 1 });
    expect(f.verify.dropped[0].reason).toMatch(/the smoke test fails \(--smoke: \/app\/app.sh: exit \d+\)/);
    expect(f.verify.dropped[0].logTail.join('\n')).toMatch(/less/);
    expect(f.findings.find((x: { transform: string }) => x.transform === 'slim-base')).toMatchObject({
      applied: false,
      skipped: { code: 'unverified' },
    });
    const o = f.verify.original.sizes;
    const n = f.verify.rewritten.sizes;
    expect(n.uncompressed).toBeLessThan(o.uncompressed);
    expect(o.uncompressed - n.uncompressed).toBeGreaterThan(2_900_000); // the 3 MB scratch file
    expect(n.compressed).toBeLessThan(n.uncompressed);
    expect(f.findings.find((x: { transform: string }) => x.transform === 'fold-cleanup-run').estimate).toMatchObject({
      basis: 'measured',
    });
    expect(r.json.totals.measured).toMatchObject({ files: 1, before: o, after: n });
    measured.push(
      `dropped slim-base: ${o.uncompressed} -> ${n.uncompressed} B uncompressed, ${o.compressed} -> ${n.compressed} B compressed, ${f.verify.builds} builds; runtime ${JSON.stringify(f.verify.rewritten.runtime)}`,
    );
    expect(leftovers()).toEqual([]);
  });

  it('keeps every rewrite when all pass: two builds, the slim base is measured', async () => {
    const d = project(DOCKERFILE, false);
    const r = await slimify(d);
    expect(r.code, r.stderr).toBe(0);
    const written = readFileSync(join(d, 'Dockerfile'), 'utf8');
    expect(written).toContain('FROM debian:bookworm-slim\n');
    expect(written).toContain('rm -f /tmp/scratch');
    const f = r.json.files[0];
    expect(f.verify).toMatchObject({ status: 'verified', builds: 2, dropped: [] });
    const o = f.verify.original.sizes;
    const n = f.verify.rewritten.sizes;
    expect(o.uncompressed - n.uncompressed).toBeGreaterThan(100_000_000); // 198 MB -> 77 MB stand-ins
    expect(f.verify.smoke).toEqual({ kind: 'command', describe: '--smoke: /app/app.sh' });
    measured.push(
      `all kept: ${o.uncompressed} -> ${n.uncompressed} B uncompressed, ${o.compressed} -> ${n.compressed} B compressed; runtime before ${JSON.stringify(f.verify.original.runtime)} after ${JSON.stringify(f.verify.rewritten.runtime)}`,
    );
    expect(leftovers()).toEqual([]);
  });

  it('an original that does not build: exit 2 with the reason, nothing written', async () => {
    const broken = DOCKERFILE.replace('CMD', 'RUN exit 3\nCMD');
    const d = project(broken, false);
    const r = await slimify(d);
    expect(r.code, r.stderr).toBe(2);
    expect(readFileSync(join(d, 'Dockerfile'), 'utf8')).toBe(broken);
    const f = r.json.files[0];
    expect(f.status).toBe('error');
    expect(f.error).toMatch(/the original Dockerfile does not build/);
    expect(f.verify.builds).toBe(1);
    expect(leftovers()).toEqual([]);
  });
});

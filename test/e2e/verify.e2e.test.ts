/**
 * End to end: real builds with podman and buildah on the stand-in base images of ../shared/harness.
 * For every sample, `slimify verify Dockerfile.orig --rewritten Dockerfile.slim` must exit 0 with a
 * smaller real size and passing smoke commands; deliberately broken rewrites must exit 1; nothing
 * may be left behind (images, containers, temporary folders), also after Ctrl-C.
 *
 * Runs with SLIMIFY_E2E=1 (`npm run test:e2e`, as the other e2e suites) when buildah, podman, the
 * harness and its base images are there (prepare with .ci/setup-harness.sh); otherwise it skips with
 * a visible message. Every verify run holds
 * `flock /tmp/slimify-harness.lock` so it never overlaps another harness user.
 * Env: SLIMIFY_HARNESS_DIR or SLIMIFY_HARNESS (default ../shared/harness), SLIMIFY_E2E_ENGINES (default "podman buildah").
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../src/verify/verify.js';
import type { Estimate } from '../../src/engine/types.js';
import { leftoverTracker } from '../helpers/verify-leftovers.js';

const repo = resolve(import.meta.dirname, '../..');
const harness = resolve(
  process.env.SLIMIFY_HARNESS_DIR ?? process.env.SLIMIFY_HARNESS ?? join(repo, '../shared/harness'),
);
const LOCK = process.env.SLIMIFY_HARNESS_LOCK ?? '/tmp/slimify-harness.lock';
const CLI = join(repo, 'dist/src/cli/main.js');
const engines = (process.env.SLIMIFY_E2E_ENGINES ?? 'podman buildah').split(/\s+/).filter(Boolean);

const BASES = [
  'debian:bookworm',
  'debian:bookworm-slim',
  'golang:1.19',
  'gcr.io/distroless/static-debian12',
  'python:3.11',
  'python:3.11-slim',
  'node:18',
  'node:18-slim',
];

function whyNot(): string | null {
  if (process.env.SLIMIFY_E2E !== '1') return 'SLIMIFY_E2E is not 1 (run `npm run test:e2e`)';
  if (!existsSync(join(harness, 'lib.sh'))) return `no harness at ${harness} (set SLIMIFY_HARNESS_DIR)`;
  for (const tool of ['buildah', 'flock', ...engines]) {
    if (spawnSync(tool, ['--version']).status !== 0) return `${tool} is not installed (run .ci/setup-harness.sh)`;
  }
  for (const b of BASES) {
    if (spawnSync('buildah', ['inspect', '--type', 'image', '--format', '{{.FromImageID}}', b]).status !== 0) {
      return `base image ${b} is missing (run .ci/setup-harness.sh)`;
    }
  }
  if (!existsSync(CLI)) return `${CLI} is missing (npm run build)`;
  return null;
}

const reason = whyNot();
if (reason) process.stderr.write(`[e2e] verify.e2e.test.ts: SKIPPED: ${reason}\n`);

/** Engine arguments for this machine: the harness's apt/npm mounts (from lib.sh) plus local-only bases. */
function engineArgs(engine: string): { build: string[]; run: string[]; env: NodeJS.ProcessEnv } {
  const mounts = execFileSync(join(repo, 'test/verify/harness-engine-args.sh'), [harness], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  const build = ['--pull=never', '--network=host', ...mounts];
  if (engine === 'buildah')
    return { build: [...build, '--isolation=chroot'], run: ['--isolation=chroot', '--network=host'], env: process.env };
  return {
    build,
    run: ['--network=host'],
    env: { ...process.env, CONTAINERS_CONF: join(harness, 'podman/containers.conf') },
  };
}

/** `slimify verify --format json` output, every optional field taken as present (the assertions check). */
type Present<T> = T extends (infer U)[]
  ? Present<U>[]
  : T extends object
    ? { [K in keyof T]-?: Present<NonNullable<T[K]>> }
    : T;
type VerifyJson = Present<VerifyReport & { estimate: Estimate }>;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  json: VerifyJson | null;
}

function verifyArgs(engine: string, dockerfile: string, rewritten: string, smoke: string, extra: string[] = []) {
  const a = engineArgs(engine);
  return {
    argv: [
      LOCK,
      process.execPath,
      CLI,
      'verify',
      dockerfile,
      // '' = let verify rewrite the Dockerfile in memory
      ...(rewritten ? ['--rewritten', rewritten] : []),
      '--engine',
      engine,
      '--smoke',
      smoke,
      '--format',
      'json',
      ...a.build.map((x) => `--engine-arg=${x}`),
      ...a.run.map((x) => `--run-arg=${x}`),
      ...extra,
    ],
    env: { ...a.env, TMPDIR: tmpRoot },
  };
}

function runVerify(
  engine: string,
  dockerfile: string,
  rewritten: string,
  smoke: string,
  extra: string[] = [],
): Promise<Run> {
  const { argv, env } = verifyArgs(engine, dockerfile, rewritten, smoke, extra);
  return new Promise((res) => {
    const p = spawn('flock', argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => {
      let json: VerifyJson | null = null;
      try {
        json = JSON.parse(stdout) as VerifyJson;
      } catch {
        /* asserted by the caller */
      }
      res({ code, stdout, stderr, json });
    });
  });
}

/** verify's TMPDIR in these tests (created only when the suite runs). */
let tmpRoot = '';
const tracker = leftoverTracker(() => tmpRoot, 'broken-');
const leftovers = () => tracker.now();

const samples: Array<{ name: string; smoke: string; smokeOriginal?: string; smokeBoth?: string }> = [
  { name: 'deb-curl', smoke: 'curl -fsS file:///etc/os-release' },
  { name: 'py-app', smoke: 'python app.py --selftest' },
  { name: 'node-app', smoke: 'node server.js --selftest' },
  // the hand-written slim image moves the binary from /usr/local/bin (on PATH) to /
  {
    name: 'go-hello',
    smoke: '/hello-server -selftest',
    smokeOriginal: 'hello-server -selftest',
    smokeBoth: '/usr/local/bin/hello-server -selftest',
  },
];

const measured: string[] = [];

describe.skipIf(reason !== null)('slimify verify, real builds (e2e)', { timeout: 15 * 60_000 }, () => {
  beforeAll(() => {
    tmpRoot = mkdtempSync(join(tmpdir(), 'slimify-e2e-'));
    tracker.start();
  });
  afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

  for (const engine of engines) {
    describe(engine, () => {
      for (const s of samples) {
        it(`${s.name}: Dockerfile.slim builds, passes the smoke test and is really smaller (exit 0)`, async () => {
          const dir = join(harness, 'samples', s.name);
          const r = await runVerify(
            engine,
            join(dir, 'Dockerfile.orig'),
            join(dir, 'Dockerfile.slim'),
            s.smoke,
            s.smokeOriginal ? ['--smoke-original', s.smokeOriginal] : [],
          );
          expect(r.json, r.stderr + r.stdout).not.toBeNull();
          const { original: o, rewritten: n } = r.json!;
          measured.push(
            `${engine} ${s.name}: ${o.analysis.bytes} -> ${n.analysis.bytes} bytes (${r.json!.delta.percent}%), layers ${o.analysis.layerCount} -> ${n.analysis.layerCount}, build ${o.buildSeconds}s / ${n.buildSeconds}s, wasted ${o.analysis.wastedBytes} -> ${n.analysis.wastedBytes}`,
          );
          expect(r.code, r.stderr).toBe(0);
          expect(r.json).toMatchObject({ status: 'verified', exitCode: 0, engine, cleanupFailures: [] });
          expect(n.analysis.bytes).toBeLessThan(o.analysis.bytes);
          expect(o.smoke.exitCode).toBe(0);
          expect(n.smoke.exitCode).toBe(0);
          expect(r.json!.estimate).toMatchObject({ basis: 'measured', bytes: o.analysis.bytes - n.analysis.bytes });
          // the layers come from the export and carry the instruction that made them
          expect(n.analysis.biggest.length).toBeGreaterThan(0);
          if (s.name === 'deb-curl') {
            // dive-style waste: the package lists the fat original deletes in its last layer still ship below
            const lists = o.analysis.waste.find((w) => w.path.startsWith('var/lib/apt/lists'))!;
            expect(lists).toMatchObject({
              how: 'deleted',
              addedBy: 'RUN apt-get update',
              removedBy: 'RUN rm -rf /var/lib/apt/lists/*',
            });
            expect(lists.bytes).toBeGreaterThan(1_000_000);
            expect(n.analysis.waste.find((w) => w.path.startsWith('var/lib/apt/lists'))).toBeUndefined();
          }
          expect(leftovers()).toEqual([]);
        });
      }
    });
  }

  // The real thing: verify rewrites Dockerfile.orig in memory with slimify itself (review level:
  // bases, layer hygiene, builder/runtime split) and proves the result on one engine.
  describe(`${engines[engines.length - 1]}: slimify's own rewrite (in memory, --level review)`, () => {
    for (const s of samples) {
      it(`${s.name}: the rewrite builds, passes the smoke test and is really smaller (exit 0)`, async () => {
        const engine = engines[engines.length - 1];
        const dir = join(harness, 'samples', s.name);
        const smoke = s.smokeBoth ?? s.smoke; // slimify keeps the binary where the original put it
        const r = await runVerify(engine, join(dir, 'Dockerfile.orig'), '', smoke, ['--level', 'review']);
        expect(r.json, r.stderr + r.stdout).not.toBeNull();
        const { original: o, rewritten: n } = r.json!;
        measured.push(
          `${engine} ${s.name} (slimify rewrite): ${o.analysis.bytes} -> ${n.analysis.bytes} bytes (${r.json!.delta.percent}%), layers ${o.analysis.layerCount} -> ${n.analysis.layerCount}`,
        );
        expect(r.code, r.stderr).toBe(0);
        expect(r.json).toMatchObject({ status: 'verified', exitCode: 0, engine, cleanupFailures: [] });
        expect(n.analysis.bytes).toBeLessThan(o.analysis.bytes);
        expect(n.smoke.exitCode).toBe(0);
        expect(leftovers()).toEqual([]);
      });
    }
  });

  // cheap originals for the failure cases: no package installs, one small layer
  const broken = (files: Record<string, string>) => {
    const d = mkdtempSync(join(tmpRoot, 'broken-'));
    writeFileSync(join(d, 'app.txt'), 'the app needs this file\n');
    writeFileSync(
      join(d, 'Dockerfile.orig'),
      'FROM debian:bookworm-slim\nCOPY app.txt /app/app.txt\nCMD ["cat", "/app/app.txt"]\n',
    );
    for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
    return d;
  };

  it('a rewrite that drops a file the app needs builds, but fails the smoke test: exit 1', async () => {
    const d = broken({ 'Dockerfile.broken': 'FROM debian:bookworm-slim\nCMD ["cat", "/app/app.txt"]\n' });
    const r = await runVerify(
      engines[0]!,
      join(d, 'Dockerfile.orig'),
      join(d, 'Dockerfile.broken'),
      'cat /app/app.txt',
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.json).toMatchObject({
      status: 'failed',
      exitCode: 1,
      original: { smoke: { exitCode: 0 } },
      rewritten: { built: true },
    });
    expect(r.json!.rewritten.smoke.exitCode).not.toBe(0);
    // smaller, but rejected: size alone is not proof
    expect(r.json!.delta.bytes).toBeLessThan(0);
    expect(leftovers()).toEqual([]);
  });

  it('a rewrite that does not build: exit 1 with the log tail (text output)', async () => {
    const d = broken({
      'Dockerfile.broken':
        'FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends curl-does-not-exist\n',
    });
    const r = await runVerify(
      engines[engines.length - 1]!,
      join(d, 'Dockerfile.orig'),
      join(d, 'Dockerfile.broken'),
      'cat /app/app.txt',
      ['--format', 'text'],
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/REWRITE REJECTED: the rewritten Dockerfile does not build/);
    expect(r.stdout).toMatch(/rewritten build log \(last lines\):\n( {2}\| .*\n)*.*curl-does-not-exist/);
    expect(leftovers()).toEqual([]);
  });

  it('an original that does not build: exit 2', async () => {
    const d = broken({ 'Dockerfile.bad': 'FROM debian:bookworm-slim\nRUN false\n' });
    const r = await runVerify(engines[0]!, join(d, 'Dockerfile.bad'), join(d, 'Dockerfile.orig'), 'true');
    expect(r.code, r.stderr).toBe(2);
    expect(r.json).toMatchObject({ status: 'error', original: { built: false } });
    expect(leftovers()).toEqual([]);
  });

  it('Ctrl-C during a build removes images, containers and the temporary folder', async () => {
    const d = broken({ 'Dockerfile.slow': 'FROM debian:bookworm-slim\nRUN echo step1 > /step1\nRUN sleep 60\n' });
    const { argv, env } = verifyArgs(
      engines[engines.length - 1]!,
      join(d, 'Dockerfile.slow'),
      join(d, 'Dockerfile.orig'),
      'true',
      ['--format', 'text'],
    );
    // own process group, signalled as a whole: what a terminal does on Ctrl-C
    const p = spawn('flock', argv, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stderr = '';
    let smokeSignalSent = false;
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => {
      p.stderr.on('data', (c) => {
        stderr += c;
        // the slow build is running once its first RUN step has been committed
        if (/STEP 3\/3|building the original image/.test(stderr) && !smokeSignalSent) {
          smokeSignalSent = true;
          setTimeout(() => process.kill(-p.pid!, 'SIGINT'), 4000);
        }
      });
      // 'close' waits for the pipes, i.e. for verify itself to finish cleaning up
      p.on('close', (code, signal) => res({ code, signal }));
    });
    expect(stderr).toMatch(/SIGINT, removing temporary images/);
    // flock (the group's leader) dies of the SIGINT; verify exits 130 after cleaning up
    expect(exit.code === 130 || exit.signal === 'SIGINT', JSON.stringify(exit)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('prints what was measured', () => {
    process.stderr.write(`\nslimify verify e2e measurements:\n${measured.map((m) => `  ${m}`).join('\n')}\n`);
    expect(measured.length).toBe((engines.length + 1) * samples.length); // each engine with Dockerfile.slim, plus slimify's own rewrite on one engine
  });
});

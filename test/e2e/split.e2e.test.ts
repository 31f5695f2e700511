/**
 * End-to-end proof of split-runtime-stage with real builds (../shared/harness): each sample's
 * Dockerfile.orig is rewritten by slimify (review level: the whole registry), built with
 * build-measure.sh, run with its smoke command, and compared with the hand-written Dockerfile.slim.
 * Gate: SLIMIFY_E2E=1 (npm run test:e2e). Skips with a message when buildah or the stand-in bases are missing.
 * Every harness call runs under `flock /tmp/slimify-harness.lock`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync } from '../../src/index.js';

const HARNESS = process.env.SLIMIFY_HARNESS ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'harness');
const LOCK = '/tmp/slimify-harness.lock';
const SAMPLES: { name: string; smoke: string[]; bases: string[] }[] = [
  { name: 'go-hello', smoke: ['/usr/local/bin/hello-server', '-selftest'], bases: ['golang:1.19', 'gcr.io/distroless/static-debian12:latest'] },
  { name: 'node-app', smoke: ['node', 'server.js', '--selftest'], bases: ['node:18', 'node:18-slim'] },
  { name: 'py-app', smoke: ['python', 'app.py', '--selftest'], bases: ['python:3.11', 'python:3.11-slim'] },
];
/** The rewritten image may be at most this much bigger than the hand-written Dockerfile.slim. */
const TOLERANCE = 1.1;

function missing(): string | null {
  if (process.env.SLIMIFY_E2E !== '1') return 'SLIMIFY_E2E is not 1 (run `npm run test:e2e`)';
  if (spawnSync('buildah', ['--version']).status !== 0) return 'buildah is not installed';
  if (!existsSync(join(HARNESS, 'build-measure.sh'))) return `no harness at ${HARNESS}`;
  for (const s of SAMPLES) {
    for (const b of s.bases) {
      if (spawnSync('buildah', ['inspect', '--type', 'image', b], { stdio: 'ignore' }).status !== 0) {
        return `base image ${b} is missing (run: flock ${LOCK} ${HARNESS}/make-bases.sh)`;
      }
    }
  }
  return null;
}

interface Measure {
  built: boolean;
  size_bytes: number | null;
  smoke_exit: number | null;
  build_seconds: number | null;
}

function buildMeasure(dockerfile: string, context: string, tag: string, smoke: string[]): Measure {
  const r = spawnSync('flock', [LOCK, join(HARNESS, 'build-measure.sh'), dockerfile, context, tag, ...smoke], {
    encoding: 'utf8',
    timeout: 20 * 60 * 1000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as Measure;
  } catch {
    throw new Error(`build-measure.sh gave no result for ${tag} (exit ${r.status}): ${(r.stdout ?? '').slice(-2000)}${(r.stderr ?? '').slice(-2000)}`);
  }
}

const reason = missing();
const work = mkdtempSync(join(tmpdir(), 'slimify-split-e2e-'));
const results: string[] = [];

describe.skipIf(reason !== null)('split-runtime-stage e2e (real builds)', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  afterAll(() => {
    if (results.length) console.log(['', '| sample | orig | split | slim (hand-written) | split/slim |', '|---|---:|---:|---:|---:|', ...results].join('\n'));
    for (const tag of SAMPLES.flatMap((s) => ['orig', 'split', 'slim'].map((v) => `slimify-e2e/${s.name}:${v}`))) {
      spawnSync('flock', [LOCK, 'buildah', 'rmi', tag], { stdio: 'ignore' });
    }
    rmSync(work, { recursive: true, force: true });
  });
  for (const s of SAMPLES) {
    it(`${s.name}: the rewritten Dockerfile builds, passes its smoke command and is at most 10% bigger than Dockerfile.slim`, () => {
      const dir = join(work, s.name);
      cpSync(join(HARNESS, 'samples', s.name), dir, { recursive: true });
      makeWritable(dir);
      const orig = readFileSync(join(dir, 'Dockerfile.orig'), 'utf8');
      const r = slimifySync(orig, { level: 'review' });
      expect(r.error).toBeUndefined();
      expect(r.findings.some((f) => f.transform === 'split-runtime-stage' && f.applied)).toBe(true);
      writeFileSync(join(dir, 'Dockerfile.split'), r.output);
      const split = buildMeasure(join(dir, 'Dockerfile.split'), dir, `slimify-e2e/${s.name}:split`, s.smoke);
      expect(split.built, r.output).toBe(true);
      expect(split.smoke_exit).toBe(0);
      const slim = buildMeasure(join(dir, 'Dockerfile.slim'), dir, `slimify-e2e/${s.name}:slim`, []);
      const fat = buildMeasure(join(dir, 'Dockerfile.orig'), dir, `slimify-e2e/${s.name}:orig`, []);
      expect(slim.built).toBe(true);
      const mb = (n: number | null) => (n === null ? '-' : `${(n / 1e6).toFixed(1)} MB`);
      results.push(`| ${s.name} | ${mb(fat.size_bytes)} | ${mb(split.size_bytes)} | ${mb(slim.size_bytes)} | ${((split.size_bytes! / slim.size_bytes!) * 100).toFixed(1)}% |`);
      expect(split.size_bytes!).toBeLessThanOrEqual(slim.size_bytes! * TOLERANCE);
    }, 40 * 60 * 1000);
  }
});

describe.runIf(reason !== null)('split-runtime-stage e2e (skipped)', () => {
  it.skip(`skipped: ${reason}`, () => {});
  it('says why it is skipped', () => {
    console.warn(`[split-runtime-stage e2e] SKIPPED: ${reason}`);
    execFileSync('true');
  });
});

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) makeWritable(p);
    else chmodSync(p, 0o644);
  }
}

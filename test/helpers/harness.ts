/**
 * Real image builds through ../shared/harness (buildah + Debian-made stand-in bases) for the
 * e2e suites. Gate: SLIMIFY_E2E=1 (`npm run test:e2e`); every harness call runs under
 * `flock /tmp/slimify-harness.lock` so no two builds share the machine.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus.js';

export const HARNESS = process.env.SLIMIFY_HARNESS ?? join(REPO_ROOT, '..', 'shared', 'harness');
export const LOCK = '/tmp/slimify-harness.lock';

export interface Sample {
  name: string;
  /** Smoke command for images built from Dockerfile.orig or a rewrite of it. */
  smoke: string[];
  /** Base images the sample's Dockerfiles and their rewrites need. */
  bases: string[];
}

export const SAMPLES: Record<string, Sample> = {
  'deb-curl': {
    name: 'deb-curl',
    smoke: ['curl', '-fsS', 'file:///etc/os-release'],
    bases: ['debian:bookworm', 'debian:bookworm-slim'],
  },
  'go-hello': {
    name: 'go-hello',
    smoke: ['/usr/local/bin/hello-server', '-selftest'],
    bases: ['golang:1.19', 'gcr.io/distroless/static-debian12:latest'],
  },
  'node-app': { name: 'node-app', smoke: ['node', 'server.js', '--selftest'], bases: ['node:18', 'node:18-slim'] },
  'py-app': { name: 'py-app', smoke: ['python', 'app.py', '--selftest'], bases: ['python:3.11', 'python:3.11-slim'] },
};

/** Why real builds cannot run here, or null when they can. */
export function harnessMissing(samples: Sample[]): string | null {
  if (process.env.SLIMIFY_E2E !== '1') return 'SLIMIFY_E2E is not 1 (run `npm run test:e2e`)';
  if (spawnSync('buildah', ['--version']).status !== 0) return 'buildah is not installed';
  if (!existsSync(join(HARNESS, 'build-measure.sh'))) return `no harness at ${HARNESS}`;
  for (const s of samples) {
    for (const b of s.bases) {
      if (spawnSync('buildah', ['inspect', '--type', 'image', b], { stdio: 'ignore' }).status !== 0) {
        return `base image ${b} is missing (run: flock ${LOCK} ${HARNESS}/make-bases.sh)`;
      }
    }
  }
  return null;
}

export interface Measure {
  built: boolean;
  size_bytes: number | null;
  smoke_exit: number | null;
  build_seconds: number | null;
}

/**
 * Builds, measures and smoke-tests one Dockerfile with build-measure.sh.
 * Async on purpose: a synchronous child process would block the vitest worker for minutes and
 * its RPC to the main process times out ("Timeout calling onTaskUpdate").
 */
export async function buildMeasure(
  dockerfile: string,
  context: string,
  tag: string,
  smoke: string[],
): Promise<Measure> {
  const r = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'flock',
      [LOCK, join(HARNESS, 'build-measure.sh'), dockerfile, context, tag, ...smoke],
      { encoding: 'utf8', timeout: 20 * 60 * 1000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as Measure;
  } catch {
    throw new Error(
      `build-measure.sh gave no result for ${tag} (exit ${r.status}): ${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`,
    );
  }
}

export function removeImages(tags: string[]): void {
  for (const tag of tags) spawnSync('flock', [LOCK, 'buildah', 'rmi', tag], { stdio: 'ignore' });
}

/** Copies a sample into a fresh writable temp folder (shared/ is read-only). */
export function copySample(name: string, workRoot?: string): string {
  const root = workRoot ?? mkdtempSync(join(tmpdir(), 'slimify-e2e-'));
  const dir = join(root, name);
  cpSync(join(HARNESS, 'samples', name), dir, { recursive: true });
  makeWritable(dir);
  return dir;
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) makeWritable(p);
    else chmodSync(p, 0o644);
  }
}

export const mb = (n: number | null) => (n === null ? '-' : `${(n / 1e6).toFixed(1)} MB`);

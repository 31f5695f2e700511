/**
 * slim-base with a build context (issue 12) and native builds in the safe tier (issue 11, class 5):
 * the default level (no flags) switches when the context proves no compiler is needed, keeps the
 * full base when it proves the opposite or proves nothing, and keeps stages that compile.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, readBuildContext, slimifySync, type SlimifyOptions } from '../../src/index.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const FIX = join(REPO_ROOT, 'test', 'fixtures', 'context');

async function run(dir: string, options: SlimifyOptions = {}, dockerfile = 'Dockerfile') {
  const path = join(FIX, dir, dockerfile);
  const buildContext = await readBuildContext(path);
  const r = slimifySync(readFileSync(path, 'utf8'), { ...options, buildContext });
  const [f] = r.findings.filter((x) => x.transform === 'slim-base');
  return { r, f, from: r.output.split('\n').find((l) => l.startsWith('FROM ')) };
}

beforeAll(async () => {
  await initShellParser();
});

describe('slim-base at the default level, with a build context', () => {
  it('node: npm ci with a v3 lockfile and no native addon switches', async () => {
    const { f, from } = await run('node-lock');
    expect(from).toBe('FROM node:20-slim');
    expect(f.applied).toBe(true);
    expect(f.message).toMatch(/the build context shows `npm ci .*` needs no compiler \(package-lock\.json/);
  });
  it('node: the context a compose file names is read', async () => {
    const { from } = await run('compose', {}, 'docker/Dockerfile');
    expect(from).toBe('FROM node:20-slim');
  });
  it('node: a native addon in the lockfile keeps the full image and names it', async () => {
    // slim-base alone: the split (bcrypt's binding.gyp links only the C/C++ runtime, proven) would then
    // keep node:20 as the build stage and ship the app on node:20-slim (split-runtime-stage.test.ts).
    const { f, from } = await run('node-native', { skip: ['split-runtime-stage'] });
    expect(from).toBe('FROM node:20');
    expect(f.skipped?.code).toBe('needs-toolchain');
    expect(f.skipped?.detail).toMatch(/installs bcrypt@5\.1\.1/);
  });
  it('node: no lockfile, nothing proven', async () => {
    const { f, from } = await run('node-nolock');
    expect(from).toBe('FROM node:20');
    expect(f.skipped?.detail).toMatch(
      /^node:20 kept: nothing proves `npm install .*no package-lock\.json in the build context/,
    );
  });
  it('node: a lockfile in the context that the stage does not copy is not evidence', async () => {
    const { f, from } = await run('lock-not-copied');
    expect(from).toBe('FROM node:20');
    expect(f.skipped?.detail).toMatch(/package-lock\.json is in the build context but no COPY\/ADD before line 4/);
  });
  it('node: a lockfile .dockerignore excludes is not evidence', async () => {
    const { f } = await run('dockerignore-lock');
    expect(f.skipped?.detail).toMatch(/\.dockerignore excludes it/);
  });
  it('node: yarn.lock v1 does not record install scripts, so nothing is proven', async () => {
    const { f, from } = await run('yarn-v1');
    expect(from).toBe('FROM node:20');
    expect(f.skipped?.detail).toMatch(/does not record which packages run install scripts/);
  });
  it('python: requirements whose packages all have wheels switch', async () => {
    const { f, from } = await run('python-pure');
    expect(from).toBe('FROM python:3.11-slim');
    expect(f.message).toMatch(/`pip install -r requirements\.txt` needs no compiler/);
  });
  it('python: psycopg2 (no wheel) keeps the full image to build on; the split ships it on slim with libpq5', async () => {
    const { r, f, from } = await run('python-psycopg2');
    expect(from).toBe('FROM python:3.11 AS build');
    // slim-base leaves the build stage alone (its size does not ship); without the split it names psycopg2 (below)
    expect(f.applied).toBe(false);
    // the context proves the packages and the library psycopg2 loads (Debian data): safe tier
    const split = r.findings.find((x) => x.transform === 'split-runtime-stage')!;
    expect(split).toMatchObject({ applied: true, tier: 'safe' });
    expect(split.message).toMatch(/Proven by the build context: .*psycopg2 is built from source .* loads libpq5/);
    expect(r.output).toMatch(/^FROM python:3\.11-slim\n/m);
    expect(r.output).toContain('apt-get install -y --no-install-recommends libpq5 &&');
  });
  it('python: with dependencies "compile" the switch installs a toolchain, in the review tier only', async () => {
    const opts = { transformOptions: { 'slim-base': { dependencies: 'compile' } } };
    const safe = await run('python-psycopg2', { ...opts, skip: ['split-runtime-stage'] });
    expect(safe.from).toBe('FROM python:3.11');
    expect((await run('python-psycopg2', { skip: ['split-runtime-stage'] })).f.skipped?.detail).toMatch(
      /installs psycopg2@2\.9\.9/,
    );
    expect(safe.f.skipped?.detail).toMatch(/compiles native code .*installs psycopg2/);
    const review = await run('python-psycopg2', { ...opts, level: 'review' });
    expect(review.from).toBe('FROM python:3.11-slim');
    expect(review.r.output).toMatch(/apt-get install -y --no-install-recommends .*build-essential/);
  });
  it('without a context nothing changes (the same file, no buildContext)', () => {
    const text = readFileSync(join(FIX, 'node-lock', 'Dockerfile'), 'utf8');
    const r = slimifySync(text);
    const [f] = r.findings.filter((x) => x.transform === 'slim-base');
    expect(f.skipped?.detail).toMatch(/slimify cannot see what that installs/);
  });
});

describe('class 5: stages that compile keep their full base in the safe tier', () => {
  const cases: [string, string, RegExp][] = [
    [
      'build-essential and headers',
      'FROM python:3.12\nRUN apt-get update && apt-get install -y build-essential libpq-dev && pip install psycopg2==2.9.9\nCMD ["python3"]\n',
      /installs build-essential; installs the headers libpq-dev/,
    ],
    [
      'a known compiling npm package',
      'FROM node:20\nWORKDIR /app\nRUN npm install bcrypt@5.1.1\nCMD ["node", "index.js"]\n',
      /npm install bcrypt compiles with node-gyp/,
    ],
    [
      'node-gyp and a python link',
      'FROM node:20\nRUN ln -s /usr/bin/python3 /usr/bin/python && npx node-gyp --version\nCMD ["node"]\n',
      /links python \(for node-gyp\)/,
    ],
    [
      'mysqlclient',
      'FROM python:3.12\nRUN apt-get update && apt-get install -y default-libmysqlclient-dev gcc pkg-config && pip install mysqlclient\nCMD ["python3"]\n',
      /installs gcc; installs the headers default-libmysqlclient-dev/,
    ],
  ];
  it.each(cases)('%s: kept at the default level, switched with --level review', (_name, text, sign) => {
    const safe = slimifySync(text);
    const [f] = safe.findings.filter((x) => x.transform === 'slim-base');
    expect(safe.output.split('\n')[0]).toBe(text.split('\n')[0]);
    expect(f.skipped?.code).toBe('needs-toolchain');
    expect(f.skipped?.detail).toMatch(sign);
    expect(f.skipped?.detail).toMatch(/--level review switches it/);
    const review = slimifySync(text, { level: 'review' });
    expect(review.output).toMatch(/^FROM (python:3\.12-slim|node:20-slim)$/m);
  });
  it.each([
    ['psycopg2-binary has wheels', 'FROM python:3.12\nRUN pip install psycopg2-binary==2.9.9\nCMD ["python3"]\n'],
    ['a pure package', 'FROM python:3.12\nRUN pip install flask==3.0.3\nCMD ["flask", "run"]\n'],
  ])('%s: switched at the default level', (_name, text) => {
    expect(slimifySync(text).output).toMatch(/^FROM python:3\.12-slim$/m);
  });
});

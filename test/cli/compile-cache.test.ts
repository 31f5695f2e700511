/**
 * The bin's V8 code cache (src/cli/bin.cts): written once after a first run, read by later runs,
 * and never able to change what a run prints: a missing, corrupt, stale or unwritable cache only
 * costs compile time.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempTree } from '../helpers/cli-harness.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const BIN = join(
  REPO_ROOT,
  (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: { slimify: string } }).bin.slimify,
);
const work = tempTree({ Dockerfile: 'FROM python:3.11-slim\nRUN pip install flask\n' });
afterAll(() => {
  if (existsSync(join(work, 'locked'))) chmodSync(join(work, 'locked'), 0o700);
  rmSync(work, { recursive: true, force: true });
});

function run(cache: string, args = ['Dockerfile']) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SLIMIFY_COMPILE_CACHE: cache },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const cacheFiles = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('v8-'));

describe('the code cache of the slimify bin', () => {
  const baseline = run('0');

  it('is off with SLIMIFY_COMPILE_CACHE=0, and the run is whole', () => {
    expect(baseline.code).toBe(0);
    expect(baseline.stdout).toContain('+RUN pip install --no-cache-dir flask');
    expect(baseline.stderr).toContain('1 change(s) [pip-no-cache-dir]');
  });

  it('is written by the first run and read, not rewritten, by the next; the output is the same', () => {
    const dir = join(work, 'cache');
    expect(run(dir)).toEqual(baseline);
    const [file] = cacheFiles(dir);
    expect(file).toMatch(
      new RegExp(`^v8-[0-9a-f]{16}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.bin$`),
    );
    const written = statSync(join(dir, file));
    expect(written.size).toBeGreaterThan(100_000); // the functions the run compiled, not only the top level
    expect(run(dir)).toEqual(baseline);
    // Rewritten only when V8 rejects it: the same modification time means V8 took it.
    expect(statSync(join(dir, file)).mtimeMs).toBe(written.mtimeMs);
    expect(cacheFiles(dir)).toEqual([file]);
  });

  it('a cache written by a run that rewrote nothing is written again by the first run that does, then kept', () => {
    const dir = join(work, 'thin');
    expect(run(dir, ['--version']).code).toBe(0);
    const [file] = cacheFiles(dir);
    const thin = statSync(join(dir, file));
    expect(run(dir, ['--check', 'Dockerfile']).code).toBe(1);
    const full = statSync(join(dir, file));
    expect(full.mtimeMs).toBeGreaterThan(thin.mtimeMs);
    expect(full.size).toBeGreaterThan(thin.size); // now with the engine's functions
    expect(run(dir, ['--check', 'Dockerfile']).code).toBe(1);
    expect(statSync(join(dir, file)).mtimeMs).toBe(full.mtimeMs); // covered: not written again
    expect(run(dir)).toEqual(baseline); // a diff: a kind of work the cache lacked
    const withDiff = statSync(join(dir, file));
    expect(withDiff.mtimeMs).toBeGreaterThan(full.mtimeMs);
    expect(run(dir)).toEqual(baseline);
    expect(statSync(join(dir, file)).mtimeMs).toBe(withDiff.mtimeMs);
    expect(cacheFiles(dir)).toEqual([file]);
  });

  it('a corrupt cache is rejected by V8 and replaced; the output is the same', () => {
    const dir = join(work, 'corrupt');
    expect(run(dir)).toEqual(baseline);
    const [file] = cacheFiles(dir);
    writeFileSync(join(dir, file), Buffer.alloc(4096, 0x5a));
    expect(run(dir)).toEqual(baseline);
    expect(statSync(join(dir, file)).size).toBeGreaterThan(100_000);
  });

  it('a folder it cannot write is no error', () => {
    const dir = join(work, 'locked');
    expect(run(join(dir, 'sub'))).toEqual(baseline); // creates it
    chmodSync(dir, 0o500);
    const other = join(dir, 'other');
    const r = run(other);
    expect(r).toEqual(baseline);
    if (process.getuid?.() !== 0) expect(() => readdirSync(other)).toThrow(); // root may write anyway
  });
});

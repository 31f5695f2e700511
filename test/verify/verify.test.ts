import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CleanupRegistry } from '../../src/verify/cleanup.js';
import { renderJson, renderText } from '../../src/verify/render.js';
import type { VerifyOptions } from '../../src/verify/verify.js';
import { measuredEstimate, verify } from '../../src/verify/verify.js';
import { FakeEngine, type FakeScript } from './fake-engine.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

const base: VerifyOptions = {
  original: 'FROM fat\n',
  rewritten: 'FROM slim\n',
  context: '/ctx',
  smoke: ['app', '--selftest'],
};

async function run(script: FakeScript = {}, opts: Partial<VerifyOptions> = {}) {
  const engine = new FakeEngine(script);
  const tmpRoot = mkdtempSync(join(tmpdir(), 'slimify-verify-unit-'));
  roots.push(tmpRoot);
  const registry = new CleanupRegistry();
  const report = await verify(
    { ...base, ...opts },
    { engine, registry, tmpRoot, readArchive: engine.readArchive, runId: 'test' },
  );
  return { report, engine, tmpRoot, registry };
}

function expectClean(r: Awaited<ReturnType<typeof run>>) {
  expect(r.engine.clean).toBe(true);
  expect(readdirSync(r.tmpRoot)).toEqual([]);
  expect(r.registry.pending).toEqual([]);
  expect(r.report.cleanupFailures).toEqual([]);
}

describe('verify: exit codes', () => {
  it('0 when both build, the smoke passes in both and the rewritten image is smaller', async () => {
    const r = await run();
    expect(r.report).toMatchObject({
      status: 'verified',
      exitCode: 0,
      engine: 'podman',
      delta: { bytes: -1100, percent: -73.3 },
    });
    expect(r.report.original!.analysis!.bytes).toBe(1500);
    expect(r.report.rewritten!.analysis!.layerCount).toBe(1);
    expect(r.engine.calls.filter((c) => c.startsWith('smoke'))).toEqual([
      'smoke original app --selftest',
      'smoke rewritten app --selftest',
    ]);
    expectClean(r);
  });

  it('0 when the same size (not bigger), and without a smoke command none is run', async () => {
    const r = await run({ sizes: { original: [10], rewritten: [10] } }, { smoke: undefined });
    expect(r.report.exitCode).toBe(0);
    expect(r.engine.calls.some((c) => c.startsWith('smoke'))).toBe(false);
    expectClean(r);
  });

  it('1 when the rewritten Dockerfile does not build, with the log tail', async () => {
    const r = await run({
      build: { rewritten: { ok: false, exitCode: 125, logTail: ['STEP 2/3: RUN false', 'error building at STEP'] } },
    });
    expect(r.report).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(r.report.rewritten!.logTail).toContain('error building at STEP');
    expect(renderText(r.report)).toContain('  | error building at STEP');
    expectClean(r);
  });

  it('1 when the smoke command fails in the rewritten image', async () => {
    const r = await run({ smoke: { rewritten: 127 } });
    expect(r.report).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(r.report.reason).toMatch(/smoke command fails in the rewritten image \(exit 127\)/);
    expectClean(r);
  });

  it('1 when the rewritten image is bigger', async () => {
    const r = await run({ sizes: { original: [100], rewritten: [100, 1] } });
    expect(r.report).toMatchObject({ exitCode: 1, delta: { bytes: 1 } });
    expect(r.report.reason).toMatch(/bigger/);
    expectClean(r);
  });

  it('2 when the original does not build; the rewritten one is then not built', async () => {
    const r = await run({ build: { original: { ok: false, exitCode: 1, logTail: ['nope'] } } });
    expect(r.report).toMatchObject({ status: 'error', exitCode: 2 });
    expect(r.engine.calls).not.toContain('build rewritten');
    expectClean(r);
  });

  it('2 when the smoke command fails in the original too (the smoke command is wrong)', async () => {
    const r = await run({ smoke: { original: 1 } });
    expect(r.report.exitCode).toBe(2);
    expect(r.report.reason).toMatch(/original image too/);
    expectClean(r);
  });

  it('2 when there is no engine', async () => {
    const report = await verify(base, {
      engine: null,
      engineTried: ['docker: Cannot connect', 'podman: not installed'],
      registry: new CleanupRegistry(),
    });
    expect(report).toMatchObject({ exitCode: 2, engine: null });
    expect(report.reason).toContain('docker: Cannot connect; podman: not installed');
  });

  it('0 without building when the rewrite changes nothing', async () => {
    const r = await run({}, { rewritten: base.original });
    expect(r.report).toMatchObject({ status: 'unchanged', exitCode: 0 });
    expect(r.engine.calls).toEqual([]);
  });

  it('uses the original-only smoke command for the original image', async () => {
    const r = await run({}, { smokeOriginal: ['old-path/app'] });
    expect(r.engine.calls.filter((c) => c.startsWith('smoke'))).toEqual([
      'smoke original old-path/app',
      'smoke rewritten app --selftest',
    ]);
  });

  it('passes build options to both builds', async () => {
    const r = await run({}, { target: 'runtime', buildArgs: ['V=1'], engineArgs: ['--network=host'] });
    for (const b of r.engine.builds)
      expect(b).toMatchObject({
        target: 'runtime',
        buildArgs: ['V=1'],
        engineArgs: ['--network=host'],
        context: '/ctx',
      });
    expect(r.engine.builds.map((b) => b.tag)).toEqual([
      'localhost/slimify-verify-test:original',
      'localhost/slimify-verify-test:rewritten',
    ]);
    expect(r.engine.builds.map((b) => b.labels)).toEqual([
      { 'slimify.verify.run': 'test' },
      { 'slimify.verify.run': 'test' },
    ]);
    expect(r.engine.calls).toContain('leftovers label slimify.verify.run=test');
  });
});

describe('verify: cleanup', () => {
  it('removes everything when the export throws (exit 2, not blamed on the rewrite)', async () => {
    const r = await run({ exportFails: 'rewritten' });
    expect(r.report.exitCode).toBe(2);
    expect(r.report.reason).toMatch(/disk full/);
    expectClean(r);
  });

  it('removes images, containers and the folder when a signal arrives mid-build', async () => {
    const registry = new CleanupRegistry();
    let exitCode: number | null = null;
    let dirDuringBuild = '';
    const tmpRoot = mkdtempSync(join(tmpdir(), 'slimify-verify-unit-'));
    roots.push(tmpRoot);
    const engine = new FakeEngine({
      duringBuild: async (side) => {
        if (side !== 'rewritten') return;
        dirDuringBuild = join(tmpRoot, readdirSync(tmpRoot)[0]!);
        registry.add('kill the build', () => void (engine.killed = true)); // what the real runner registers
        registry.installSignalHandlers(
          () => {},
          (c) => (exitCode = c),
        );
        process.emit('SIGINT', 'SIGINT');
        await new Promise((r) => setTimeout(r, 50));
      },
    });
    try {
      await verify(base, { engine, registry, tmpRoot, readArchive: engine.readArchive, runId: 't' });
    } finally {
      registry.removeSignalHandlers();
    }
    expect(exitCode).toBe(130);
    expect(existsSync(dirDuringBuild)).toBe(false);
    expect(engine.calls).toContain('rmi localhost/slimify-verify-t:original');
    expect(engine.clean).toBe(true);
  });

  it('runs every action even when one fails, newest first, and reports the failure', async () => {
    const reg = new CleanupRegistry();
    const order: string[] = [];
    reg.add('a', () => void order.push('a'));
    reg.add('b', () => {
      throw new Error('x');
    });
    const undo = reg.add('c', () => void order.push('c'));
    reg.add('d', () => void order.push('d'));
    undo();
    expect(await reg.runAll()).toEqual(['b']);
    expect(order).toEqual(['d', 'a']);
    expect(reg.pending).toEqual([]);
  });
});

describe('verify: output', () => {
  it('text shows sizes, layers, build time, smoke exit codes and where the bytes are', async () => {
    const { report } = await run();
    const text = renderText(report);
    expect(text).toMatch(/size\s+1\.5 kB \(1500 B\)\s+400 B \(400 B\)\s+-1\.1 kB \(-73\.3%\)/);
    expect(text).toMatch(/layers\s+2\s+1/);
    expect(text).toMatch(/build\s+1\.2 s\s+1\.2 s/);
    expect(text).toMatch(/smoke: app --selftest\s+exit 0\s+exit 0/);
    expect(text).toMatch(/#0 +1\.0 kB {2}STEP 0\n +#1 +500 B {2}STEP 1/);
    expect(text).toMatch(/^OK: .*\(exit 0\)$/m);
  });

  it('JSON carries the report and a measured estimate', async () => {
    const { report } = await run();
    const j = JSON.parse(renderJson(report));
    expect(j.exitCode).toBe(0);
    expect(j.original.analysis.bytes).toBe(1500);
    expect(j.estimate).toEqual({ bytes: 1100, basis: 'measured', note: expect.stringContaining('1500 -> 400') });
    expect(measuredEstimate({ ...report, status: 'failed' })).toBeNull();
  });
});

/**
 * Delta debugging of `--verify` with a fake builder: the "image" of a Dockerfile text is decided
 * by the test (does it build, does the smoke test pass, how big is it), so every search path of
 * proveRewrite is exercised without an engine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser } from '../../src/index.js';
import type { Finding, Transform } from '../../src/engine/types.js';
import { proveRewrite, type TrialOutcome } from '../../src/verify/prove-rewrite.js';

/** A safe transform replacing every match of `from` in the text with `to` (one finding per match). */
function swap(id: string, from: RegExp, to: string): Transform {
  return {
    meta: { id, title: id, tier: 'safe', category: 'layer', description: id, docs: '' },
    run(doc) {
      const out: Finding[] = [];
      for (const m of doc.text.matchAll(from)) {
        const start = m.index!;
        const end = start + m[0].length;
        out.push({
          transform: id,
          code: id,
          message: `${m[0]} -> ${to}`,
          span: { start, end },
          edits: [{ start, end, text: to }],
          estimate: { bytes: 5, basis: 'heuristic', note: 'test' },
        });
      }
      return out;
    },
  };
}

const transforms = [swap('t-small', /\bbig\b/g, 'small'), swap('t-cache', /\bkeep-cache\b/g, 'drop-cache')];

const TEXT = [
  'FROM debian:12',
  'RUN echo big',
  'RUN echo keep-cache one',
  'RUN echo keep-cache two',
  'RUN echo keep-cache three',
  '',
].join('\n');

interface World {
  /** The build fails when this returns a reason. */
  build?: (text: string) => string | null;
  /** The smoke test fails when this returns a reason. */
  smoke?: (text: string) => string | null;
  size?: (text: string) => number;
}

const count = (text: string, word: string) => text.split(word).length - 1;
const defaultSize = (t: string) => 1000 - 100 * count(t, 'small') - 10 * count(t, 'drop-cache');

function fakeTrial(world: World, log: string[]) {
  return async (text: string): Promise<TrialOutcome> => {
    log.push(text);
    const b = world.build?.(text);
    if (b) return { built: false, ok: false, failure: { reason: `build: ${b}`, logTail: [`error: ${b}`] } };
    const size = (world.size ?? defaultSize)(text);
    const sizes = { uncompressed: size, compressed: Math.round(size / 3) };
    const s = world.smoke?.(text);
    if (s) return { built: true, ok: false, sizes, failure: { reason: `smoke: ${s}`, logTail: [`smoke said ${s}`] } };
    return { built: true, ok: true, sizes };
  };
}

async function prove(world: World, text = TEXT) {
  const log: string[] = [];
  const r = await proveRewrite({ original: text, options: { transforms }, trial: fakeTrial(world, log) });
  return { ...r, log };
}

beforeAll(() => initShellParser());

describe('proveRewrite', () => {
  it('everything passes: two builds, every finding kept, the measured saving is the file total', async () => {
    const r = await prove({});
    expect(r.status).toBe('verified');
    expect(r.builds).toBe(2);
    expect(r.dropped).toEqual([]);
    expect(r.result.output).toBe(TEXT.replace('big', 'small').replaceAll('keep-cache', 'drop-cache'));
    expect(r.result.estimatedBytes).toBe(130);
    expect(r.rewritten?.sizes).toEqual({ uncompressed: 870, compressed: 290 });
  });

  it('one transform breaks the smoke test: the others are kept, its finding is reported with the log tail', async () => {
    const r = await prove({ smoke: (t) => (t.includes('small') ? 'tool missing' : null) });
    expect(r.status).toBe('verified');
    expect(r.result.status).toBe('changed');
    expect(r.result.output).toBe(TEXT.replaceAll('keep-cache', 'drop-cache'));
    expect(r.dropped).toEqual([
      {
        transform: 't-small',
        code: 't-small',
        line: 2,
        reason: 'smoke: tool missing',
        logTail: ['smoke said tool missing'],
      },
    ]);
    const skipped = r.result.findings.find((f) => f.transform === 't-small')!;
    expect(skipped.applied).toBe(false);
    expect(skipped.skipped).toEqual({ code: 'unverified', detail: 'left out: smoke: tool missing' });
    expect(r.result.estimatedBytes).toBe(30);
    // original, full rewrite, t-small alone (fails), t-cache alone (passes)
    expect(r.builds).toBe(4);
  });

  it('whole transforms first, then single findings: one bad finding of a transform does not drop its siblings', async () => {
    const r = await prove({ build: (t) => (t.includes('drop-cache two') ? 'no such package' : null) });
    expect(r.result.output).toBe(
      TEXT.replace('big', 'small')
        .replace('keep-cache one', 'drop-cache one')
        .replace('keep-cache three', 'drop-cache three'),
    );
    expect(r.dropped).toHaveLength(1);
    expect(r.dropped[0]).toMatchObject({ transform: 't-cache', line: 4, reason: 'build: no such package' });
    expect(r.result.findings.filter((f) => f.applied).map((f) => f.line)).toEqual([2, 3, 5]);
  });

  it('a rewrite that builds and passes but is not smaller is not kept', async () => {
    const r = await prove({ size: (t) => 1000 + 50 * count(t, 'drop-cache') - 100 * count(t, 'small') });
    expect(r.result.output).toBe(TEXT.replace('big', 'small'));
    expect(r.dropped.map((d) => d.line)).toEqual([3, 4, 5]);
    expect(r.dropped[0]!.reason).toMatch(/not smaller/);
  });

  it('nothing passes: the file is left as it was, every finding is reported', async () => {
    const r = await prove({ build: (t) => (t === TEXT ? null : 'broken') });
    expect(r.status).toBe('verified');
    expect(r.result.status).toBe('unchanged');
    expect(r.result.output).toBe(TEXT);
    expect(r.rewritten).toBeUndefined();
    expect(r.dropped).toHaveLength(4);
    expect(r.result.estimatedBytes).toBe(0);
  });

  it('the original does not build: error with the reason, only one build', async () => {
    const r = await prove({ build: () => 'exit 1' });
    expect(r.status).toBe('error');
    expect(r.error).toMatch(/the original Dockerfile does not build \(build: exit 1\)/);
    expect(r.result.status).toBe('error');
    expect(r.result.output).toBe(TEXT);
    expect(r.builds).toBe(1);
  });

  it('the smoke test fails on the original: error (the smoke command is wrong, not the rewrite)', async () => {
    const r = await prove({ smoke: () => 'exit 127' });
    expect(r.status).toBe('error');
    expect(r.error).toMatch(/smoke test fails in the original image too/);
  });

  it('measured deltas per finding where the build without it was made; others keep their estimate', async () => {
    const r = await prove({ smoke: (t) => (t.includes('small') ? 'tool missing' : null) });
    // kept: the three t-cache findings together; no build without exactly one of them
    for (const f of r.result.findings.filter((x) => x.applied)) expect(f.estimate?.basis).toBe('heuristic');
    const single = await prove({}, 'FROM debian:12\nRUN echo big\n');
    expect(single.result.findings[0]!.estimate).toMatchObject({ bytes: 100, basis: 'measured' });
  });

  it('nothing to change: no build at all', async () => {
    const r = await prove({}, 'FROM debian:12\nRUN echo fine\n');
    expect(r.status).toBe('unchanged');
    expect(r.builds).toBe(0);
    expect(r.log).toEqual([]);
  });

  it('tries that give the same text share one build', async () => {
    const r = await prove({ smoke: (t) => (t.includes('small') ? 'tool missing' : null) });
    expect(new Set(r.log).size).toBe(r.log.length);
  });
});

import { describe, expect, it } from 'vitest';
import { applyPatch, parsePatch } from 'diff';
import { changedLines, diffLines, linearOps, unifiedDiff } from '../../src/report/diff.js';

/** Applies a unified diff with jsdiff's own patcher (it reads the `diff --git` header too). */
function apply(before: string, patch: string): string | false {
  return applyPatch(before, patch);
}

/** A seeded generator, so every run checks the same inputs. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('unifiedDiff', () => {
  it('prints the git header, 3 lines of context and counted hunk headers', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm'].join('\n') + '\n';
    const after = before.replace('b\n', 'B\n').replace('l\n', 'L\n');
    expect(unifiedDiff('Dockerfile', before, after)).toBe(
      [
        'diff --git a/Dockerfile b/Dockerfile',
        '--- a/Dockerfile',
        '+++ b/Dockerfile',
        '@@ -1,5 +1,5 @@',
        ' a',
        '-b',
        '+B',
        ' c',
        ' d',
        ' e',
        '@@ -9,5 +9,5 @@',
        ' i',
        ' j',
        ' k',
        '-l',
        '+L',
        ' m',
        '',
      ].join('\n'),
    );
  });

  it('merges changes 6 unchanged lines apart into one hunk and splits them at 7', () => {
    const base = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const six = [...base];
    six[2] = 'x';
    six[9] = 'y';
    expect(unifiedDiff('f', base.join('\n') + '\n', six.join('\n') + '\n').match(/^@@/gm)).toHaveLength(1);
    const seven = [...base];
    seven[2] = 'x';
    seven[10] = 'y';
    expect(unifiedDiff('f', base.join('\n') + '\n', seven.join('\n') + '\n').match(/^@@/gm)).toHaveLength(2);
  });

  it('marks a missing final newline and keeps CR as part of the line', () => {
    expect(unifiedDiff('f', 'a\r\nb', 'a\r\nb\r\n')).toBe(
      'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\n\\ No newline at end of file\n+b\r\n',
    );
    expect(unifiedDiff('f', '', 'a\n')).toBe('diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -0,0 +1,1 @@\n+a\n');
    expect(unifiedDiff('f', 'same', 'same')).toBe('');
  });

  it('puts an inserted line that equals its neighbours before the common tail, as git does', () => {
    expect(unifiedDiff('f', 'a\na\na\n', 'a\nb\na\na\na\n')).toBe(
      'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,5 @@\n a\n+b\n+a\n a\n a\n',
    );
  });

  it('quotes paths git would quote, in the header and the file lines alike', () => {
    const d = unifiedDiff('dir/ü "x"', 'a\n', 'b\n');
    expect(d.split('\n').slice(0, 3)).toEqual([
      'diff --git "a/dir/\\303\\274 \\"x\\"" "b/dir/\\303\\274 \\"x\\""',
      '--- "a/dir/\\303\\274 \\"x\\""',
      '+++ "b/dir/\\303\\274 \\"x\\""',
    ]);
    expect(parsePatch(d)[0].oldFileName).toBe('a/dir/ü "x"');
  });

  it('colours without changing the text', () => {
    const before = 'a\nb\nc\n';
    const after = 'a\nB\nc\n';
    const plain = unifiedDiff('f', before, after);
    // eslint-disable-next-line no-control-regex
    expect(unifiedDiff('f', before, after, { color: true }).replace(/\x1b\[\d+m/g, '')).toBe(plain);
  });

  it('stays exact on a generated 1.6 MB file with 17,000 changed lines (linear alignment past the Myers bound)', () => {
    const before: string[] = [];
    const after: string[] = [];
    for (let i = 0; i < 34_000; i++) {
      const line = `RUN apt-get install -y pkg${i % 50} && echo step ${i}`;
      before.push(line);
      after.push(i % 2 ? line : line.replace('-y', '-y --no-install-recommends'));
    }
    const a = before.join('\n') + '\n';
    const b = after.join('\n') + '\n';
    const patch = unifiedDiff('Dockerfile', a, b);
    expect(apply(a, patch)).toBe(b);
    // The shape slimify's edits have: each changed line is one `-` and one `+`, nothing else moves.
    expect(patch.match(/^-RUN/gm)).toHaveLength(17_000);
    expect(patch.match(/^\+RUN/gm)).toHaveLength(17_000);
    expect(patch.match(/^-.*--no-install-recommends/gm)).toBeNull();
    expect(patch.match(/^\+.*--no-install-recommends/gm)).toHaveLength(17_000);
  });

  it('gives an exact script from the linear alignment on random edits (seeded)', () => {
    const next = rng(42);
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Math.floor(next() * 60) }, () => `l${Math.floor(next() * 8)}`);
      const b = a.flatMap((l) => {
        const r = next();
        return r < 0.1 ? [] : r < 0.2 ? [l, `n${Math.floor(next() * 8)}`] : r < 0.3 ? [`c${l}`] : [l];
      });
      for (const ops of [linearOps(a, b), diffLines(a, b, 3)]) {
        expect(ops.filter((o) => o.kind !== '+').map((o) => o.line)).toEqual(a);
        expect(ops.filter((o) => o.kind !== '-').map((o) => o.line)).toEqual(b);
      }
      const before = a.join('\n') + '\n';
      const after = b.join('\n') + '\n';
      expect(apply(before, unifiedDiff('f', before, after, { maxEditLength: 3 }))).toBe(after);
      expect(apply(before, unifiedDiff('f', before, after))).toBe(after);
    }
  });
});

describe('changedLines', () => {
  it('lists removed lines and the lines around an insertion', () => {
    expect(changedLines('a\nb\nc\n', 'a\nB\nc\n')).toEqual([1, 2]);
    expect(changedLines('a\nb\n', 'a\nx\nb\n')).toEqual([0, 1]);
  });
});

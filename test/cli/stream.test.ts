/**
 * The text report is written as files finish (memory flat in the number of files), with the same
 * bytes per stream as printing every result at the end: stdout in file order, stderr with every
 * error line first, then the summaries (diff mode), then the totals.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import type { Transform } from '../../src/engine/types.js';
import { cli, tempTree } from '../helpers/cli-harness.js';
import { PROGRESS_MIN_FILES } from '../../src/cli/progress.js';
import { aptToAptGet, breaker } from '../helpers/test-transforms.js';

// breaker leaves a RUN with a double quote alone, so `changed` files change and `broken` ones fail.
const changed = (n: string) => `FROM debian:bookworm\n# file ${n}\nRUN apt update && apt install -y "curl"\n`;
const unchanged = (n: string) => `FROM debian:bookworm\n# file ${n}\nRUN echo "ok"\n`;
const broken = (n: string) => `FROM debian:bookworm\n# file ${n}\nRUN apt-get update\n`;

const TREE = {
  'a.Dockerfile': changed('a'),
  'b.Dockerfile': Buffer.from('FROM x\nRUN echo \0\n'),
  'c.Dockerfile': unchanged('c'),
  'd.Dockerfile': broken('d'),
  'e.Dockerfile': changed('e'),
  'f.Dockerfile': unchanged('f'),
};
const transforms = [aptToAptGet, breaker];
const SAFETY =
  'the rewrite was discarded because it failed a safety check: a RUN body no longer parses as shell: apt-get update "';

describe('text report', () => {
  it('diff mode: stdout is every diff in file order; stderr is the errors, then the summaries, then the totals', async () => {
    const root = tempTree(TREE);
    const r = await cli(root, ['.', 'missing.Dockerfile'], { transforms });
    const json = JSON.parse((await cli(root, ['.', 'missing.Dockerfile', '--format', 'json'], { transforms })).stdout);
    expect(r.code).toBe(2);
    const diffs = json.files
      .filter((f: { status: string }) => f.status === 'changed')
      .map((f: { diff: string }) => f.diff);
    expect(diffs).toHaveLength(2);
    expect(r.stdout).toBe(diffs.join(''));
    expect(r.stderr).toBe(
      [
        'slimify: error: missing.Dockerfile: no such file or folder',
        'slimify: error: b.Dockerfile: looks like a binary file (contains NUL bytes)',
        `slimify: error: d.Dockerfile: ${SAFETY}`,
        'a.Dockerfile: 2 change(s) [test-apt-get], est. 2.0 kB smaller (uncompressed)',
        'c.Dockerfile: nothing to change',
        'e.Dockerfile: 2 change(s) [test-apt-get], est. 2.0 kB smaller (uncompressed)',
        'f.Dockerfile: nothing to change',
        '7 file(s), 2 changed, 3 error(s), est. 4.0 kB saved (uncompressed) (dry run: nothing written; use --write)',
        '',
      ].join('\n'),
    );
  });

  it('--check: stdout is the per-file lines in order, then the totals; stderr only the errors', async () => {
    const r = await cli(tempTree(TREE), ['--check'], { transforms });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(
      [
        'would change a.Dockerfile: 2 change(s) [test-apt-get], est. 2.0 kB smaller (uncompressed)',
        'would change e.Dockerfile: 2 change(s) [test-apt-get], est. 2.0 kB smaller (uncompressed)',
        '6 file(s), 2 would change, 2 error(s), est. 4.0 kB to save (uncompressed)',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe(
      [
        'slimify: error: b.Dockerfile: looks like a binary file (contains NUL bytes)',
        `slimify: error: d.Dockerfile: ${SAFETY}`,
        '',
      ].join('\n'),
    );
  });

  it("writes each file's stdout part before the next file is rewritten", async () => {
    // A transform that notes what stdout held when it first saw each file.
    const seen = new Map<string, string>();
    let stdout = '';
    const spy: Transform = {
      meta: { id: 'test-spy', title: 'spy', tier: 'safe', category: 'layer', description: 'test: spy', docs: '' },
      run(doc) {
        const n = /# file (\w+)/.exec(doc.text)?.[1];
        if (n && !seen.has(n)) seen.set(n, stdout);
        return [];
      },
    };
    for (const args of [[], ['--check']]) {
      seen.clear();
      stdout = '';
      let stderr = '';
      await runCli(
        ['.', ...args],
        {
          cwd: tempTree(TREE),
          stdout: { write: (s) => void (stdout += s), isTTY: false },
          stderr: { write: (s) => void (stderr += s), isTTY: false },
          readStdin: async () => Buffer.alloc(0),
          env: {},
        },
        { transforms: [...transforms, spy] },
      );
      const aPart = args.length
        ? /^would change a\.Dockerfile: .*\n/.exec(stdout)![0]
        : stdout.split(/(?=diff --git)/)[0];
      expect(aPart).toContain('a.Dockerfile');
      expect(seen.get('a')).toBe('');
      expect(seen.get('c')).toBe(aPart);
      expect(seen.get('e')).toBe(aPart);
      expect(stdout.startsWith(aPart)).toBe(true);
      // stderr is written at the end: the errors come first there.
      expect(stderr.split('\n')[0]).toMatch(/^slimify: error: b\.Dockerfile/);
    }
  });

  it('on a terminal with a progress line, stdout waits until the line is cleared: the same bytes, after it', async () => {
    // Enough files for a progress line (src/cli/progress.ts PROGRESS_MIN_FILES).
    const tree: Record<string, string> = {};
    for (let i = 0; i < PROGRESS_MIN_FILES + 2; i++)
      tree[`f${String(i).padStart(2, '0')}.Dockerfile`] = changed(`${i}`);
    const root = tempTree(tree);
    const plain = await cli(root, ['.'], { transforms });
    for (const args of [[], ['--check'], ['--format', 'json']]) {
      const log: { to: 'out' | 'err'; s: string }[] = [];
      const code = await runCli(
        ['.', ...args],
        {
          cwd: root,
          stdout: { write: (s) => void log.push({ to: 'out', s }), isTTY: true },
          stderr: { write: (s) => void log.push({ to: 'err', s }), isTTY: true },
          readStdin: async () => Buffer.alloc(0),
          env: { NO_COLOR: '1' },
        },
        { transforms },
      );
      expect(code).toBe(args[0] === '--check' ? 1 : 0);
      const progress = log.filter((w) => w.to === 'err' && w.s.startsWith('\r\x1b[2K['));
      expect(progress).toHaveLength(PROGRESS_MIN_FILES + 2);
      const cleared = log.findIndex((w) => w.to === 'err' && w.s === '\r\x1b[2K');
      const firstOut = log.findIndex((w) => w.to === 'out');
      expect(cleared).toBeGreaterThan(log.indexOf(progress.at(-1)!));
      expect(firstOut).toBeGreaterThan(cleared);
      const stdout = log
        .filter((w) => w.to === 'out')
        .map((w) => w.s)
        .join('');
      if (!args.length) expect(stdout).toBe(plain.stdout);
      else expect(stdout).toBe((await cli(root, ['.', ...args], { transforms })).stdout);
    }
  });
});

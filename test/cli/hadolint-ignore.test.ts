/** `# hadolint ignore=DLxxxx` is honoured by every transform whose findings map to that rule. */
import { describe, expect, it } from 'vitest';
import { slimify, transforms } from '../../src/index.js';

/** Every hadolint rule a shipped transform maps to, with an input on which the transform changes the file. */
const CASES: { rule: string; transform: string; run: string; from?: string; level?: 'review' }[] = [
  { rule: 'DL3009', transform: 'apt-lists-cleanup', run: 'apt-get update && apt-get install -y curl' },
  {
    rule: 'DL3014',
    transform: 'apt-assume-yes',
    run: 'apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*',
  },
  {
    rule: 'DL3027',
    transform: 'apt-get-not-apt',
    run: 'apt update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
  },
  { rule: 'DL3042', transform: 'pip-no-cache-dir', run: 'pip install flask', from: 'python:3.11-slim' },
  { rule: 'DL3019', transform: 'apk-no-cache', run: 'apk add curl', from: 'alpine:3.19' },
  {
    rule: 'DL3015',
    transform: 'apt-no-install-recommends',
    run: 'apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    level: 'review',
  },
];

async function findingsOf(text: string, transform: string, level?: 'review') {
  const r = await slimify(text, { level, only: [transform] });
  return r.findings.filter((f) => f.transform === transform);
}

describe('# hadolint ignore=', () => {
  for (const c of CASES) {
    it(`${c.rule} silences ${c.transform}`, async () => {
      const body = `FROM ${c.from ?? 'debian:bookworm-slim'}\nRUN ${c.run}\n`;
      const plain = await findingsOf(body, c.transform, c.level);
      expect(
        plain.some((f) => f.applied),
        'the case must change the file',
      ).toBe(true);
      expect(plain.find((f) => f.applied)!.hadolint).toBe(c.rule);
      const silenced = `FROM ${c.from ?? 'debian:bookworm-slim'}\n# hadolint ignore=DL3000,${c.rule}\nRUN ${c.run}\n`;
      const after = await findingsOf(silenced, c.transform, c.level);
      expect(after.some((f) => f.applied)).toBe(false);
      expect(after.every((f) => f.skipped?.code === 'ignored')).toBe(true);
      // Another rule's comment does not silence it.
      const other = `FROM ${c.from ?? 'debian:bookworm-slim'}\n# hadolint ignore=DL3000\nRUN ${c.run}\n`;
      expect((await findingsOf(other, c.transform, c.level)).some((f) => f.applied)).toBe(true);
      // `global ignore` anywhere covers the file.
      const global = `# hadolint global ignore=${c.rule}\nFROM ${c.from ?? 'debian:bookworm-slim'}\nRUN ${c.run}\n`;
      expect((await findingsOf(global, c.transform, c.level)).some((f) => f.applied)).toBe(false);
    });
  }

  it('covers every rule a shipped transform maps to (or the list above is out of date)', async () => {
    const mapped = new Set(CASES.map((c) => c.rule));
    // Rules seen on the fixtures' findings.
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const seen = new Set<string>();
    for (const t of transforms) {
      const dir = join('transforms', t.meta.id, '__fixtures__');
      let names: string[];
      try {
        names = readdirSync(dir).filter((n) => n.endsWith('.input.Dockerfile'));
      } catch {
        continue;
      }
      for (const n of names) {
        const r = await slimify(readFileSync(join(dir, n), 'utf8'), { only: [t.meta.id] });
        for (const f of r.findings) if (f.hadolint && f.applied) seen.add(`${f.hadolint} ${f.transform}`);
      }
    }
    const missing = [...seen].filter((s) => !mapped.has(s.split(' ')[0]) && !/^DL3059|^DL30(32|36|40)|^DL3060/.test(s));
    expect(missing).toEqual([]);
  });
});

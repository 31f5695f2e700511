/**
 * Consistency of the transform registry: every folder is registered, ids are kebab-case and
 * equal the folder name, each has a README with the agreed sections, fixtures with at least one
 * changing and one non-changing case, and a test file that runs its fixtures.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transforms } from '../transforms/index.js';
import { fixtureCases, TRANSFORMS_DIR } from './fixture-runner.js';
import { REPO_ROOT } from './helpers/corpus.js';

const folders = readdirSync(TRANSFORMS_DIR).filter((f) => statSync(join(TRANSFORMS_DIR, f)).isDirectory());
const SECTIONS = ['## What', '## Why', '## When it does not apply', '## Examples', '## Limits'];

describe('transform registry', () => {
  it('registers every transform folder exactly once, and nothing else', () => {
    const ids = transforms.map((t) => t.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...folders].sort());
  });

  for (const t of transforms) {
    describe(t.meta.id, () => {
      it('has a kebab-case id, a tier, a category and a description', () => {
        expect(t.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(['safe', 'review']).toContain(t.meta.tier);
        expect(['base', 'layer', 'stage']).toContain(t.meta.category);
        expect(t.meta.description.length).toBeGreaterThan(10);
        expect(t.meta.title.length).toBeGreaterThan(3);
      });
      it('has a README with the agreed sections', () => {
        const readme = join(TRANSFORMS_DIR, t.meta.id, 'README.md');
        expect(existsSync(readme)).toBe(true);
        const text = readFileSync(readme, 'utf8');
        for (const s of SECTIONS) expect(text, `${t.meta.id}/README.md lacks "${s}"`).toContain(s);
      });
      it('has at least one changing and one non-changing fixture', () => {
        const cases = fixtureCases(t.meta.id);
        expect(cases.some((c) => c.output !== null && c.output !== c.input)).toBe(true);
        expect(cases.some((c) => c.output === null || c.output === c.input)).toBe(true);
      });
      it('has a test file that runs its fixtures', () => {
        const file = join(REPO_ROOT, 'test', 'transforms', `${t.meta.id}.test.ts`);
        expect(existsSync(file)).toBe(true);
        expect(readFileSync(file, 'utf8')).toContain(`defineTransformTests('${t.meta.id}')`);
      });
    });
  }
});

describe('README', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  it('documents every command-line flag', async () => {
    const { OPTIONS } = await import('../src/cli/options.js');
    for (const name of Object.keys(OPTIONS)) expect(readme, `README lacks --${name}`).toContain(`\`--${name}\``);
  });
  it('gives the two set-up commands that .ci/run runs', () => {
    expect(readme).toContain('npm ci');
    expect(readme).toContain('npm test');
    const ci = readFileSync(join(REPO_ROOT, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/npm ci/);
    expect(ci).toMatch(/npm test/);
  });
});

describe('README transform table', () => {
  it('lists every registered transform', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    for (const t of transforms)
      expect(readme, `README lacks ${t.meta.id}`).toContain(
        `[\`${t.meta.id}\`](transforms/${t.meta.id}/README.md) | ${t.meta.tier} |`,
      );
  });
});

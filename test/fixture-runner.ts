/**
 * The fixture runner (ESLint's RuleTester for slimify). For every
 * `transforms/<id>/__fixtures__/<case>.input.Dockerfile` it checks, through the full engine with
 * only that transform enabled:
 *   - the output equals `<case>.output.Dockerfile` byte for byte (no output file: must not change);
 *   - the run did not fail a post-condition (status is not `error`);
 *   - a second run on the output changes nothing;
 *   - a CRLF copy gives the CRLF output, and a BOM copy keeps its BOM;
 *   - every changed line lies inside the span of an applied finding (lines are those of the input).
 * `<case>.options.json` (optional) holds extra SlimifyOptions, e.g. {"target": "alpine"}.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync, type SlimifyOptions } from '../src/index.js';
import { changedLines } from '../src/report/diff.js';

export const TRANSFORMS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'transforms');

export interface FixtureCase {
  name: string;
  input: string;
  output: string | null;
  options: SlimifyOptions;
}

export function fixtureCases(id: string): FixtureCase[] {
  const dir = join(TRANSFORMS_DIR, id, '__fixtures__');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.input.Dockerfile'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.input.Dockerfile'.length);
      const outPath = join(dir, `${name}.output.Dockerfile`);
      const optPath = join(dir, `${name}.options.json`);
      return {
        name,
        input: readFileSync(join(dir, f), 'utf8'),
        output: existsSync(outPath) ? readFileSync(outPath, 'utf8') : null,
        options: existsSync(optPath) ? (JSON.parse(readFileSync(optPath, 'utf8')) as SlimifyOptions) : {},
      };
    });
}

/** Runs one transform alone (review tier included) with the fixture's options. */
export function runOnly(id: string, text: string, options: SlimifyOptions = {}) {
  return slimifySync(text, { ...options, only: [id, ...(options.only ?? [])] });
}

export function defineTransformTests(id: string): void {
  describe(`transform ${id}: fixtures`, () => {
    beforeAll(async () => {
      await initShellParser();
    });
    const cases = fixtureCases(id);
    it('has at least one fixture', () => {
      expect(cases.length).toBeGreaterThan(0);
    });
    for (const c of cases) {
      describe(c.name, () => {
        const expected = c.output ?? c.input;
        it('gives the expected output, byte for byte', () => {
          const r = runOnly(id, c.input, c.options);
          expect(r.error).toBeUndefined();
          expect(r.output).toBe(expected);
          expect(r.status).toBe(c.output === null || c.output === c.input ? 'unchanged' : 'changed');
        });
        it('is idempotent: a second run changes nothing', () => {
          const r = runOnly(id, expected, c.options);
          expect(r.error).toBeUndefined();
          expect(r.output).toBe(expected);
          expect(r.findings.filter((f) => f.applied)).toEqual([]);
        });
        if (!c.input.includes('\r')) {
          it('keeps CRLF line endings', () => {
            const crlf = (s: string) => s.replace(/\n/g, '\r\n');
            const r = runOnly(id, crlf(c.input), c.options);
            expect(r.error).toBeUndefined();
            expect(r.output).toBe(crlf(expected));
          });
        }
        it('keeps a BOM', () => {
          const r = runOnly(id, '\uFEFF' + c.input, c.options);
          expect(r.output).toBe('\uFEFF' + expected);
        });
        if (c.output !== null) {
          it('changes only lines inside the spans of applied findings', () => {
            const r = runOnly(id, c.input, c.options);
            const applied = r.findings.filter((f) => f.applied);
            expect(applied.length).toBeGreaterThan(0);
            for (const line of changedLines(c.input, r.output)) {
              const inside = applied.some((f) => line + 1 >= f.line - 1 && line + 1 <= f.endLine + 1);
              expect(inside, `line ${line + 1} changed outside every finding`).toBe(true);
            }
          });
        }
      });
    }
  });
}

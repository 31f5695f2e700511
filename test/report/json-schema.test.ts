/**
 * `--format json` output against docs/report.schema.json (ajv, draft 2020-12), on real fixture inputs
 * with the real transforms: changed files with warnings, skips with reasons, unchanged files, files that
 * fail the safety net, stdin, and both levels.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { transforms as registry } from '../../src/index.js';
import { cli, tempTree } from '../helpers/cli-harness.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { breaker } from '../helpers/test-transforms.js';

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'docs/report.schema.json'), 'utf8'));
/**
 * The schema leaves objects open (new fields may come without a new schemaVersion); the test closes them,
 * so every field the output has is documented.
 */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node))
    out[k] =
      k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, closed(s)])) : closed(v);
  if ('properties' in out) out.additionalProperties = false;
  return out;
}
const validate = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(
  closed(schema) as object,
);

/** Fixture inputs of a few transforms, as a tree of Dockerfiles. */
function fixtureTree(ids: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const id of ids) {
    const dir = join(REPO_ROOT, 'transforms', id, '__fixtures__');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.input.Dockerfile')))
      files[`${id}/${name.replace('.input.Dockerfile', '')}/Dockerfile`] = readFileSync(join(dir, name), 'utf8');
  }
  return files;
}

function check(stdout: string) {
  const report = JSON.parse(stdout);
  const ok = validate(report);
  expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toEqual([]);
  expect(ok).toBe(true);
  return report;
}

describe('--format json matches docs/report.schema.json', () => {
  const root = tempTree(fixtureTree(['split-runtime-stage', 'apt-no-install-recommends', 'slim-base', 'merge-run']));

  for (const level of ['safe', 'review']) {
    it(`on real fixtures at the ${level} level (changes, warnings, skips)`, async () => {
      const r = await cli(root, ['--format', 'json', '--level', level], { transforms: registry });
      const report = check(r.stdout);
      const findings = report.files.flatMap((f: { findings: unknown[] }) => f.findings);
      expect(findings.some((f: { skipped: unknown }) => f.skipped !== null)).toBe(true);
      if (level === 'review') {
        expect(report.totals.changed).toBeGreaterThan(0);
        expect(findings.some((f: { warnings: string[] }) => f.warnings.length > 0)).toBe(true);
      }
    });
  }

  it('with files that fail the safety net (status error)', async () => {
    const r = await cli(root, ['--format', 'json'], { transforms: [...registry, breaker] });
    const report = check(r.stdout);
    expect(r.code).toBe(2);
    expect(report.totals.errors).toBeGreaterThan(0);
    expect(report.files.find((f: { status: string }) => f.status === 'error').error).toMatch(/safety check/);
  });

  it('on stdin', async () => {
    const text = readFileSync(
      join(REPO_ROOT, 'transforms/split-runtime-stage/__fixtures__/go-basic.input.Dockerfile'),
      'utf8',
    );
    const r = await cli(tempTree({}), ['--format', 'json', '--level', 'review', '-'], {
      stdin: text,
      transforms: registry,
    });
    const report = check(r.stdout);
    expect(report.mode).toBe('stdin');
    expect(report.files[0].status).toBe('changed');
  });

  it('in --check and --write modes', async () => {
    for (const mode of ['--check', '--write']) {
      const r = await cli(
        tempTree(fixtureTree(['split-runtime-stage'])),
        ['--format', 'json', '--level', 'review', mode],
        {
          transforms: registry,
        },
      );
      expect(check(r.stdout).mode).toBe(mode.slice(2));
    }
  });

  it('rejects a field the schema does not document (the check is live)', async () => {
    const r = await cli(tempTree({ Dockerfile: 'FROM debian:bookworm\n' }), ['--format', 'json'], {
      transforms: registry,
    });
    const report = JSON.parse(r.stdout);
    expect(validate(report)).toBe(true);
    expect(validate({ ...report, totals: { ...report.totals, extra: 1 } })).toBe(false);
    expect(validate({ ...report, mode: 'other' })).toBe(false);
  });
});

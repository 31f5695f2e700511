import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defineTransformTests, runOnly } from '../fixture-runner.js';
import { initShellParser } from '../../src/index.js';

defineTransformTests('slim-base');

const fixture = (name: string) =>
  readFileSync(new URL(`../../transforms/slim-base/__fixtures__/${name}.input.Dockerfile`, import.meta.url), 'utf8');
const only = (name: string, options = {}) =>
  runOnly('slim-base', fixture(name), options).findings.filter((f) => f.transform === 'slim-base');

describe('slim-base findings', () => {
  beforeAll(async () => {
    await initShellParser();
  });

  it('estimates the saving from the dated size table and names its source', () => {
    const [f] = only('python-basic');
    expect(f.code).toBe('switch-to-slim');
    expect(f.estimate?.basis).toBe('catalog');
    expect(f.estimate?.bytes).toBe(410_900_000 - 43_200_000);
    expect(f.estimate?.note).toMatch(/repo-info/);
    expect(f.estimate?.note).toMatch(/uncompressed 1110\.0 -> 119\.2 MB/);
  });

  it('warns that a past-only tag is frozen', () => {
    const [f] = only('python-frozen');
    expect(f.warnings?.join(' ')).toMatch(/python:3\.7-slim is frozen: it was last listed on 2023-09-19/);
    const [n] = only('node-suite-frozen');
    expect(n.warnings?.join(' ')).toMatch(/node:18-bullseye-slim is frozen/);
  });

  it.each([
    ['digest', 'digest', /python:3\.12-slim exists.*new digest/],
    ['arg-used-elsewhere', 'variable', /also feeds|redeclared/],
    ['arg-no-default', 'variable', /no default/],
    [
      'hidden-requirements',
      'needs-toolchain',
      /pip install --no-cache-dir -r requirements\.txt|pip install -r requirements\.txt/,
    ],
    ['golang-no-slim', 'no-target', /golang has no slim/],
    ['php-no-slim', 'no-target', /php has no slim/],
    ['temurin-builds', 'needs-toolchain', /mvnw/],
    ['windows', 'no-target', /Windows/],
    ['unknown-image', 'unknown-image', /mycompany\/python/],
    ['private-registry', 'unknown-image', /registry\.example\.com\/python/],
    ['template', 'template', /PLACEHOLDER/],
  ])('%s: skipped with code %s', (name, code, detail) => {
    const findings = only(name);
    const skipped = findings.filter((f) => f.skipped);
    expect(skipped.map((f) => f.skipped!.code)).toContain(code);
    expect(skipped.find((f) => f.skipped!.code === code)!.skipped!.detail).toMatch(detail);
    expect(findings.filter((f) => f.edits?.length)).toEqual([]);
  });

  it('keeps builder stages and says why', () => {
    const findings = only('builder-kept');
    expect(findings.find((f) => f.skipped)?.skipped).toMatchObject({ code: 'builder-stage' });
    expect(findings.find((f) => f.edits)?.message).toMatch(/python:3\.12 -> python:3\.12-slim/);
  });

  it('switches builder stages when asked', () => {
    const r = runOnly('slim-base', fixture('builder-kept'), {
      transformOptions: { 'slim-base': { builders: true, dependencies: 'prebuilt' } },
    });
    expect(r.output.match(/python:3\.12-slim/g)).toHaveLength(2);
  });

  it('emits nothing for already-minimal images, scratch and stage references', () => {
    expect(only('already-minimal')).toEqual([]);
    const f = only('scratch-and-stage-ref');
    expect(f.map((x) => x.skipped?.code)).toEqual(['no-target']); // golang only
  });

  it('names the packages it installs and why', () => {
    const [f] = only('tools-installed');
    expect(f.message).toMatch(/installs curl, ca-certificates, git, build-essential, libpq-dev/);
    expect(f.message).toMatch(/psycopg2 builds from source/);
  });

  it('rewrites the ARG default and warns about --build-arg', () => {
    const [f] = only('arg-tag');
    expect(f.warnings?.join(' ')).toMatch(/--build-arg PYTHON_VERSION/);
  });
});

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defineTransformTests, runOnly } from '../fixture-runner.js';
import { initShellParser } from '../../src/index.js';

defineTransformTests('alpine-base');

const fixture = (name: string) =>
  readFileSync(new URL(`../../transforms/alpine-base/__fixtures__/${name}.input.Dockerfile`, import.meta.url), 'utf8');
const skips = (name: string) =>
  runOnly('alpine-base', fixture(name), { target: 'alpine' }).findings.filter(
    (f) => f.transform === 'alpine-base' && f.skipped,
  );

describe('alpine-base findings', () => {
  beforeAll(async () => {
    await initShellParser();
  });

  it('names the unmapped package', () => {
    expect(skips('unmapped-package')[0].skipped!.detail).toMatch(
      /no Alpine package known for: libgirepository1\.0-dev/,
    );
  });

  it('refuses glibc-only content', () => {
    expect(skips('glibc-binary')[0].skipped!.detail).toMatch(/prebuilt binary/);
    expect(skips('deb-file')[0].skipped!.detail).toMatch(/\.deb/);
  });

  it('does nothing unless --target alpine', () => {
    expect(runOnly('alpine-base', fixture('node-plain')).findings).toEqual([]);
  });

  it('estimates from the size table', () => {
    const f = runOnly('alpine-base', fixture('node-plain'), { target: 'alpine' }).findings[0];
    expect(f.estimate?.bytes).toBe(408_500_000 - 60_700_000);
    expect(f.warnings?.join(' ')).toMatch(/musl/);
  });
});

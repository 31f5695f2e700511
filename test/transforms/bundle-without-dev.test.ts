import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync } from '../../src/index.js';
import { defineTransformTests, TRANSFORMS_DIR } from '../fixture-runner.js';

defineTransformTests('bundle-without-dev');

const findings = (fixture: string) => {
  const text = readFileSync(
    join(TRANSFORMS_DIR, 'bundle-without-dev', '__fixtures__', `${fixture}.input.Dockerfile`),
    'utf8',
  );
  return slimifySync(text, { only: ['bundle-without-dev'] }).findings.map(
    (f) => `${f.line}:${f.skipped ? f.skipped.code : 'applied'}`,
  );
};

describe('bundle-without-dev', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  it('one ENV per stage, before the first install', () => {
    expect(findings('basic')).toEqual(['6:applied']);
  });
  it('groups already chosen by ENV, bundle config in the RUN or --without: no finding', () => {
    expect(findings('already-clean')).toEqual([]);
  });
  it('no production environment, a later rspec, a builder stage', () => {
    expect(findings('not-production')).toEqual([
      '4:uncertain',
      '8:uncertain',
      '12:needs-toolchain',
      '16:builder-stage',
    ]);
  });
  it('exec form, heredoc, nested shell, PowerShell', () => {
    expect(findings('not-understood')).toEqual(['3:exec-form', '4:heredoc', '7:uncertain']);
    expect(findings('windows')).toEqual(['4:non-posix-shell']);
  });
});

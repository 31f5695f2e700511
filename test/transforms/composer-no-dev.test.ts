import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync } from '../../src/index.js';
import { defineTransformTests, TRANSFORMS_DIR } from '../fixture-runner.js';

defineTransformTests('composer-no-dev');

const findings = (fixture: string) => {
  const text = readFileSync(
    join(TRANSFORMS_DIR, 'composer-no-dev', '__fixtures__', `${fixture}.input.Dockerfile`),
    'utf8',
  );
  return slimifySync(text, { only: ['composer-no-dev'] }).findings.map(
    (f) => `${f.line}:${f.skipped ? f.skipped.code : 'applied'}`,
  );
};

describe('composer-no-dev', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  it('author choices (--no-dev, --dev, COMPOSER_NO_DEV) and other subcommands give no finding', () => {
    expect(findings('already-clean')).toEqual([]);
  });
  it('a later dev tool, artisan, composer script or a dev APP_ENV skips', () => {
    expect(findings('dev-tools-later')).toEqual([
      '4:needs-toolchain',
      '9:needs-toolchain',
      '15:needs-toolchain',
      '22:uncertain',
      '27:needs-toolchain',
    ]);
  });
  it('builder and test stages, vendor cache mount, unreadable RUNs', () => {
    expect(findings('builder-stage')).toEqual(['4:builder-stage', '10:uncertain']);
    expect(findings('cache-mount')).toEqual(['4:cache-mount']);
    expect(findings('not-understood')).toEqual(['3:exec-form', '4:heredoc', '7:uncertain']);
    expect(findings('windows')).toEqual(['3:non-posix-shell']);
  });
  it('a later install or clear-cache/dump-autoload does not block', () => {
    expect(findings('basic')).toEqual(['6:applied', '8:applied']);
  });
});

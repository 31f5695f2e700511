import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('npm-ci');

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync } from '../../src/index.js';
import { TRANSFORMS_DIR } from '../fixture-runner.js';
import { nodeMajorOfTag } from '../../src/lang/npm-version.js';

const skips = (fixture: string) => {
  const text = readFileSync(join(TRANSFORMS_DIR, 'npm-ci', '__fixtures__', `${fixture}.input.Dockerfile`), 'utf8');
  return slimifySync(text, { only: ['npm-ci'] })
    .findings.filter((f) => f.skipped)
    .map((f) => `${f.line}:${f.skipped!.code}`);
};

describe('npm-ci skip reasons', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  it('no named lockfile: nothing, a glob, a whole-folder copy, another directory', () => {
    expect(skips('no-lockfile')).toEqual(['4:uncertain', '6:uncertain', '8:uncertain', '10:uncertain']);
  });
  it('npm older than 5.7 or unknown', () => {
    expect(skips('old-npm')).toEqual(['4:uncertain', '9:uncertain', '14:uncertain']);
  });
  it('options npm ci does not take the same way', () => {
    expect(skips('flags')).toEqual(['4:uncertain', '5:uncertain', '6:uncertain', '8:uncertain', '9:uncertain']);
  });
  it('exec form, heredoc, nested shell, subshell cd, node_modules cache mount, copied node_modules', () => {
    expect(skips('not-understood')).toEqual([
      '4:exec-form',
      '5:heredoc',
      '8:uncertain',
      '9:uncertain',
      '10:cache-mount',
      '12:uncertain',
    ]);
    expect(skips('windows')).toEqual(['4:non-posix-shell']);
  });
  it('reads Node.js majors from official tags', () => {
    expect([
      nodeMajorOfTag('20-alpine'),
      nodeMajorOfTag('8.11'),
      nodeMajorOfTag('carbon'),
      nodeMajorOfTag('lts-slim'),
      nodeMajorOfTag(null),
      nodeMajorOfTag('onbuild'),
    ]).toEqual([20, 8, 8, 18, 18, null]);
  });
});

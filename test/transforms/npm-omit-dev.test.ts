import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync } from '../../src/index.js';
import { defineTransformTests, TRANSFORMS_DIR } from '../fixture-runner.js';

defineTransformTests('npm-omit-dev');

const skips = (fixture: string) => {
  const text = readFileSync(
    join(TRANSFORMS_DIR, 'npm-omit-dev', '__fixtures__', `${fixture}.input.Dockerfile`),
    'utf8',
  );
  return slimifySync(text, { only: ['npm-omit-dev'] })
    .findings.filter((f) => f.skipped)
    .map((f) => `${f.line}:${f.skipped!.code}`);
};

describe('npm-omit-dev skip reasons', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  it('a later build, npx in the same RUN, a dev CMD', () => {
    expect(skips('build-later')).toEqual([
      '4:needs-toolchain',
      '11:needs-toolchain',
      '16:needs-toolchain',
      '22:needs-toolchain',
    ]);
  });
  it('author choices give no finding; an ARG NODE_ENV without value is uncertain', () => {
    expect(skips('already-clean')).toEqual(['19:uncertain', '25:uncertain']);
  });
  it('builder stage, node_modules cache mount, unreadable RUNs, unknown npm', () => {
    expect(skips('builder-stage')).toEqual(['4:builder-stage']);
    expect(skips('cache-mount')).toEqual(['4:cache-mount']);
    expect(skips('not-understood')).toEqual(['4:exec-form', '5:heredoc', '8:uncertain', '14:needs-toolchain']);
    expect(skips('windows')).toEqual(['4:non-posix-shell']);
  });
});

describe('npm-ci and npm-omit-dev together', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  it('npm install with a named lockfile becomes npm ci --omit=dev, and a second run changes nothing', () => {
    const text =
      'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm install\nCOPY . .\nCMD ["node", "server.js"]\n';
    const r = slimifySync(text, { only: ['npm-ci', 'npm-omit-dev'] });
    expect(r.output).toContain('RUN npm ci --omit=dev\n');
    expect(slimifySync(r.output, { only: ['npm-ci', 'npm-omit-dev'] }).status).toBe('unchanged');
  });
});

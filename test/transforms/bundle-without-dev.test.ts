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
  it('a later Ruby process under sudo, su -, runuser -l, env -i, sudo -i or doas does not see the ENV: skip', () => {
    expect(findings('env-not-reached')).toEqual([
      '3:uncertain',
      '8:uncertain',
      '12:uncertain',
      '17:uncertain',
      '23:uncertain',
      '28:uncertain',
      '32:uncertain',
      '39:uncertain',
      '44:uncertain',
      '49:uncertain',
      '54:uncertain',
    ]);
    const text = readFileSync(
      join(TRANSFORMS_DIR, 'bundle-without-dev', '__fixtures__', 'env-not-reached.input.Dockerfile'),
      'utf8',
    );
    const details = slimifySync(text, { only: ['bundle-without-dev'] }).findings.map((f) => f.skipped?.detail ?? '');
    expect(details[0]).toMatch(
      /^`bundle exec rake` in the RUN on line 4 does not see ENV BUNDLE_WITHOUT \(sudo resets/,
    );
    expect(details[1]).toContain('(`su -` starts a login session');
    expect(details[2]).toMatch(/^`bundle exec puma` in the CMD on line 13 .*sudo resets/);
    expect(details[3]).toContain('(`runuser -l` starts a login session');
    expect(details[4]).toContain('`env -i` starts the program with an empty environment');
    expect(details[5]).toMatch(/^bundle install runs under a wrapper that drops ENV BUNDLE_WITHOUT \(sudo resets/);
    expect(details[6]).toMatch(/^`bundle exec sidekiq` in the CMD on line 35 /);
    expect(details[7]).toContain('`sudo -i` runs a login shell');
    expect(details[8]).toContain('doas resets the environment');
    expect(details[9]).toMatch(
      /^`bundle` in the CMD on line 50 may not see ENV BUNDLE_WITHOUT \(its sudo command could not be read/,
    );
    expect(details[10]).toMatch(
      /^`bundle exec puma` in the CMD on line 56 does not see ENV BUNDLE_WITHOUT \(sudo resets/,
    );
  });
  it('sudo -E/--preserve-env, an explicit BUNDLE_WITHOUT, plain su, runuser -u, gosu, su-exec keep it: applied', () => {
    expect(findings('env-reached')).toEqual(['3:applied', '11:applied', '16:applied', '22:applied']);
  });
  it('exec form, heredoc, nested shell, PowerShell', () => {
    expect(findings('not-understood')).toEqual(['3:exec-form', '4:heredoc', '7:uncertain']);
    expect(findings('windows')).toEqual(['4:non-posix-shell']);
  });
});

/** The language package manager rules report why they left a RUN alone, with the right skip code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync } from '../../src/index.js';
import { parseShell } from '../../src/shell/parser.js';
import { findInvocation } from '../../src/shell/lang-invocations.js';
import { unwrapCommand } from '../../src/shell/wrapped-command.js';
import { TRANSFORMS_DIR } from '../fixture-runner.js';

const skipCodes = (id: string, fixture: string) => {
  const text = readFileSync(join(TRANSFORMS_DIR, id, '__fixtures__', `${fixture}.input.Dockerfile`), 'utf8');
  const r = slimifySync(text, { only: [id] });
  return r.findings.filter((f) => f.transform === id && f.skipped).map((f) => `${f.line}:${f.skipped!.code}`);
};

describe('language package manager rules: skip reasons', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  it('cache mounts win', () => {
    expect(skipCodes('pip-no-cache-dir', 'cache-mount')).toEqual([
      '3:cache-mount',
      '5:cache-mount',
      '7:cache-mount',
      '8:uncertain',
    ]);
    expect(skipCodes('npm-cache-clean', 'cache-mount')).toEqual(['3:cache-mount', '5:cache-mount']);
    expect(skipCodes('yarn-cache-clean', 'cache-mount')).toEqual(['3:cache-mount', '4:cache-mount']);
    expect(skipCodes('composer-clear-cache', 'cache-mount')).toEqual(['3:cache-mount']);
    expect(skipCodes('go-clean-cache', 'cache-mount')).toEqual(['5:cache-mount']);
    expect(skipCodes('cargo-registry-clean', 'cache-mount')).toEqual(['5:cache-mount']);
  });
  it('exec form, heredoc, nested shells, unreadable wrappers and ONBUILD', () => {
    expect(skipCodes('pip-no-cache-dir', 'not-understood')).toEqual([
      '2:exec-form',
      '3:heredoc',
      '6:uncertain',
      '7:uncertain',
      '9:uncertain',
      '10:uncertain',
    ]);
    expect(skipCodes('npm-cache-clean', 'not-understood')).toEqual(['2:exec-form', '3:heredoc', '6:uncertain']);
  });
  it('PowerShell stages and templates', () => {
    expect(skipCodes('pip-no-cache-dir', 'windows')).toEqual(['3:non-posix-shell']);
    expect(skipCodes('pip-no-cache-dir', 'template')).toEqual(['2:template']);
  });
  it('builder stages, later use and the toolchain at run time', () => {
    expect(skipCodes('npm-cache-clean', 'builder-stage')).toEqual(['3:builder-stage']);
    expect(skipCodes('go-clean-cache', 'runs-go')).toEqual(['4:needs-toolchain']);
    expect(skipCodes('go-clean-cache', 'old-go')).toEqual(['4:uncertain']);
    expect(skipCodes('go-clean-cache', 'basic')).toEqual(['4:uncertain']);
  });
  it('yarn: Yarn 2+ and an unknown yarn version are left alone', () => {
    expect(skipCodes('yarn-cache-clean', 'berry')).toEqual(['5:uncertain']);
    expect(skipCodes('yarn-cache-clean', 'whole-context')).toEqual(['4:uncertain']);
  });
  it('npm: ||, &, sudo, replacing npm itself and relative paths', () => {
    expect(skipCodes('npm-cache-clean', 'already-clean')).toEqual([
      '4:uncertain',
      '6:uncertain',
      '7:uncertain',
      '8:uncertain',
      '9:uncertain',
      '10:uncertain',
    ]);
  });
});

describe('shell helpers', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  const first = (s: string) => parseShell(s).commands[0];
  it('unwraps sudo, env, xargs and exec', () => {
    const u = unwrapCommand(first('sudo -u app -H env A=1 B="x y" exec nice -n 5 pip3 install x'));
    expect(
      u && 'program' in u ? [u.program, u.wrappers.join(','), u.env.get('B'), u.argv.map((w) => w.value).join(' ')] : u,
    ).toEqual(['pip3', 'sudo,env,exec,nice', 'x y', 'install x']);
    expect(unwrapCommand(first('command -v pip'))).toBeNull();
    const s = unwrapCommand(first('sudo -- PIP_NO_CACHE_DIR=1 pip install x'));
    expect(s && 'program' in s ? [s.program, s.env.get('PIP_NO_CACHE_DIR')] : s).toEqual(['pip', '1']);
    expect(unwrapCommand(first('sudo --frobnicate pip install x'))).toMatchObject({
      reason: expect.stringContaining('--frobnicate'),
    });
  });
  it('reads python -m pip, pip global options, php composer.phar and yarn without a subcommand', () => {
    const sub = (s: string) => {
      const inv = findInvocation(first(s));
      return inv && 'subcommand' in inv
        ? `${inv.tool}:${inv.subcommand?.value ?? '(none)'}`
        : inv && 'reason' in inv
          ? `fail:${inv.reason}`
          : null;
    };
    expect(sub('python3.11 -u -m pip install x')).toBe('pip:install');
    expect(sub('pip --disable-pip-version-check --timeout 60 install x')).toBe('pip:install');
    expect(sub('pip --bogus install x')).toMatch(/^fail:/);
    expect(sub('php /usr/local/bin/composer.phar install')).toBe('composer:install');
    expect(sub('yarn --frozen-lockfile')).toBe('yarn:(none)');
    expect(sub('python3 setup.py install')).toBeNull();
  });
});

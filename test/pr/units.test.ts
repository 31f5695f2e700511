import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync } from '../../src/index.js';
import {
  formatMarker,
  parseMarker,
  renderPrBody,
  reproduceCommand,
  reproduceRunner,
  fingerprintTrailer,
  commitMessage,
} from '../../src/pr/body.js';
import { fingerprintOf, type ChangeSet } from '../../src/pr/changes.js';
import { checkScope, defaultScope } from '../../src/pr/scope.js';
import { parseAuthor, repositoryFromRemoteUrl } from '../../src/pr/config.js';
import { splitList } from '../../src/text/split-list.js';
import { Redactor } from '../../src/pr/redact.js';
import { mapError } from '../../src/pr/github.js';
import { noRecommends } from './helpers/transforms.js';

beforeAll(async () => {
  await initShellParser();
});

function changeSet(text: string, path = 'Dockerfile'): ChangeSet {
  const result = slimifySync(text, { transforms: [noRecommends] });
  const changed = [{ path, result }];
  return { changed, problems: [], checked: 1, fingerprint: fingerprintOf(changed) };
}

describe('PR body', () => {
  it('round-trips the marker and rejects foreign or broken ones', () => {
    const m = { scope: 'all', fingerprint: 'abc123', head: 'f'.repeat(40) };
    expect(parseMarker(`text\n${formatMarker(m)}\nmore`)).toEqual(m);
    expect(parseMarker('<!-- slimify:pr {"scope":1} -->')).toBeNull();
    expect(parseMarker('<!-- slimify:pr {not json} -->')).toBeNull();
    expect(parseMarker('no marker')).toBeNull();
    expect(parseMarker(null)).toBeNull();
  });

  it('fences a diff that itself contains backticks, and escapes table cells', () => {
    const c = changeSet('FROM debian\n# ```weird``` <b>|x|\nRUN apt-get install -y curl\n', 'a|b.Dockerfile');
    const body = renderPrBody({
      changes: c,
      scope: 'all',
      base: 'main',
      options: {},
      marker: { scope: 'all', fingerprint: c.fingerprint, head: 'x' },
    });
    expect(body).toContain('````diff\n');
    expect(body).toContain('| `a\\|b.Dockerfile` | 3 |');
    expect(body).toContain("npx slimify --write 'a|b.Dockerfile'");
  });

  it('drops the diff, never the marker or the table, when the body would be too long', () => {
    const big = 'FROM debian\n' + Array.from({ length: 150 }, (_, i) => `RUN apt-get install -y pkg${i}\n`).join('');
    const c = changeSet(big);
    const marker = { scope: 'all', fingerprint: c.fingerprint, head: 'h' };
    const full = renderPrBody({ changes: c, scope: 'all', base: 'main', options: {}, marker }, 1_000_000);
    expect(full).toContain('+RUN apt-get install -y --no-install-recommends pkg149');
    const short = renderPrBody({ changes: c, scope: 'all', base: 'main', options: {}, marker }, full.length - 1);
    expect(short.length).toBeLessThan(full.length);
    expect(short).toContain('The diff is too large for this description');
    expect(parseMarker(short)).toEqual(marker);
    expect(short).toContain('| `Dockerfile` | 151 |');
  });

  it('fingerprints the before and after texts', () => {
    const a = changeSet('FROM debian\nRUN apt-get install -y curl\n');
    const b = changeSet('FROM debian\nRUN apt-get install -y curl\n');
    const c = changeSet('FROM debian\nRUN apt-get install -y wget\n');
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).not.toBe(c.fingerprint);
    expect(fingerprintTrailer(commitMessage(a, 'all'))).toBe(a.fingerprint);
    expect(fingerprintTrailer('fix: something\n\nSlimify-Fingerprint: nothex\n')).toBeNull();
  });

  it('builds the reproduce command with the options that matter', () => {
    const plain = reproduceRunner({});
    expect(
      reproduceCommand(
        ['Dockerfile', 'my dir/Dockerfile'],
        { level: 'review', only: ['a', 'b'], skip: ['c'], target: 'alpine' },
        plain,
      ).split('\n')[1],
    ).toBe("npx slimify --write --level review --only a,b --skip c --target alpine Dockerfile 'my dir/Dockerfile'");
    expect(reproduceCommand(['Dockerfile'], { level: 'safe', target: 'slim' }, plain)).toMatch(
      /^# slimify is not published on npm: .*\nnpx slimify --write Dockerfile$/,
    );
  });

  it('points at the action repository and ref when run from the GitHub Action (slimify is not on npm)', () => {
    const runner = reproduceRunner({ GITHUB_ACTION_REPOSITORY: 'acme/slimify', GITHUB_ACTION_REF: 'v1' });
    expect(reproduceCommand(['Dockerfile'], {}, runner)).toBe("npx --yes 'github:acme/slimify#v1' --write Dockerfile");
    expect(reproduceRunner({ GITHUB_ACTION_REPOSITORY: 'bad;rm -rf /' }).argv).toEqual(['npx', 'slimify']);
  });
});

describe('scope and config', () => {
  it('derives stable branch scopes', () => {
    expect(defaultScope([])).toBe('all');
    expect(defaultScope(['services/api', 'Dockerfile'])).toBe('dockerfile-services-api');
    expect(defaultScope([], ['apt-hygiene'])).toBe('only-apt-hygiene');
    const long = defaultScope(Array.from({ length: 20 }, (_, i) => `services/service-${i}`));
    expect(long).toMatch(/^[a-z0-9.-]{1,31}-[0-9a-f]{8}$/);
    expect(defaultScope(Array.from({ length: 20 }, (_, i) => `services/service-${i}`).reverse())).toBe(long);
  });

  it('rejects scopes that are not branch-name safe', () => {
    expect(checkScope('weekly/base-images')).toBe('weekly/base-images');
    for (const bad of ['', 'a b', '../x', 'x..y', '-x', 'x/', 'x.lock', 'a@{b}'])
      expect(() => checkScope(bad), bad).toThrow(/invalid --scope/);
  });

  it('reads owner/repo from remote URLs', () => {
    expect(repositoryFromRemoteUrl('https://github.com/acme/app.git')).toBe('acme/app');
    expect(repositoryFromRemoteUrl('https://x-access-token:abc@github.com/acme/app')).toBe('acme/app');
    expect(repositoryFromRemoteUrl('git@github.com:acme/app.git')).toBe('acme/app');
    expect(repositoryFromRemoteUrl('ssh://git@ghe.example:2222/acme/app.git')).toBe('acme/app');
    expect(repositoryFromRemoteUrl('/tmp/remote.git')).toBeNull();
  });

  it('parses authors and lists', () => {
    expect(parseAuthor('Slim Bot <slim@example.com>')).toEqual({ name: 'Slim Bot', email: 'slim@example.com' });
    expect(() => parseAuthor('Slim Bot')).toThrow(/invalid --author/);
    expect(splitList(['a, b', 'c\nd', ''])).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('secrets and API errors', () => {
  const token = 'ghp_abcdefghijklmnop';
  const r = new Redactor([token, undefined, 'x']);

  it('redacts the token, plain and base64-encoded, and ignores too-short values', () => {
    expect(r.redact(`a ${token} b`)).toBe('a *** b');
    expect(r.redact(`Authorization: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`)).toBe(
      'Authorization: basic ***',
    );
    expect(r.redact('x marks')).toBe('x marks');
  });

  it('maps statuses to kinds', () => {
    const err = (status: number, headers: Record<string, string> = {}, message = 'm') => ({
      status,
      message,
      response: { headers, data: { message } },
    });
    expect(mapError(err(429), 'do it', 'a/b', r).kind).toBe('rate-limited');
    expect(mapError(err(403, {}, 'You have exceeded a secondary rate limit'), 'do it', 'a/b', r).kind).toBe(
      'rate-limited',
    );
    expect(mapError(err(403), 'do it', 'a/b', r).kind).toBe('forbidden');
    expect(mapError(err(502), 'do it', 'a/b', r).message).toBe(
      'could not do it: GitHub returned 502; try again later. GitHub said: m',
    );
    const net = mapError(
      Object.assign(new Error(`fetch failed ${token}`), { status: 500, cause: new Error('ECONNREFUSED') }),
      'do it',
      'a/b',
      r,
    );
    expect(net.kind).toBe('network');
    expect(net.message).toContain('ECONNREFUSED');
    expect(net.message).not.toContain(token);
  });
});

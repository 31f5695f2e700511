import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser } from '../../src/index.js';
import { parseShell } from '../../src/shell/parser.js';
import { errexitBefore, stateEffects } from '../../src/shell/state-effects.js';
import { cleanupOnly } from '../../src/shell/cleanup-commands.js';

beforeAll(async () => {
  await initShellParser();
});

describe('stateEffects', () => {
  it('finds top-level state changes, not those in subshells', () => {
    expect(stateEffects(parseShell('cd /tmp && make')).state).toEqual(['cd /tmp']);
    expect(stateEffects(parseShell('(cd /tmp && make) && X=$(cd /x; pwd) echo')).state).toEqual([]);
    expect(stateEffects(parseShell('X=1; echo $X')).state).toEqual(['X=1']);
    expect(stateEffects(parseShell('f() { echo; }; f')).state).toContain('function definition');
    expect(stateEffects(parseShell('$CMD install')).state).toEqual(['$CMD install']);
  });
  it('detects errexit in all its spellings', () => {
    for (const s of ['set -e', 'set -eux', 'set -o errexit', 'set -xo pipefail -e', 'set $FLAGS', '( set -e; a )']) {
      expect(stateEffects(parseShell(s)).setsErrexit, s).toBe(true);
    }
    for (const s of ['set -x', 'set -o pipefail', 'set +e', 'set -- -e'])
      expect(stateEffects(parseShell(s)).setsErrexit, s).toBe(false);
  });
  it('errexitBefore counts only a top-level set that surely turns errexit on, before the item', () => {
    const last = (s: string) => {
      const script = parseShell(s);
      return errexitBefore(script, script.chain.length - 1);
    };
    for (const s of ['set -e; a', 'set -eux; a; b', 'set -o errexit; a', 'set -xo pipefail -e; a'])
      expect(last(s), s).toBe(true);
    for (const s of [
      'a; set -e',
      'set $FLAGS; a',
      'set -- -e; a',
      'set -x; a',
      '( set -e; a ); b',
      'set -o pipefail; a',
    ])
      expect(last(s), s).toBe(false);
  });
  it('sees background jobs', () => {
    expect(stateEffects(parseShell('sleep 1 & wait')).background).toBe(true);
  });
});

describe('cleanupOnly', () => {
  it('accepts deleting commands only', () => {
    expect(cleanupOnly(parseShell('rm -rf /var/lib/apt/lists/* && apt-get clean'))?.kinds).toEqual([
      'rm',
      'apt-get clean',
    ]);
    expect(cleanupOnly(parseShell('apt-get purge -y --auto-remove gcc'))?.envFree).toBe(false);
    expect(cleanupOnly(parseShell('rm -f x || true'))?.kinds).toEqual(['rm']);
  });
  it('rejects anything else', () => {
    for (const s of [
      'rm -rf x && make',
      'rm -i x',
      'find / -name x -exec rm {} +',
      'rm x > log',
      'apt-get install -y x',
      'if true; then rm x; fi',
      'rm x | tee',
    ]) {
      expect(cleanupOnly(parseShell(s)), s).toBeNull();
    }
  });
});

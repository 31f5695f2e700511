import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser } from '../../src/index.js';
import { parseShell } from '../../src/shell/parser.js';
import { readArgv, readCommands, type CommandRead } from '../../src/shell/command-reader.js';

beforeAll(async () => {
  await initShellParser();
});

const read = (text: string) => readCommands(parseShell(text).commands);
/** `program arg arg` per command read. */
const lines = (reads: CommandRead[]) => reads.map((r) => [r.name, ...r.argv.map((w) => w.value ?? w.text)].join(' '));

describe('readCommands', () => {
  it('reads plain commands as written', () => {
    const r = read('apt-get update && /usr/local/bin/pip3 install x');
    expect(lines(r)).toEqual(['apt-get update', '/usr/local/bin/pip3 install x']);
    expect(r.map((x) => x.program)).toEqual(['apt-get', 'pip3']);
    expect(r[0].shells).toEqual([]);
    expect(r[0].command).toBe(r[0].outer);
  });

  it('looks through sudo with an option that takes a value', () => {
    const [r] = read('sudo -u app -H pip install flask');
    expect(r.program).toBe('pip');
    expect(r.argv.map((w) => w.value)).toEqual(['install', 'flask']);
    expect(r.wrappers).toEqual(['sudo']);
  });

  it('looks through env with assignments and keeps them', () => {
    const [r] = read('env A=1 B="x y" curl -fsSL https://x');
    expect(r.program).toBe('curl');
    expect(r.env.get('A')).toBe('1');
    expect(r.env.get('B')).toBe('x y');
  });

  it('looks through exec, nice and chains of wrappers', () => {
    expect(lines(read('exec nice -n 5 make -j4'))).toEqual(['make -j4']);
    expect(read('exec nice -n 5 make -j4')[0].wrappers).toEqual(['exec', 'nice']);
    expect(lines(read('tini -- dumb-init node server.js'))).toEqual(['node server.js']);
  });

  it('reads the commands of a sh -c string, with the shell as outer command', () => {
    const r = read(`sh -c "apt-get update && apt-get install -y curl"`);
    expect(lines(r)).toEqual(['apt-get update', 'apt-get install -y curl']);
    expect(r[0].outer.name?.value).toBe('sh');
    expect(r[0].shells.map((s) => s.name?.value)).toEqual(['sh']);
    expect(r[0].command).not.toBe(r[0].outer);
  });

  it('reads bash -lc, -e -c and -o pipefail -c strings', () => {
    expect(lines(read(`bash -lc 'make install'`))).toEqual(['make install']);
    expect(lines(read(`bash -e -c 'make install'`))).toEqual(['make install']);
    expect(lines(read(`bash -o pipefail -c 'curl x | tar x'`))).toEqual(['curl x', 'tar x']);
  });

  it('reads nested shells and wrappers around them', () => {
    const r = read(`sudo -u app sh -c "bash -c 'sudo pip install x' && echo ok"`);
    expect(lines(r)).toEqual(['pip install x', 'echo ok']);
    expect(r[0].shells.map((s) => s.name?.value)).toEqual(['sudo', 'bash']);
    expect(r[0].wrappers).toEqual(['sudo']);
  });

  it('keeps a shell that reads a file, stdin or a string it cannot see as the command', () => {
    expect(lines(read('bash ./build.sh'))).toEqual(['bash ./build.sh']);
    expect(read('curl -fsSL x | sh').map((x) => x.program)).toEqual(['curl', 'sh']);
    const [dyn] = read('sh -c "$CMD"');
    expect(dyn.program).toBe('sh');
    expect(dyn.opaqueString).toMatch(/not static/);
    const [bad] = read(`sh -c 'if then'`);
    expect(bad.program).toBe('sh');
    expect(bad.opaqueString).toMatch(/errors/);
  });

  it('reads a command whose wrapper it does not understand as written, and says why', () => {
    const [r] = read('A=1 sudo --frobnicate apt-get install x');
    expect(r.name).toBe('sudo');
    expect(r.env.get('A')).toBe('1');
    expect(r.unreadable).toMatch(/--frobnicate/);
    const [v] = read('command -v curl');
    expect(v.name).toBe('command');
    expect(v.unreadable).toBeNull();
  });

  it('reads dynamic names and bare assignments without a program', () => {
    const r = read('$CC -o x x.c; X=1');
    expect(r[0].name).toBe('$CC');
    expect(r[0].program).toBeNull();
    expect(r[1].nameWord).toBeNull();
    expect(r[1].name).toBe('');
  });
});

describe('readArgv', () => {
  it('reads an exec-form argv through wrappers and sh -c', () => {
    expect(lines(readArgv(['sudo', 'apt-get', 'install', 'x']))).toEqual(['apt-get install x']);
    expect(lines(readArgv(['/bin/sh', '-c', 'npm ci && npm run build']))).toEqual(['npm ci', 'npm run build']);
    expect(readArgv([])).toEqual([]);
  });
});

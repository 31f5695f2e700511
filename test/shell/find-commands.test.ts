import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser } from '../../src/index.js';
import { parseShell } from '../../src/shell/parser.js';
import { findCommands, findInStrings, hasFlag, operands, optionValues } from '../../src/shell/find-commands.js';

beforeAll(async () => {
  await initShellParser();
});

const find = (text: string, names: string | string[], subcommands?: string[]) =>
  findCommands(parseShell(text), names, { subcommands });

describe('findCommands', () => {
  it('finds a plain invocation with its subcommand and operands', () => {
    const [inv] = find('apt-get update && apt-get install -y curl git', 'apt-get', ['install']);
    expect(inv.subcommand).toBe('install');
    expect(operands(inv).map((w) => w.value)).toEqual(['curl', 'git']);
    expect(hasFlag(inv.argv, { short: 'y', long: ['--yes'] })).toBe(true);
  });

  it('reads options before the subcommand, including ones that take a value', () => {
    const [inv] = find('apt-get -qq -o Dpkg::Options::=--force-confnew -y install curl', 'apt-get');
    expect(inv.subcommand).toBe('install');
    expect(inv.before.map((w) => w.value)).toEqual(['-qq', '-o', 'Dpkg::Options::=--force-confnew', '-y']);
    expect(optionValues(inv.argv, '-o', '--option')).toEqual(['Dpkg::Options::=--force-confnew']);
  });

  it('sees through sudo, env, VAR= prefixes and paths', () => {
    const all = find(
      'DEBIAN_FRONTEND=noninteractive sudo -E /usr/bin/apt-get install -y a; sudo -u root env X=1 apt-get install b',
      'apt-get',
    );
    expect(all.map((i) => i.wrappers)).toEqual([['sudo'], ['sudo', 'env']]);
    expect(all[0].env.get('DEBIAN_FRONTEND')).toBe('noninteractive');
    expect(all[1].env.get('X')).toBe('1');
  });

  it('finds xargs invocations in pipelines and commands in if/for/subshells', () => {
    const all = find(
      'cat pkgs | xargs -r apt-get install -y; if true; then apt-get install c; fi; for p in a; do (apt-get install $p); done',
      'apt-get',
      ['install'],
    );
    expect(all).toHaveLength(3);
    expect(all[0].viaXargs).toBe(true);
    expect(all[0].command.context.pipeline).toBe(true);
    expect(all[1].command.context.compound).toBe(true);
    expect(all[2].command.context.subshell).toBe(true);
    expect(operands(all[2])[0].value).toBeNull();
  });

  it('marks dynamic options and ignores unreadable command names', () => {
    const [inv] = find('apt-get $APT_OPTS install x', 'apt-get');
    expect(inv.dynamicOptions).toBe(true);
    expect(inv.subcommand).toBe('install');
    expect(find('$APT install x; sudo $CMD install', 'apt-get')).toEqual([]);
  });

  it('uses the shared wrapper reader: user switchers, sudo VAR=value, unknown wrapper options, command -v', () => {
    const [gosu] = find('gosu app apt-get install -y x', 'apt-get', ['install']);
    expect(gosu.wrappers).toEqual(['gosu']);
    const [sudo] = find('sudo --preserve-env DEBIAN_FRONTEND=noninteractive apt-get install -y x', 'apt-get');
    expect(sudo.env.get('DEBIAN_FRONTEND')).toBe('noninteractive');
    expect(sudo.subcommand).toBe('install');
    // A wrapper option we do not know could change what runs: the command is not taken for the tool.
    expect(find('sudo --frobnicate apt-get install x', 'apt-get')).toEqual([]);
    // `command -v` looks the tool up; it does not run it.
    expect(find('command -v apt-get && apt-get update', 'apt-get').map((i) => i.subcommand)).toEqual(['update']);
  });

  it('does not take other tools with a similar name', () => {
    expect(find('apt-get-foo install x; echo apt-get install', 'apt-get')).toEqual([]);
  });

  it('finds bundled short flags', () => {
    const [inv] = find('apk add -qU x', 'apk');
    expect(hasFlag(inv.after, { short: 'U' })).toBe(true);
    expect(hasFlag(inv.after, { short: 'y' })).toBe(false);
  });

  it('reports tools mentioned inside sh -c strings', () => {
    const hits = findInStrings(parseShell('sh -c "apt-get update && apt-get install -y x" && echo apt'), ['apt-get']);
    expect(hits).toHaveLength(1);
  });
});

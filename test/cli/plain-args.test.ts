/**
 * src/cli/plain-args.ts reads plain command lines of the main command without yargs. Whatever it
 * reads must be what yargs gives the main command, field by field; whatever it cannot read exactly
 * it must leave to yargs (null). Checked on listed command lines and on seeded random ones.
 */
import { describe, expect, it } from 'vitest';
import { SUBCOMMANDS } from '../../src/cli/command.js';
import { OPTIONS } from '../../src/cli/options.js';
import { plainMainArgs } from '../../src/cli/plain-args.js';
import { STDIN_TOKEN, yargsCli, type MainArgs } from '../../src/cli/run.js';
import type { CliIO } from '../../src/cli/io.js';

const io: CliIO = {
  cwd: '/nowhere',
  stdout: { write: () => {}, isTTY: false },
  stderr: { write: () => {}, isTTY: false },
  readStdin: async () => Buffer.alloc(0),
  env: {},
};

/** What yargs gives the main command's handler for argv, or `not main` (help, a subcommand, an error). */
async function viaYargs(argv: string[]): Promise<MainArgs | 'not main'> {
  let got: MainArgs | null = null;
  try {
    const parser = await yargsCli(
      argv,
      io,
      () => {},
      async (args) => {
        got = args;
        return 0;
      },
    );
    await parser.parseAsync(argv, {}, () => {});
  } catch {
    return 'not main';
  }
  return got ?? 'not main';
}

// The fields the main command reads: every option by its kebab-case name, and the paths.
const FIELDS = ['paths', ...Object.keys(OPTIONS)];
const pick = (args: object) => Object.fromEntries(FIELDS.map((k) => [k, (args as Record<string, unknown>)[k]]));
const stdin = (argv: string[]) => argv.map((a) => (a === '-' ? STDIN_TOKEN : a));

async function expectSame(argv: string[]): Promise<boolean> {
  const plain = plainMainArgs(argv, SUBCOMMANDS);
  if (!plain) return false;
  const yargs = await viaYargs(argv);
  expect(yargs, argv.join(' ')).not.toBe('not main');
  expect(pick(plain), argv.join(' ')).toEqual(pick(yargs as MainArgs));
  return true;
}

describe('plain command lines of the main command, read without yargs', () => {
  it('reads what a hook, an editor or a script sends, as yargs does', async () => {
    const lines = [
      [],
      ['Dockerfile'],
      ['--check', 'Dockerfile'],
      ['-c', 'a/Dockerfile', 'b/Dockerfile'],
      ['--write', '.'],
      ['-w', '--level', 'review', 'svc'],
      ['--format', 'json', '.'],
      ['-f', 'sarif', '--check'],
      ['--format=markdown', 'x', '--only=pip-no-cache-dir,apt-lists-cleanup'],
      ['--skip', 'slim-base', '--enable', 'alpine-base', '--target', 'alpine', 'Dockerfile'],
      ['--context', 'ctx', '--config', 'c.json', 'Dockerfile'],
      ['--no-config', '--ignore-path', '.ignore', '--color', 'd'],
      ['--no-color', '--list-transforms'],
      stdin(['-', '--stdin-filepath', 'app/Dockerfile']),
      stdin(['--check', '-']),
      ['007', '1e3', 'Docker file'],
      ['--context=a=b', 'x'],
    ];
    for (const argv of lines) expect(await expectSame(argv), argv.join(' ')).toBe(true);
  });

  it('leaves to yargs what it cannot read exactly: help, version, subcommands, errors, repeats, --verify', () => {
    const lines = [
      ['--help'],
      ['-h'],
      ['--version'],
      ['-v'],
      ['pr', '--repo', 'x'],
      ['verify', 'Dockerfile'],
      ['Dockerfile', 'pr'],
      ['--wrte'],
      ['-x'],
      ['-wc'],
      ['--format'],
      ['--format', 'xml'],
      ['--format='],
      ['--format', '--check'],
      ['--only', 'a', '--only', 'b'],
      ['--check', '--check'],
      ['--check', 'false', 'Dockerfile'],
      ['--check=true'],
      ['--', 'Dockerfile'],
      ['--verify', 'Dockerfile'],
      ['--smoke', 'true'],
      ['--level', 'all'],
      ['--stdinFilepath', 'x'],
      stdin(['--stdin-filepath', '-']),
    ];
    for (const argv of lines) expect(plainMainArgs(argv, SUBCOMMANDS), argv.join(' ')).toBeNull();
  });

  it('random command lines: each one read is read as yargs reads it (seeded)', async () => {
    const pool = [
      ...['Dockerfile', 'a', 'pr', 'verify', '-', '123', '', 'true', 'false', '--', '-x', '-wc', '--unknown'],
      ...['--check', '-c', '--write', '-w', '--format', '-f', 'json', 'text', 'xml', '--format=json', '--format='],
      ...['--level', 'safe', 'review', '--only', 'pip-no-cache-dir', '--only=a,b', '--skip', '--enable', '--target'],
      ...['slim', 'alpine', '--context', 'ctx', '--config', 'c.json', '--no-config', '--ignore-path', '--color'],
      ...['--list-transforms', '--no-color', '--stdin-filepath', '--verify', '--smoke', '--help', '-v', '--check=1'],
    ];
    let seed = 14;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let read = 0;
    for (let n = 0; n < 1500; n++) {
      const argv = stdin(Array.from({ length: Math.floor(next() * 7) }, () => pool[Math.floor(next() * pool.length)]));
      if (await expectSame(argv)) read++;
    }
    expect(read).toBeGreaterThan(150); // the test exercised the reader, not only its refusals
  });

  it('knows every subcommand yargs has', async () => {
    const parser = await yargsCli(
      [],
      io,
      () => {},
      async () => 0,
    );
    const commands = (
      parser as unknown as { getInternalMethods(): { getCommandInstance(): { getCommands(): string[] } } }
    )
      .getInternalMethods()
      .getCommandInstance()
      .getCommands()
      .filter((c) => c !== '$0');
    expect([...commands].sort()).toEqual([...SUBCOMMANDS].sort());
  });
});

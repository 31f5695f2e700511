/**
 * The one reader of "what does this command run?": every simple command seen through its wrappers
 * (`sudo -u x`, `env A=1`, `exec`, `nice`, ... via wrapped-command) and through the command strings
 * it hands to a shell (`sh -c 'a && b'`, `bash -lc "..."`, nested), parsed with the real shell parser.
 * The base switches (stage-use), split-runtime-stage (stage-facts) and merge-run read commands here.
 */
import type { SimpleCommand, Word } from './model.js';
import { parseShell } from './parser.js';
import { basename, isUnwrapFailure, prefixEnv, unwrapCommand } from './wrapped-command.js';

export interface CommandRead {
  /** The command as written in the script that was read; for a command from a `sh -c` string, the outermost shell command. */
  outer: SimpleCommand;
  /** The command itself: `outer`, or a command parsed from a `sh -c` string (its spans are into that string). */
  command: SimpleCommand;
  /** The shell commands (`sh -c ...`) this command's string was handed to, outermost first; empty at the top level. */
  shells: SimpleCommand[];
  /** The word naming the program after the wrappers (`pip3` in `sudo -H pip3 install x`); null for a bare assignment. */
  nameWord: Word | null;
  /** The program as written (`/usr/bin/pip3`, `./configure`): the static value, else the word's text; '' for a bare assignment. */
  name: string;
  /** Basename of a static program name (`/usr/local/bin/pip3` -> `pip3`), null when the name is not static. */
  program: string | null;
  /** The program's own arguments. */
  argv: Word[];
  /** `VAR=value` that apply to the program: prefix assignments and `env`/`sudo` operands (value null when not static). */
  env: Map<string, string | null>;
  /** The wrappers looked through, outermost first. */
  wrappers: string[];
  /** Why the wrappers could not be looked through (the command is then read as written), or null. */
  unreadable: string | null;
  /**
   * For a shell given a command string that is not read (`sh -c "$CMD"`, a string that does not parse):
   * why. The shell command itself is then the read (its string's commands are not seen).
   */
  opaqueString: string | null;
}

/** Shells whose `-c STRING` runs STRING as a script. */
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
/** True for a shell program (`sh`, `bash`, ...) that runs a script file, stdin or a `-c` string. */
export function isShell(program: string): boolean {
  return SHELLS.has(program);
}

/** Shell options that take a value in the next word. */
const SHELL_VALUE_OPTIONS = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);
/** How deep `sh -c "sh -c '...'"` strings are followed. */
const MAX_DEPTH = 4;

/** Every command of `commands` (a script's `commands`, nested ones included), in source order, read through wrappers and `sh -c` strings. */
export function readCommands(commands: readonly SimpleCommand[]): CommandRead[] {
  const out: CommandRead[] = [];
  for (const c of commands) readInto(out, c, c, [], 0);
  return out;
}

/** What one simple command runs: itself through its wrappers, or the commands of the string it hands to a shell. */
export function readCommand(command: SimpleCommand): CommandRead[] {
  return readCommands([command]);
}

/** What an exec-form argv (`RUN ["sh", "-c", "..."]`) runs. The words have no place in a file (empty spans). */
export function readArgv(argv: readonly string[]): CommandRead[] {
  const command = commandFromWords(argv.map((v): Word => ({ text: v, value: v, span: { start: 0, end: 0 } })));
  return command ? readCommand(command) : [];
}

/** A plain command (no pipeline, condition or subshell around it) made of words already read, or null for none. */
export function commandFromWords(words: readonly Word[]): SimpleCommand | null {
  if (!words.length) return null;
  return {
    span: { start: words[0].span.start, end: words[words.length - 1].span.end },
    name: words[0],
    args: words.slice(1),
    assignments: [],
    redirects: [],
    context: {
      pipeline: false,
      pipelineIndex: 0,
      condition: false,
      compound: false,
      subshell: false,
      orList: false,
      negated: false,
      background: false,
    },
    chainIndex: 0,
  };
}

function readInto(
  out: CommandRead[],
  outer: SimpleCommand,
  command: SimpleCommand,
  shells: SimpleCommand[],
  depth: number,
): void {
  const un = unwrapCommand(command);
  const asWritten = (unreadable: string | null): CommandRead => ({
    outer,
    command,
    shells,
    nameWord: command.name,
    name: command.name ? (command.name.value ?? command.name.text) : '',
    program: command.name?.value ? basename(command.name.value) : null,
    argv: command.args,
    env: prefixEnv(command),
    wrappers: [],
    unreadable,
    opaqueString: null,
  });
  if (un === null) {
    out.push(asWritten(null));
    return;
  }
  if (isUnwrapFailure(un)) {
    out.push(asWritten(un.reason));
    return;
  }
  const read: CommandRead = {
    outer,
    command,
    shells,
    nameWord: un.programWord,
    name: un.programWord.value!,
    program: un.program,
    argv: un.argv,
    env: un.env,
    wrappers: un.wrappers,
    unreadable: null,
    opaqueString: null,
  };
  const string = SHELLS.has(un.program) ? commandString(un.argv) : null;
  if (string === null) {
    out.push(read);
    return;
  }
  if (string.value === null) {
    out.push({ ...read, opaqueString: 'the command string is not static' });
    return;
  }
  if (depth >= MAX_DEPTH) {
    out.push({ ...read, opaqueString: 'shells nested too deep' });
    return;
  }
  const script = parseShell(string.value);
  if (script.hasErrors) {
    out.push({
      ...read,
      opaqueString: script.limit ?? 'the shell parser reported errors in the command string',
    });
    return;
  }
  for (const inner of script.commands) readInto(out, outer, inner, [...shells, command], depth + 1);
}

/**
 * The `-c` command string among a shell's arguments (`-c`, `-lc`, `-e -c`, `-o pipefail -c`):
 * the first operand after the options when one of them has `c`; null when the shell reads a file or stdin.
 */
function commandString(argv: readonly Word[]): Word | null {
  let c = false;
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i].value;
    if (v === null) return c ? argv[i] : null;
    if (v === '--' || v === '-' || v === '+') return c ? (argv[i + 1] ?? null) : null;
    if (SHELL_VALUE_OPTIONS.has(v)) {
      i++;
      continue;
    }
    if (v.startsWith('--')) continue;
    if (/^[-+][A-Za-z]+$/.test(v)) {
      if (v.startsWith('-') && v.includes('c')) c = true;
      if (/[oO]$/.test(v)) i++; // `-eo pipefail`: the option's value follows
      continue;
    }
    return c ? argv[i] : null;
  }
  return null;
}

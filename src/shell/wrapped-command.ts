/**
 * Sees through command wrappers (`sudo`, `env X=1`, `exec`, `xargs`, `gosu user`, ...) to the
 * program a simple command really runs, with the environment assignments that apply to it.
 * The one wrapper reader of slimify: OS package tools (find-commands) and language tools
 * (lang-invocations) find their invocations through it; command-reader adds `sh -c` strings on top.
 */
import type { SimpleCommand, Word } from './model.js';

export interface UnwrappedCommand {
  command: SimpleCommand;
  /** The word naming the program (the command name, or an argument after wrappers). */
  programWord: Word;
  /** Basename of the program (`/usr/local/bin/pip3` -> `pip3`). */
  program: string;
  /** The program's own arguments. */
  argv: Word[];
  /** `VAR=value` that apply to the program: prefix assignments and `env` operands (value null when not static). */
  env: Map<string, string | null>;
  /** The wrappers that were looked through, outermost first. */
  wrappers: string[];
}

/** Why a command could not be unwrapped although it looks like a wrapper. */
export interface UnwrapFailure {
  command: SimpleCommand;
  reason: string;
}

/** Options of each wrapper that take a value (as a separate word); other options take none. */
const WRAPPERS: Record<string, { valueOptions: string[]; positional: number; unknownOptions: 'fail' | 'ignore' }> = {
  sudo: {
    valueOptions: [
      '-u',
      '-g',
      '-C',
      '-D',
      '-h',
      '-p',
      '-r',
      '-t',
      '-T',
      '-U',
      '--user',
      '--group',
      '--chdir',
      '--host',
      '--prompt',
      '--role',
      '--type',
      '--command-timeout',
      '--other-user',
      '--close-from',
    ],
    positional: 0,
    unknownOptions: 'fail',
  },
  env: {
    valueOptions: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'],
    positional: 0,
    unknownOptions: 'fail',
  },
  command: { valueOptions: [], positional: 0, unknownOptions: 'fail' },
  exec: { valueOptions: ['-a'], positional: 0, unknownOptions: 'fail' },
  nice: { valueOptions: ['-n', '--adjustment'], positional: 0, unknownOptions: 'fail' },
  nohup: { valueOptions: [], positional: 0, unknownOptions: 'fail' },
  time: { valueOptions: ['-f', '--format', '-o', '--output'], positional: 0, unknownOptions: 'fail' },
  stdbuf: { valueOptions: ['-i', '-o', '-e'], positional: 0, unknownOptions: 'fail' },
  timeout: { valueOptions: ['-s', '--signal', '-k', '--kill-after'], positional: 1, unknownOptions: 'fail' },
  eatmydata: { valueOptions: [], positional: 0, unknownOptions: 'fail' },
  xargs: {
    valueOptions: [
      '-a',
      '-d',
      '-E',
      '-e',
      '-I',
      '-i',
      '-L',
      '-l',
      '-n',
      '-P',
      '-s',
      '--arg-file',
      '--delimiter',
      '--max-args',
      '--max-procs',
      '--max-chars',
      '--max-lines',
      '--process-slot-var',
    ],
    positional: 0,
    unknownOptions: 'fail',
  },
  gosu: { valueOptions: [], positional: 1, unknownOptions: 'fail' },
  'su-exec': { valueOptions: [], positional: 1, unknownOptions: 'fail' },
  tini: { valueOptions: ['-e', '-p'], positional: 0, unknownOptions: 'ignore' },
  'dumb-init': { valueOptions: ['-r', '--rewrite'], positional: 0, unknownOptions: 'ignore' },
  chpst: {
    valueOptions: ['-u', '-U', '-e', '-/', '-n', '-l', '-L', '-m', '-d', '-o', '-p', '-f', '-c'],
    positional: 0,
    unknownOptions: 'fail',
  },
};

export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}

/** Basename of a static command word (`/usr/bin/apt-get` -> `apt-get`), or null. */
export function commandBasename(word: Word | null | undefined): string | null {
  const v = word?.value;
  return v ? basename(v) : null;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

type Unwrapped = UnwrappedCommand | UnwrapFailure | null;

/**
 * Results per command: a dozen transforms unwrap every command of every RUN, in every pass, and
 * later passes see the same SimpleCommand objects again (the shell parse memo). A SimpleCommand is
 * never mutated, so its result never changes; like a ShellScript, the result is shared and readers
 * do not mutate it (its `env`, `wrappers`, `argv`).
 */
const unwrapped = new WeakMap<SimpleCommand, { result: Unwrapped }>();

/** Returns the program behind the wrappers, a failure when a wrapper's use is not understood, or null for a nameless or dynamic command. */
export function unwrapCommand(command: SimpleCommand): Unwrapped {
  let memo = unwrapped.get(command);
  if (!memo) {
    memo = { result: unwrapUncached(command) };
    unwrapped.set(command, memo);
  }
  return memo.result;
}

function unwrapUncached(command: SimpleCommand): Unwrapped {
  if (!command.name || command.name.value === null) return null;
  const env = prefixEnv(command);
  const wrappers: string[] = [];
  let programWord: Word = command.name;
  let rest: Word[] = command.args;
  for (let depth = 0; depth < 8; depth++) {
    const name = programWord.value;
    if (name === null) return { command, reason: `the program behind ${wrappers.join(' ')} is not a static word` };
    const program = basename(name);
    const spec = WRAPPERS[program];
    if (!spec) return { command, programWord, program, argv: rest, env, wrappers };
    wrappers.push(program);
    let i = 0;
    let positional = spec.positional;
    let next: Word | undefined;
    let optionsDone = false;
    while (i < rest.length) {
      const w = rest[i];
      const v = w.value;
      if (v === null) return { command, reason: `a dynamic word after ${program}` };
      if (v === '--' && !optionsDone) {
        optionsDone = true;
        i++;
        continue;
      }
      if ((program === 'env' || program === 'sudo') && ASSIGNMENT.test(v)) {
        addAssignment(env, w);
        i++;
        continue;
      }
      if (!optionsDone && v.startsWith('-') && v !== '-') {
        if (program === 'nice' && /^-\d+$/.test(v)) {
          i++;
          continue;
        }
        if (program === 'command' && (v === '-v' || v === '-V')) return null; // looks the program up, does not run it
        if (v.startsWith('--')) {
          const eq = v.indexOf('=');
          if (spec.valueOptions.includes(eq > 0 ? v.slice(0, eq) : v)) {
            i += eq > 0 ? 1 : 2;
            continue;
          }
        } else if (spec.valueOptions.includes(v.slice(0, 2))) {
          i += v.length > 2 ? 1 : 2; // `-uroot` or `-u root`
          continue;
        }
        if (program === 'env' && (v === '-i' || v === '--ignore-environment' || v === '-')) {
          i++;
          continue;
        }
        if (
          program === 'sudo' &&
          (/^-[EHSbiknsPAVl]+$/.test(v) ||
            /^--(preserve-env(=.*)?|set-home|login|shell|non-interactive|stdin|background|reset-timestamp|askpass)$/.test(
              v,
            ))
        ) {
          i++;
          continue;
        }
        if (program === 'xargs' && /^-[0rtxp]+$|^--(null|no-run-if-empty|verbose|exit|interactive)$/.test(v)) {
          i++;
          continue;
        }
        if (program === 'command' && v === '-p') {
          i++;
          continue;
        }
        if (program === 'exec' && /^-[cl]+$/.test(v)) {
          i++;
          continue;
        }
        if (program === 'timeout' && /^--(preserve-status|foreground|verbose)$|^-v$/.test(v)) {
          i++;
          continue;
        }
        if (spec.unknownOptions === 'fail') return { command, reason: `${program} option ${v} is not understood` };
        i++;
        continue;
      }
      if (positional > 0) {
        positional--;
        i++;
        continue;
      }
      next = w;
      break;
    }
    if (!next) return { command, reason: `${program} runs no program` };
    programWord = next;
    rest = rest.slice(i + 1);
  }
  return { command, reason: 'too many nested wrappers' };
}

/** The `VAR=value` prefix assignments of a command (value null when not static). */
export function prefixEnv(command: SimpleCommand): Map<string, string | null> {
  const env = new Map<string, string | null>();
  for (const a of command.assignments) addAssignment(env, a);
  return env;
}

export function isUnwrapFailure(x: UnwrappedCommand | UnwrapFailure | null): x is UnwrapFailure {
  return x !== null && 'reason' in x;
}

function addAssignment(env: Map<string, string | null>, w: Word): void {
  const text = w.value ?? w.text;
  const eq = text.indexOf('=');
  if (eq <= 0) return;
  const name = text.slice(0, eq).replace(/^export\s+/, '');
  const raw = text.slice(eq + 1);
  env.set(name, /[$`]/.test(raw) ? null : raw.replace(/^(["'])(.*)\1$/s, '$2'));
}

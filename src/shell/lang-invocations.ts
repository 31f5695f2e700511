/**
 * Recognises language package manager invocations (pip, npm, yarn, pnpm, gem, bundler, composer,
 * go, cargo) in simple commands, through wrappers and `python -m pip`, and splits them into
 * global options, subcommand and the words after it.
 */
import type { SimpleCommand, Word } from './model.js';
import { basename, isUnwrapFailure, unwrapCommand, type UnwrappedCommand } from './wrapped-command.js';

export type LangTool = 'pip' | 'npm' | 'yarn' | 'pnpm' | 'gem' | 'bundle' | 'composer' | 'go' | 'cargo';

export interface ToolInvocation {
  tool: LangTool;
  unwrapped: UnwrappedCommand;
  /** The word naming the tool (`pip3`, or `pip` in `python3 -m pip`). */
  toolWord: Word;
  /** Options between the tool word and the subcommand (`pip --disable-pip-version-check install`). */
  globalOptions: Word[];
  /** The subcommand (`install`), or null when there is none. */
  subcommand: Word | null;
  /** Words after the subcommand. */
  rest: Word[];
}

export interface InvocationFailure {
  tool: LangTool | null;
  command: SimpleCommand;
  reason: string;
}

/** Global options (before the subcommand) that take a separate value, per tool. */
const VALUE_OPTIONS: Record<LangTool, string[]> = {
  pip: [
    '--python',
    '--log',
    '--log-file',
    '--local-log',
    '--proxy',
    '--retries',
    '--timeout',
    '--exists-action',
    '--trusted-host',
    '--cert',
    '--client-cert',
    '--cache-dir',
    '--use-feature',
    '--use-deprecated',
    '--keyring-provider',
    '--resume-retries',
  ],
  npm: ['--prefix', '-C', '--cache', '--registry', '--userconfig', '--loglevel', '-w', '--workspace'],
  yarn: [
    '--cwd',
    '--cache-folder',
    '--modules-folder',
    '--registry',
    '--mutex',
    '--network-timeout',
    '--global-folder',
    '--link-folder',
  ],
  pnpm: ['-C', '--dir', '--filter', '-F', '--store-dir', '--workspace-root'],
  gem: ['--config-file'],
  bundle: ['--gemfile'],
  composer: ['-d', '--working-dir'],
  go: ['-C'],
  cargo: ['-C', '--config', '-Z', '--color'],
};

/** Options of `pip` that a general-options position accepts without a value (for a strict check). */
const PIP_FLAG_OPTIONS = new Set([
  '-h',
  '--help',
  '--debug',
  '--isolated',
  '--require-virtualenv',
  '-v',
  '--verbose',
  '-V',
  '--version',
  '-q',
  '--quiet',
  '--no-input',
  '--no-cache-dir',
  '--disable-pip-version-check',
  '--no-color',
  '--no-python-version-warning',
  '--break-system-packages',
]);

/** Interpreter options of `python` that take no value (may be combined: `-Iu`). */
const PYTHON_FLAGS = /^-[bBdEhiIOPqsSuvx]+$/;

function toolOfProgram(program: string): LangTool | 'python' | 'php' | null {
  if (/^pip(\d+(\.\d+)*)?$/.test(program)) return 'pip';
  if (/^python(\d+(\.\d+)*)?$/.test(program)) return 'python';
  if (program === 'npm') return 'npm';
  if (program === 'yarn' || program === 'yarnpkg') return 'yarn';
  if (program === 'pnpm') return 'pnpm';
  if (program === 'gem') return 'gem';
  if (program === 'bundle' || program === 'bundler') return 'bundle';
  if (program === 'composer' || program === 'composer.phar') return 'composer';
  if (program === 'php') return 'php';
  if (program === 'go') return 'go';
  if (program === 'cargo') return 'cargo';
  return null;
}

/**
 * The invocation a simple command makes, a failure when it names a tool but cannot be read
 * (unknown wrapper option, dynamic word), or null when it runs none of the tools.
 */
export function findInvocation(command: SimpleCommand): ToolInvocation | InvocationFailure | null {
  const un = unwrapCommand(command);
  if (un === null) return null;
  if (isUnwrapFailure(un)) {
    const mentioned = command.args.find((w) => w.value !== null && toolOfProgram(basename(w.value)) !== null);
    if (!mentioned) return null;
    const t = toolOfProgram(basename(mentioned.value!));
    return { tool: t === 'python' ? 'pip' : t === 'php' ? 'composer' : t, command, reason: un.reason };
  }
  const kind = toolOfProgram(un.program);
  if (kind === null) return null;
  let toolWord = un.programWord;
  let words = un.argv;
  let tool: LangTool;
  if (kind === 'python') {
    // python [flags] -m pip ...
    let i = 0;
    while (i < words.length) {
      const v = words[i].value;
      if (v === null) return null;
      if (PYTHON_FLAGS.test(v)) i++;
      else if (v === '-W' || v === '-X') i += 2;
      else break;
    }
    const v = words[i]?.value;
    if (v === '-m' && words[i + 1]?.value === 'pip') {
      toolWord = words[i + 1];
      words = words.slice(i + 2);
    } else if (v === '-mpip') {
      toolWord = words[i];
      words = words.slice(i + 1);
    } else return null;
    tool = 'pip';
  } else if (kind === 'php') {
    const v = words[0]?.value;
    if (!v || !/(^|\/)composer(\.phar)?$/.test(v)) return null;
    toolWord = words[0];
    words = words.slice(1);
    tool = 'composer';
  } else tool = kind;

  const globalOptions: Word[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    const v = w.value;
    if (v === null) {
      if (globalOptions.length || i === 0)
        return { tool, command, reason: `a dynamic word (${w.text}) where the ${tool} subcommand should be` };
      break;
    }
    if (tool === 'cargo' && v.startsWith('+')) {
      globalOptions.push(w);
      i++;
      continue;
    }
    if (!v.startsWith('-') || v === '-') break;
    globalOptions.push(w);
    const name = v.includes('=') ? v.slice(0, v.indexOf('=')) : v;
    if (VALUE_OPTIONS[tool].includes(name) && !v.includes('=')) {
      if (words[i + 1]) globalOptions.push(words[i + 1]);
      i += 2;
      continue;
    }
    if (tool === 'pip' && !PIP_FLAG_OPTIONS.has(name) && !/^-[vq]+$/.test(v)) {
      return { tool, command, reason: `pip option ${v} before the subcommand is not understood` };
    }
    i++;
  }
  const subcommand = words[i] ?? null;
  return { tool, unwrapped: un, toolWord, globalOptions, subcommand, rest: subcommand ? words.slice(i + 1) : [] };
}

export function isInvocationFailure(x: ToolInvocation | InvocationFailure | null): x is InvocationFailure {
  return x !== null && 'reason' in x;
}

/** Every invocation in a script, in source order, with failures for the ones that could not be read. */
export function findInvocations(commands: readonly SimpleCommand[]): (ToolInvocation | InvocationFailure)[] {
  const out: (ToolInvocation | InvocationFailure)[] = [];
  for (const c of commands) {
    const r = findInvocation(c);
    if (r) out.push(r);
  }
  return out;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'su', 'runuser']);

/**
 * A command string the script hands to another shell (`sh -c "pip install x"`, `su app -c "..."`)
 * that mentions `pattern`: we do not rewrite inside such strings, but say so.
 */
export function nestedShellMention(command: SimpleCommand, pattern: RegExp): Word | null {
  const un = unwrapCommand(command);
  if (un === null || isUnwrapFailure(un) || !SHELLS.has(un.program)) return null;
  const c = un.argv.findIndex((w) => w.value === '-c' || (w.value !== null && /^-[a-z]*c$/.test(w.value)));
  if (c === -1) return null;
  return un.argv.slice(c + 1).find((w) => pattern.test(w.text)) ?? null;
}

/**
 * What a shell script leaves behind for commands that run after it in the same shell: changed
 * working directory, variables, options, traps, functions, or an early `exit`. Used to decide
 * whether two RUN bodies can share one shell without the first one changing the second.
 */
import type { ShellScript, SimpleCommand } from './model.js';

/** Builtins whose effect outlives the command in the current shell (POSIX special builtins and bash extras). */
const STATE_BUILTINS = new Set([
  'cd',
  'pushd',
  'popd',
  'export',
  'unset',
  'set',
  'shopt',
  'umask',
  'ulimit',
  'alias',
  'unalias',
  'trap',
  'exec',
  'source',
  '.',
  'eval',
  'readonly',
  'declare',
  'typeset',
  'local',
  'hash',
  'read',
  'getopts',
  'shift',
  'exit',
  'return',
  'enable',
  'builtin',
  'command',
  'let',
  'mapfile',
  'readarray',
  'dirs',
  'disown',
  'wait',
]);

export interface StateEffects {
  /** Top-level commands that change the shell's state (or whose name is dynamic), as written. */
  state: string[];
  /** A `set` somewhere in the script may turn on errexit (`-e`, `-o errexit`, or arguments we cannot read). */
  setsErrexit: boolean;
  /** Some command runs in the background (`&`). */
  background: boolean;
}

export function stateEffects(script: ShellScript): StateEffects {
  const state: string[] = [];
  let setsErrexit = false;
  let background = false;
  for (const cmd of script.commands) {
    if (cmd.context.background) background = true;
    if (cmd.name?.value === 'set' && mayEnableErrexit(cmd)) setsErrexit = true;
    if (cmd.context.subshell) continue;
    if (changesState(cmd)) state.push(script.text.slice(cmd.span.start, cmd.span.end));
  }
  if (
    script.chain.some((c) => c.kind === 'function_definition') ||
    /(^|[\s;&|])(function\s+[A-Za-z_][\w-]*|[A-Za-z_][\w-]*\s*\(\)\s*\{)/.test(script.text)
  ) {
    state.push('function definition');
  }
  return { state, setsErrexit, background };
}

function changesState(cmd: SimpleCommand): boolean {
  if (!cmd.name) return cmd.assignments.length > 0; // a bare `X=1` sets a shell variable
  const name = cmd.name.value;
  if (name === null) return true; // `$CMD ...` could be anything, `cd` included
  if (STATE_BUILTINS.has(name)) return true;
  if (name === 'printf' && cmd.args.some((a) => a.value === '-v')) return true;
  return false;
}

/**
 * What a `set` command does to errexit: `on` (`set -e`, `set -eux`, `set -o errexit`), `unknown`
 * (an argument we cannot read statically), or `off` (it does not turn errexit on).
 */
export function setErrexit(cmd: SimpleCommand): 'on' | 'off' | 'unknown' {
  if (cmd.name?.value !== 'set') return 'off';
  for (let i = 0; i < cmd.args.length; i++) {
    const v = cmd.args[i].value;
    if (v === null) return 'unknown';
    if (v === '--' || v === '-') return 'off';
    if (/^-[a-zA-Z]*e/.test(v)) return 'on';
    if (/^[-+][a-zA-Z]*o$/.test(v)) {
      // `-o name` / `+o name`: the next word is an option name, not a positional parameter.
      if (v.startsWith('-')) {
        const name = cmd.args[i + 1]?.value;
        if (name === 'errexit') return 'on';
        if (name === undefined || name === null) return 'unknown';
      }
      i++;
      continue;
    }
    if (!v.startsWith('-') && !v.startsWith('+')) return 'off';
  }
  return 'off';
}

/** `set -e`, `set -eux`, `set -o errexit`, or any argument we cannot read statically. */
export function mayEnableErrexit(cmd: SimpleCommand): boolean {
  return setErrexit(cmd) !== 'off';
}

/** True when a top-level `set -e` / `set -o errexit` is surely in effect before chain item `index`. */
export function errexitBefore(script: ShellScript, index: number): boolean {
  for (let i = 0; i < index && i < script.chain.length; i++) {
    const c = script.chain[i].simple;
    if (c && setErrexit(c) === 'on') return true;
  }
  return false;
}

/**
 * Finds invocations of a tool (apt-get, apk, dnf, ...) in a parsed shell script, seeing through
 * wrappers (`sudo`, `env`, `xargs`, `nice`, `exec`, ...: see wrapped-command), `VAR=value`
 * prefixes, paths (`/usr/bin/apt-get`) and options written before the subcommand
 * (`apt-get -qq -y install`, `apt-get -o Dpkg::Options::=--force-confnew install`).
 * A command whose wrappers cannot be read (unknown wrapper option, dynamic word) is not found.
 */
import type { ShellScript, SimpleCommand, Word } from './model.js';
import { commandBasename, isUnwrapFailure, unwrapCommand, type UnwrappedCommand } from './wrapped-command.js';

/** One invocation of a tool inside a simple command. */
export interface ToolInvocation {
  /** The simple command that holds the invocation (the `sudo`/`xargs` command when wrapped). */
  command: SimpleCommand;
  /** Basename of the tool word, e.g. `apt-get`. */
  tool: string;
  /** The tool word itself (the command name, or an argument of a wrapper). */
  toolWord: Word;
  /** Wrappers the tool is run through, outermost first, e.g. `['sudo', 'xargs']`. */
  wrappers: string[];
  /** Every word after the tool word. */
  argv: Word[];
  /** Index into argv of the subcommand, or -1 when there is none. */
  subcommandIndex: number;
  /** The subcommand's static value (`install`), or null. */
  subcommand: string | null;
  /** Words between the tool word and the subcommand (global options). */
  before: Word[];
  /** Words after the subcommand (options and operands). */
  after: Word[];
  /** A word before the subcommand is dynamic, or a variable named like options (`$APT_OPTS`) appears anywhere: flags may be hidden in it. */
  dynamicOptions: boolean;
  /** `VAR=value` assignments that apply to the tool (`DEBIAN_FRONTEND=noninteractive`, `env X=1`). */
  env: Map<string, string | null>;
  /** Run through `xargs`: more operands arrive on stdin. */
  viaXargs: boolean;
}

export interface FindOptions {
  /** Only these subcommands (static values). */
  subcommands?: readonly string[];
  /**
   * Options of the tool that take their value as the next word (`-o X`, `--repository X`).
   * Defaults to the table below for known tools.
   */
  optionsWithValue?: readonly string[];
}

/** Tool options that consume the next word, so that word is not taken for the subcommand. */
export const OPTIONS_WITH_VALUE: Readonly<Record<string, readonly string[]>> = {
  'apt-get': [
    '-o',
    '--option',
    '-c',
    '--config-file',
    '-t',
    '--target-release',
    '--default-release',
    '-a',
    '--host-architecture',
  ],
  apt: [
    '-o',
    '--option',
    '-c',
    '--config-file',
    '-t',
    '--target-release',
    '--default-release',
    '-a',
    '--host-architecture',
  ],
  'apt-cache': ['-o', '--option', '-c', '--config-file'],
  aptitude: ['-o', '-t', '--target-release', '-F', '--display-format', '-w', '--width'],
  apk: [
    '-X',
    '--repository',
    '-p',
    '--root',
    '--arch',
    '--cache-dir',
    '--keys-dir',
    '--repositories-file',
    '--wait',
    '--timeout',
  ],
  yum: [
    '-c',
    '--config',
    '-d',
    '--debuglevel',
    '-e',
    '--errorlevel',
    '--installroot',
    '--enablerepo',
    '--disablerepo',
    '-x',
    '--exclude',
    '--releasever',
    '--setopt',
    '--downloaddir',
    '--color',
    '-R',
    '--randomwait',
  ],
  dnf: [
    '-c',
    '--config',
    '-d',
    '--debuglevel',
    '-e',
    '--errorlevel',
    '--installroot',
    '--enablerepo',
    '--disablerepo',
    '-x',
    '--exclude',
    '--releasever',
    '--setopt',
    '--downloaddir',
    '--color',
    '--repo',
    '--repoid',
    '--forcearch',
    '--destdir',
  ],
  microdnf: ['--config', '--installroot', '--enablerepo', '--disablerepo', '--releasever', '--setopt'],
  zypper: [
    '-c',
    '--config',
    '-R',
    '--root',
    '--installroot',
    '-D',
    '--reposd-dir',
    '-C',
    '--cache-dir',
    '--raw-cache-dir',
    '--solv-cache-dir',
    '--pkg-cache-dir',
    '-p',
    '--plus-repo',
    '--userdata',
  ],
};

/**
 * Every invocation of `names` (basenames) in the script, in source order, nested commands
 * (if/for/subshells/pipelines/command substitutions) included. Look at
 * `invocation.command.context` to decide whether a rewrite is safe there.
 */
export function findCommands(
  script: ShellScript,
  names: string | readonly string[],
  options: FindOptions = {},
): ToolInvocation[] {
  const wanted = new Set(typeof names === 'string' ? [names] : names);
  const out: ToolInvocation[] = [];
  for (const command of script.commands) {
    const inv = unwrap(command, wanted, options);
    if (inv && (!options.subcommands || (inv.subcommand !== null && options.subcommands.includes(inv.subcommand))))
      out.push(inv);
  }
  return out;
}

function unwrap(command: SimpleCommand, wanted: Set<string>, options: FindOptions): ToolInvocation | null {
  const un = unwrapCommand(command);
  if (un === null || isUnwrapFailure(un) || !wanted.has(un.program)) return null;
  return invocation(command, un, options);
}

function invocation(command: SimpleCommand, un: UnwrappedCommand, options: FindOptions): ToolInvocation {
  const { program: tool, programWord: toolWord, argv, wrappers, env } = un;
  const withValue = options.optionsWithValue ?? OPTIONS_WITH_VALUE[tool] ?? [];
  let subcommandIndex = -1;
  let dynamicOptions = false;
  for (let j = 0; j < argv.length; j++) {
    const v = argv[j].value;
    if (v === null) {
      dynamicOptions = true;
      continue;
    }
    if (v.startsWith('-')) {
      if (withValue.includes(v)) j++;
      continue;
    }
    subcommandIndex = j;
    break;
  }
  // `install $APT_OPTS pkg`: a variable named like options may hold flags after the subcommand too.
  if (argv.some((w) => w.value === null && /\$\{?[A-Za-z_]*(OPT|FLAG|ARG)/i.test(w.text))) dynamicOptions = true;
  return {
    command,
    tool,
    toolWord,
    wrappers,
    argv,
    subcommandIndex,
    subcommand: subcommandIndex === -1 ? null : argv[subcommandIndex].value,
    before: subcommandIndex === -1 ? argv : argv.slice(0, subcommandIndex),
    after: subcommandIndex === -1 ? [] : argv.slice(subcommandIndex + 1),
    dynamicOptions,
    env,
    viaXargs: wrappers.includes('xargs'),
  };
}

/**
 * True when the invocation has a flag, given as its long names and its one-letter short form;
 * short flags are also found in bundles (`-qy`). `values` restricts `--opt=value` / `-o value` forms.
 */
export function hasFlag(words: readonly Word[], flag: { short?: string; long?: readonly string[] }): boolean {
  for (const w of words) {
    const v = w.value;
    if (!v || !v.startsWith('-')) continue;
    if (v.startsWith('--')) {
      const name = v.includes('=') ? v.slice(0, v.indexOf('=')) : v;
      if (flag.long?.includes(name)) return true;
    } else if (flag.short && /^-[A-Za-z]+$/.test(v) && v.includes(flag.short)) {
      return true;
    }
  }
  return false;
}

/** Values of `-o X` / `-oX` / `--option X` / `--option=X` style options (apt's configuration options). */
export function optionValues(words: readonly Word[], short: string, long: string): (string | null)[] {
  const out: (string | null)[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v === short || v === long) {
      out.push(words[i + 1]?.value ?? null);
      i++;
    } else if (v?.startsWith(`${long}=`)) out.push(v.slice(long.length + 1));
    else if (v?.startsWith(short) && !v.startsWith('--') && v.length > short.length) out.push(v.slice(short.length));
  }
  return out;
}

/** Words after the subcommand that are not options (package names, files, `$VARS`). */
export function operands(inv: ToolInvocation): Word[] {
  const withValue = OPTIONS_WITH_VALUE[inv.tool] ?? [];
  const out: Word[] = [];
  for (let i = 0; i < inv.after.length; i++) {
    const v = inv.after[i].value;
    if (v !== null && v.startsWith('-')) {
      if (withValue.includes(v)) i++;
      continue;
    }
    out.push(inv.after[i]);
  }
  return out;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'busybox']);

/**
 * Commands like `sh -c "apt-get install ..."` or `su -c '...'` whose string argument mentions one
 * of `names`: the tool runs there, but inside a string we do not rewrite.
 */
export function findInStrings(script: ShellScript, names: readonly string[]): SimpleCommand[] {
  const key = names.join('\n');
  let re = mentionPatterns.get(key);
  if (!re) {
    re = new RegExp(`(^|[^A-Za-z0-9_.-])(${names.map(escapeRe).join('|')})([^A-Za-z0-9_.-]|$)`);
    mentionPatterns.set(key, re);
  }
  return script.commands.filter((c) => {
    const base = commandBasename(c.name);
    if (
      base === null ||
      !(SHELLS.has(base) || base === 'su' || base === 'sudo' || base === 'runuser' || base === 'chroot')
    )
      return false;
    return c.args.some((a) => /["'\s]/.test(a.text) && re.test(a.text));
  });
}

/** findInStrings patterns by name list (rules pass a handful of fixed lists, once per RUN). */
const mentionPatterns = new Map<string, RegExp>();

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

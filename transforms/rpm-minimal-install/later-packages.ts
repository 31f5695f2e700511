/**
 * Commands that run after an install in the same filesystem (the rest of its RUN, later RUNs of the
 * stage and of the stages built on it) and name installed packages: `rpm -e|-q|-V`, `dnf|yum|microdnf
 * remove`, `zypper remove`. When such a command names a package the stage never installs by name, the
 * package may have come in only as a weak dependency / recommended package; without them it is not
 * installed and `rpm -e` / `rpm -q` / `zypper rm` fail.
 */
import { posix } from 'node:path';
import type { InstructionNode, ShellBody, SourceDockerfile } from '../../src/parse/document.js';
import { laterInstructions, instructionsBefore } from '../../src/parse/stage-history.js';
import type { SimpleCommand, Word } from '../../src/shell/model.js';
import { findCommands, operands, type ToolInvocation } from '../../src/shell/find-commands.js';
import { isUnwrapFailure, unwrapCommand } from '../../src/shell/wrapped-command.js';
import { parseShell } from '../../src/shell/parser.js';

/** Options of rpm that take the next word as their value. */
const RPM_VALUE_OPTIONS = new Set([
  '--root',
  '-r',
  '--dbpath',
  '--define',
  '-D',
  '--undefine',
  '--eval',
  '-E',
  '--rcfile',
  '--macros',
  '--qf',
  '--queryformat',
  '--pipe',
  '--predefine',
  '--fileprovide',
]);
const REMOVE: Record<string, readonly string[]> = {
  dnf: ['remove', 'erase', 'rm'],
  yum: ['remove', 'erase'],
  microdnf: ['remove'],
  zypper: ['remove', 'rm'],
};
const INSTALL: Record<string, readonly string[]> = {
  dnf: ['install', 'in'],
  yum: ['install'],
  microdnf: ['install'],
  zypper: ['install', 'in'],
};

export interface PackageUse {
  ins: InstructionNode;
  /** How the command reads, for the message: `rpm -e`, `zypper remove`. */
  what: string;
  /** The names (or `$VAR` words / file paths) not installed by name. */
  names: string[];
  /** Set when the command runs a program that only a weak dependency provides: the provider and what pulls it in. */
  weak?: { provider: string; of: string };
}

/**
 * Programs that Fedora/RHEL packages bring in only as a weak dependency (`Recommends:` in the spec
 * files of src.fedoraproject.org/rpms and openSUSE's nodejsNN: nodejs `Recommends: npm`; ruby `Recommends: ruby(rubygems)`,
 * which provides `gem`). `python3` is listed conservatively for pip (python3-pip is not always
 * pulled): a wrong entry here only costs an edit, never a build.
 */
const WEAK_PROVIDED: Readonly<Record<string, { providers: readonly string[]; weakOf: readonly string[] }>> = {
  npm: { providers: ['npm', 'nodejs-npm'], weakOf: ['nodejs'] },
  npx: { providers: ['npm', 'nodejs-npm'], weakOf: ['nodejs'] },
  gem: { providers: ['rubygems', 'ruby-rubygems'], weakOf: ['ruby', 'ruby-devel'] },
  pip: { providers: ['python3-pip', 'python-pip', 'python2-pip'], weakOf: ['python3', 'python3-devel', 'python'] },
  pip3: { providers: ['python3-pip'], weakOf: ['python3', 'python3-devel'] },
};

/** A program run later that only a weak dependency of an explicitly installed package provides. */
function weakProgram(program: string, explicit: Set<string>): PackageUse['weak'] | null {
  const w = WEAK_PROVIDED[program];
  if (!w) return null;
  // openSUSE versions the names (nodejs20 Recommends npm20): compare without the trailing version.
  const names = [...explicit];
  const unversioned = (n: string) => n.replace(/\d+$/, '');
  if (names.some((n) => w.providers.includes(n) || w.providers.includes(unversioned(n)))) return null;
  const of = names.find((n) => w.weakOf.includes(n) || w.weakOf.includes(unversioned(n)));
  return of ? { provider: w.providers[0], of } : null;
}

/** The package name of an install operand (`gcc-c++`, `zeromq3-devel.x86_64` -> `zeromq3-devel`). */
function packageName(v: string): string {
  return v.replace(/\.(x86_64|noarch|i686|i386|aarch64|ppc64le|s390x)$/, '');
}

/** Names installed by an explicit install of dnf/yum/microdnf/zypper anywhere in the stage chain and its descendants. */
function explicitNames(doc: SourceDockerfile, ins: InstructionNode): Set<string> {
  const out = new Set<string>();
  for (const i of [...instructionsBefore(doc, ins), ins, ...laterInstructions(doc, ins)]) {
    const script = i.run?.shell?.script;
    if (!script) continue;
    for (const inv of findCommands(script, Object.keys(INSTALL))) {
      if (!inv.subcommand || !INSTALL[inv.tool].includes(inv.subcommand)) continue;
      for (const w of operands(inv)) if (w.value !== null) out.add(packageName(w.value));
    }
  }
  return out;
}

/** What an rpm command does with names: `rpm -e x`, `rpm -q x`, `rpm -qf /path`, or null (install, import, ...). */
function rpmUse(argv: readonly Word[]): { what: string; words: Word[] } | null {
  let mode: string | null = null;
  let byFile = false;
  const words: Word[] = [];
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    const v = w.value;
    if (v === null) {
      words.push(w);
      continue;
    }
    if (v.startsWith('--')) {
      const name = v.includes('=') ? v.slice(0, v.indexOf('=')) : v;
      if (RPM_VALUE_OPTIONS.has(name) && !v.includes('=')) i++;
      else if (name === '--erase') mode = 'rpm -e';
      else if (name === '--query') mode ??= 'rpm -q';
      else if (name === '--verify') mode ??= 'rpm -V';
      else if (name === '--file' || name === '--whatprovides' || name === '--whatrequires') byFile = true;
      else if (name === '--all' && mode !== 'rpm -e') return null;
      else if (['--install', '--upgrade', '--freshen', '--import', '--rebuilddb', '--initdb'].includes(name))
        return null;
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      if (RPM_VALUE_OPTIONS.has(v)) {
        i++;
        continue;
      }
      const letters = v.slice(1);
      if (/[iUF]/.test(letters) && !/[eqV]/.test(letters)) return null;
      if (letters.includes('e')) mode = 'rpm -e';
      else if (letters.includes('q')) mode ??= 'rpm -q';
      else if (letters.includes('V')) mode ??= 'rpm -V';
      // `-qa [pattern]` lists what is there and does not fail on a missing package; `-qf`/`-qp` take files.
      if (mode === 'rpm -q' && letters.includes('a')) return null;
      if (/[f]/.test(letters)) byFile = true;
      if (/[p]/.test(letters)) return null;
      continue;
    }
    words.push(w);
  }
  if (!mode) return null;
  return { what: byFile && mode !== 'rpm -e' ? `${mode}f` : mode, words };
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'su', 'runuser']);

function commandUse(cmd: SimpleCommand, ins: InstructionNode, explicit: Set<string>, depth = 0): PackageUse | null {
  const un = unwrapCommand(cmd);
  if (un === null || isUnwrapFailure(un)) return null;
  // `sh -c "rpm -e x"`, `su -c '...'`: read the string with the same parser.
  if (SHELLS.has(un.program)) {
    const c = un.argv.findIndex((w) => w.value !== null && /^-[a-z]*c$/.test(w.value));
    const text = c === -1 ? null : un.argv[c + 1]?.value;
    if (!text || depth > 3) return null;
    const script = parseShell(text);
    for (const inner of script.hasErrors ? [] : script.commands) {
      const use = commandUse(inner, ins, explicit, depth + 1);
      if (use) return use;
    }
    return null;
  }
  const weak = weakProgram(un.program, explicit);
  if (weak) return { ins, what: un.program, names: [weak.provider], weak };
  let what: string;
  let words: Word[];
  if (un.program === 'rpm') {
    const use = rpmUse(un.argv);
    if (!use) return null;
    ({ what, words } = use);
  } else {
    const inv: ToolInvocation | undefined = findCommands({ ...scriptOf(cmd) }, Object.keys(REMOVE))[0];
    if (!inv || !inv.subcommand || !REMOVE[inv.tool].includes(inv.subcommand)) return null;
    what = `${inv.tool} ${inv.subcommand}`;
    words = operands(inv);
  }
  const names = words
    .filter((w) => w.value === null || !explicit.has(packageName(w.value)))
    .map((w) => w.value ?? w.text);
  // `rpm -qa 'foo*' | xargs rpm -e`: the names come from the input, whatever the stage installed.
  if (un.wrappers.includes('xargs')) names.push('packages read by xargs from its input');
  return names.length ? { ins, what, names } : null;
}

/** A one-command script, so the shared tool finder reads the command's options and subcommand. */
function scriptOf(cmd: SimpleCommand) {
  return { text: '', hasErrors: false, chain: [], commands: [cmd] };
}

/**
 * The first command after `after` (in `body` of `ins`) or in a later RUN on top of it that names a
 * package not installed by name in the stage, or null.
 */
export function laterPackageUse(
  doc: SourceDockerfile,
  ins: InstructionNode,
  body: ShellBody,
  after: SimpleCommand,
): PackageUse | null {
  const explicit = explicitNames(doc, ins);
  for (const cmd of body.script.commands) {
    if (cmd.span.start < after.span.end) continue;
    const use = commandUse(cmd, ins, explicit);
    if (use) return use;
  }
  for (const i of laterInstructions(doc, ins)) {
    for (const cmd of i.run?.shell?.script.commands ?? []) {
      const use = commandUse(cmd, i, explicit);
      if (use) return use;
    }
    // CMD/ENTRYPOINT (`["npm", "start"]`, `gem ...`): the program is the first word.
    if (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') {
      const first = i.json ? i.execArgv?.[0] : i.args[0]?.value;
      const program = first ? posix.basename(first) : null;
      const weak = program ? weakProgram(program, explicit) : null;
      if (weak) return { ins: i, what: program!, names: [weak.provider], weak };
    }
  }
  return null;
}

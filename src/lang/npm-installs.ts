/** The `npm install`/`npm ci` commands of a RUN that install a whole package.json (no package arguments), with the directory each runs in (`WORKDIR`, then top-level `cd`s). */
import type { InstructionNode, ShellBody, SourceDockerfile } from '../parse/document.js';
import type { SimpleCommand, Word } from '../shell/model.js';
import { resolvePath, workdirAt } from '../parse/stage-history.js';
import {
  findInvocation,
  isInvocationFailure,
  nestedShellMention,
  type ToolInvocation,
} from '../shell/lang-invocations.js';
import { unwrapCommand, isUnwrapFailure } from '../shell/wrapped-command.js';

export const NPM_INSTALL_WORDS = new Set([
  'install',
  'i',
  'in',
  'ins',
  'inst',
  'insta',
  'instal',
  'isnt',
  'isnta',
  'isntal',
  'isntall',
  'add',
]);
export const NPM_CI_WORDS = new Set(['ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean']);

/** npm options that take a separate value after the subcommand. */
const VALUE_FLAGS = new Set([
  '--loglevel',
  '--registry',
  '--cache',
  '--omit',
  '--include',
  '--only',
  '--also',
  '--prefix',
  '-C',
  '--userconfig',
  '--workspace',
  '-w',
  '--tag',
  '--fetch-retries',
  '--fetch-timeout',
  '--network-concurrency',
  '--maxsockets',
  '--install-strategy',
  '--script-shell',
]);

export interface NpmInstall {
  command: SimpleCommand;
  inv: ToolInvocation;
  kind: 'install' | 'ci';
  /** Option words after the subcommand. */
  options: Word[];
  /** Directory the command runs in, or null when unknown (`reason`). */
  dir: string | null;
  dirReason?: string;
}

export type NpmInstallScan = { installs: NpmInstall[]; unreadable: { command: SimpleCommand; reason: string }[] };

/** Package arguments (non-option words) after the subcommand. */
export function npmPositionals(inv: ToolInvocation): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < inv.rest.length; i++) {
    const v = inv.rest[i].value ?? inv.rest[i].text;
    if (v.startsWith('-')) {
      if (VALUE_FLAGS.has(v)) i++;
      continue;
    }
    out.push(inv.rest[i]);
  }
  return out;
}

/** The option name of a word (`--omit=dev` -> `--omit`). */
export function optionName(w: Word): string {
  const v = w.value ?? w.text;
  return v.includes('=') ? v.slice(0, v.indexOf('=')) : v;
}

/** Every whole-project `npm install`/`npm ci` of the RUN, plus the npm commands that could not be read. */
export function npmInstalls(doc: SourceDockerfile, ins: InstructionNode, body: ShellBody): NpmInstallScan {
  const out: NpmInstallScan = { installs: [], unreadable: [] };
  let dir: string | null = workdirAt(doc, ins);
  let dirReason: string | undefined = dir === null ? 'the WORKDIR depends on the base image or a variable' : undefined;
  for (const cmd of body.script.commands) {
    const un = unwrapCommand(cmd);
    if (un && !isUnwrapFailure(un) && (un.program === 'cd' || un.program === 'pushd' || un.program === 'popd')) {
      const target = un.argv[0]?.value;
      const top = !Object.entries(cmd.context).some(([k, v]) => k !== 'pipelineIndex' && v);
      if (
        !top ||
        un.program !== 'cd' ||
        !target ||
        un.argv.length !== 1 ||
        target.startsWith('-') ||
        target.includes('~')
      ) {
        dir = null;
        dirReason = `the RUN changes directory with \`${body.text.slice(cmd.span.start, cmd.span.end)}\``;
      } else if (dir !== null || target.startsWith('/')) {
        dir = resolvePath(dir, target);
        dirReason = dir === null ? 'the directory `cd` goes to is unknown' : undefined;
      }
      continue;
    }
    if (nestedShellMention(cmd, /\bnpm\s+(i|install|ci)\b/)) {
      out.unreadable.push({
        command: cmd,
        reason: 'npm runs inside a command string handed to another shell (sh -c / su -c); the string is not rewritten',
      });
      continue;
    }
    const inv = findInvocation(cmd);
    if (!inv || inv.tool !== 'npm') continue;
    if (isInvocationFailure(inv)) {
      out.unreadable.push({ command: cmd, reason: `this npm command could not be read: ${inv.reason}` });
      continue;
    }
    const sub = inv.subcommand?.value ?? null;
    if (sub === null) continue;
    const kind = NPM_INSTALL_WORDS.has(sub) && sub !== 'add' ? 'install' : NPM_CI_WORDS.has(sub) ? 'ci' : null;
    if (!kind) continue;
    if (npmPositionals(inv).length) continue;
    const options = inv.rest.filter((w) => (w.value ?? w.text).startsWith('-'));
    out.installs.push({ command: cmd, inv, kind, options, dir, ...(dirReason ? { dirReason } : {}) });
  }
  return out;
}

/** What the split transform reads from the final stage: process command, installs, build commands, copies, users. */
import { posix } from 'node:path';
import type { InstructionNode, SourceDockerfile, Stage } from '../../src/parse/document.js';
import { logicalText } from '../../src/parse/run-body.js';
import { stageWorkdirs } from '../../src/parse/workdir.js';
import type { CommandContext, SimpleCommand } from '../../src/shell/model.js';
import { processCommand, type ProcessCommand } from '../../src/shell/exec-form.js';
import { readCommand, type CommandRead } from '../../src/shell/command-reader.js';

export interface StageCommand {
  ins: InstructionNode;
  /** The simple command of the RUN body that runs it (for a command in a `sh -c` string, that shell command): spans are into the RUN body. */
  cmd: SimpleCommand;
  /** The command read through its wrappers (`sudo`, `env A=1`, ...) and `sh -c` strings. */
  read: CommandRead;
  /** The program as written after the wrappers (`go`, `/usr/local/go/bin/go`), its text when not static. */
  name: string;
  /** True when `cmd` is the command itself: no wrapper, not in a `sh -c` string (edits at `cmd` edit this command). */
  direct: boolean;
  /** Where it runs: the contexts of `cmd` and, inside a `sh -c` string, of the command in it, combined. */
  context: CommandContext;
  /** Working directory the command runs in, null when unknown (variable WORKDIR, `cd` earlier in the RUN). */
  cwd: string | null;
  /** The program's arguments (static values; null for words with expansions). */
  args: (string | null)[];
}

export interface StageFacts {
  stage: Stage;
  workdirBefore: (string | null)[];
  finalWorkdir: string | null;
  /** Every simple command of every parsed RUN. */
  commands: StageCommand[];
  /** RUNs we cannot read (heredoc, exec form, unparsable). */
  opaqueRuns: InstructionNode[];
  entrypoint: (ProcessCommand & { ins: InstructionNode }) | null;
  cmd: (ProcessCommand & { ins: InstructionNode }) | null;
  /** The argv the container starts (ENTRYPOINT + CMD), null when it is not static. */
  argv: string[] | null;
  /** Packages installed with apt-get/apt/apk/yum/dnf/microdnf. */
  osPackages: string[];
  /** Context copies (COPY/ADD without --from): sources and resolved destination. */
  contextCopies: { ins: InstructionNode; sources: string[]; dest: string | null }[];
  user: InstructionNode | null;
  logical(ins: InstructionNode): string;
}

const PKG_MANAGERS = new Set(['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf']);

export function readStage(doc: SourceDockerfile, stage: Stage): StageFacts {
  const { before, final } = stageWorkdirs(doc, stage);
  const logical = (ins: InstructionNode) =>
    ins.argsSpan ? logicalText(doc.text, ins.argsSpan.start, ins.argsSpan.end, doc.escapeChar).text.trim() : '';
  const commands: StageCommand[] = [];
  const opaqueRuns: InstructionNode[] = [];
  const osPackages: string[] = [];
  const contextCopies: StageFacts['contextCopies'] = [];
  let entrypoint: StageFacts['entrypoint'] = null;
  let cmd: StageFacts['cmd'] = null;
  let user: InstructionNode | null = null;
  stage.instructions.forEach((ins, i) => {
    const cwd0 = before[i];
    if (ins.keyword === 'RUN') {
      const body = ins.run?.shell;
      if (!body || body.script.hasErrors) {
        opaqueRuns.push(ins);
        return;
      }
      let cwd = cwd0;
      for (const c of body.script.commands) {
        let inString = cwd; // a `cd` inside a `sh -c` string moves only that shell
        for (const read of readCommand(c)) {
          const nested = read.shells.length > 0;
          const args = read.argv.map((w) => w.value);
          commands.push({
            ins,
            cmd: c,
            read,
            name: read.name,
            direct: !nested && read.wrappers.length === 0,
            context: nested ? combined([c, ...read.shells.slice(1), read.command]) : c.context,
            cwd: nested ? inString : cwd,
            args,
          });
          if (read.name === 'cd') {
            if (nested) inString = null;
            else cwd = null;
          }
          if (PKG_MANAGERS.has(read.program ?? '') && args.some((a) => a === 'install' || a === 'add')) {
            for (const a of args.slice(args.findIndex((x) => x === 'install' || x === 'add') + 1)) {
              if (a === null) osPackages.push('$variable');
              else if (!a.startsWith('-')) osPackages.push(a.replace(/[=:].*$/, ''));
            }
          }
        }
      }
    } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      if (ins.flags.some((f) => f.name === 'from')) return;
      const words = ins.json ? ins.execArgv : ins.args.map((a) => a.value);
      if (!words || words.length < 2) {
        contextCopies.push({ ins, sources: [], dest: null });
        return;
      }
      const rawDest = words[words.length - 1];
      let dest: string | null = null;
      if (!/[$]/.test(rawDest))
        dest = rawDest.startsWith('/') ? posix.normalize(rawDest) : cwd0 === null ? null : posix.join(cwd0, rawDest);
      contextCopies.push({ ins, sources: words.slice(0, -1), dest });
    } else if (ins.keyword === 'ENTRYPOINT') {
      entrypoint = { ...processCommand(ins, doc.text, logical(ins)), ins };
      cmd = null; // Docker resets CMD when ENTRYPOINT is set in the same stage after it
    } else if (ins.keyword === 'CMD') {
      cmd = { ...processCommand(ins, doc.text, logical(ins)), ins };
    } else if (ins.keyword === 'USER') {
      user = ins;
    }
  });
  const ep = entrypoint as StageFacts['entrypoint'];
  const cm = cmd as StageFacts['cmd'];
  let argv: string[] | null = null;
  if (ep) {
    if (ep.form === 'shell') argv = cm ? null : ep.argv;
    else if (!cm) argv = ep.argv;
    else argv = ep.argv && cm.form === 'exec' && cm.argv ? [...ep.argv, ...cm.argv] : null;
  } else if (cm) argv = cm.argv;
  return {
    stage,
    workdirBefore: before,
    finalWorkdir: final,
    commands,
    opaqueRuns,
    entrypoint: ep,
    cmd: cm,
    argv,
    osPackages,
    contextCopies,
    user,
    logical,
  };
}

/** The contexts of a command and the shells around it, combined: it is in a pipeline when any of them is. */
function combined(commands: SimpleCommand[]): CommandContext {
  const out: CommandContext = { ...commands[0].context };
  for (const c of commands.slice(1))
    for (const k of Object.keys(out) as (keyof CommandContext)[])
      if (k !== 'pipelineIndex') (out[k] as boolean) = out[k] || c.context[k];
  return out;
}

/** Commands running `names` (as written or by basename, through wrappers and `sh -c` strings), optionally with a first argument in `sub`. */
export function commandsNamed(facts: StageFacts, names: readonly string[], sub?: readonly string[]): StageCommand[] {
  return facts.commands.filter((c) => {
    if (!names.includes(c.name) && !names.includes(c.read.program ?? '')) return false;
    if (!sub) return true;
    const first = c.args.find((a) => a === null || !a.startsWith('-'));
    return first !== undefined && first !== null && sub.includes(first);
  });
}

/** Commands whose absolute-path arguments are files the build leaves in the image. */
const WRITERS = new Set([
  'cp',
  'mv',
  'ln',
  'touch',
  'tee',
  'install',
  'wget',
  'curl',
  'sed',
  'chmod',
  'unzip',
  'tar',
  'git',
]);
/** Places whose content a runtime image does not need (caches, package lists, temp files, devices). */
const SCRATCH = /^\/(tmp|dev|proc|var\/lib\/apt|var\/cache|var\/log|root\/\.|etc\/apt|usr\/share\/doc)(\/|$)/;

/**
 * The first absolute path the stage's RUNs write (redirections, cp/mv/ln/touch/tee/...) outside
 * `kept` (paths the runtime stage copies) and outside caches and temp folders; null when none.
 */
export function writesOutside(facts: StageFacts, kept: readonly string[]): string | null {
  const inside = (p: string) =>
    SCRATCH.test(p) || kept.some((k) => p === k || p.startsWith(k.endsWith('/') ? k : k + '/'));
  for (const c of facts.commands) {
    const body = c.ins.run?.shell;
    if (!body) continue;
    const targets: string[] = [];
    for (const r of c.cmd.redirects) {
      const m = /^\s*\d*(>>?|>\||&>>?)\s*(\/\S*)/.exec(body.text.slice(r.start, r.end));
      if (m) targets.push(m[2]);
    }
    if (WRITERS.has(c.name)) for (const a of c.args) if (a && a.startsWith('/')) targets.push(a);
    const out = targets.map((t) => t.replace(/["']/g, '')).find((t) => !inside(t));
    if (out) return out;
  }
  return null;
}

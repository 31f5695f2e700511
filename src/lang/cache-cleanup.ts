/**
 * The shape shared by "clean the package manager's cache in the layer that filled it" rules
 * (npm, yarn, composer, go, cargo): find the commands that fill the cache in a RUN, check it is
 * not cleaned already and not on a cache mount, and add the cleanup right after the last use
 * of the tool in that RUN.
 */
import type { SourceDockerfile } from '../parse/document.js';
import type { Estimate, FindingDraft, SkipCode } from '../engine/types.js';
import { cacheMountServing } from '../parse/cache-mounts.js';
import { stageVariables } from '../parse/stage-env.js';
import { insertAfterChainItem } from '../edit/chain-insert.js';
import {
  findInvocations,
  isInvocationFailure,
  nestedShellMention,
  type LangTool,
  type ToolInvocation,
} from '../shell/lang-invocations.js';
import { unwrapCommand, isUnwrapFailure } from '../shell/wrapped-command.js';
import type { SimpleCommand } from '../shell/model.js';
import { shellRuns, stageReachesImage, type RuleInfo, type ShellRun } from './rule-kit.js';
import { skipFinding } from '../engine/skip-finding.js';
import { notInFinalImage } from '../parse/stage-ships.js';

/** Wrappers that run the tool as another user, whose cache our added command would not see. */
const USER_SWITCHING = new Set(['sudo', 'gosu', 'su-exec', 'chpst']);

export interface CleanupRule {
  rule: RuleInfo;
  tool: LangTool;
  /** Quick text filter for RUNs worth parsing. */
  mentions: RegExp;
  /** Pattern for `sh -c "..."` strings that would need the rule. */
  nestedPattern: RegExp;
  /** True when the invocation fills the cache (install, build, ...). */
  fills(inv: ToolInvocation): boolean;
  /** True when the invocation already cleans the cache. */
  cleans(inv: ToolInvocation): boolean;
  /** Words in an `rm` argument that mean the cache is removed by hand. */
  rmMarkers: RegExp;
  /** Default cache directories, and markers of a cache mount target that serves this cache. */
  cacheDirs: string[];
  cacheMarkers: string[];
  /** Variables that move the cache; their values are added to the cache dirs. */
  cacheVars: string[];
  /** Extra checks; a skip reason stops the rule for this RUN. `fillers` are the invocations that fill the cache. */
  precheck?(
    doc: SourceDockerfile,
    run: ShellRun,
    fillers: ToolInvocation[],
    vars: ReadonlyMap<string, string | null>,
  ): { code: SkipCode; detail: string } | null;
  /** The command to add, built from the last filling invocation (so the same binary runs). */
  cleanupCommand(toolText: string, last: ToolInvocation): string;
  /**
   * Where the cleanup goes: after the last command of the tool in the RUN (`last-use`), or at the
   * end of the RUN (`end`), for toolchains that build scripts and makefiles also call.
   */
  anchor?: 'last-use' | 'end';
  message: string;
  estimate(fillers: ToolInvocation[]): Estimate;
}

export function cacheCleanupFindings(doc: SourceDockerfile, cfg: CleanupRule): FindingDraft[] {
  const { runs, skips } = shellRuns(doc, cfg.rule, cfg.mentions);
  const out: FindingDraft[] = [...skips];
  for (const run of runs) {
    const f = forRun(doc, cfg, run);
    if (f) out.push(f);
  }
  return out;
}

function forRun(doc: SourceDockerfile, cfg: CleanupRule, run: ShellRun): FindingDraft | null {
  const { ins, body, stage } = run;
  const cmds = body.script.commands;
  const skip = (code: SkipCode, detail: string) => skipFinding(cfg.rule, ins.span, code, detail);
  const nested = cmds.find((c) => nestedShellMention(c, cfg.nestedPattern));
  const all = findInvocations(cmds).filter((i) => i.tool === cfg.tool);
  const failure = all.find(isInvocationFailure);
  if (failure) return skip('uncertain', `a ${cfg.tool} command could not be read: ${failure.reason}`);
  const invs = all as ToolInvocation[];
  const fillers = invs.filter((i) => cfg.fills(i));
  if (!fillers.length) {
    return nested
      ? skip(
          'uncertain',
          `${cfg.tool} runs inside a command string handed to another shell (sh -c / su -c); the string is not rewritten`,
        )
      : null;
  }
  const lastFill = fillers[fillers.length - 1];
  const after = (c: SimpleCommand) => c.span.start > lastFill.unwrapped.command.span.start;
  if (invs.some((i) => cfg.cleans(i) && after(i.unwrapped.command))) return null;
  if (cmds.some((c) => after(c) && isRmOf(c, cfg.rmMarkers))) return null;

  const vars = stageVariables(doc, ins);
  const dirs = [...cfg.cacheDirs];
  for (const v of cfg.cacheVars) {
    const val = vars.get(v);
    if (val) dirs.push(val);
    for (const f of fillers) {
      const inline = f.unwrapped.env.get(v);
      if (inline) dirs.push(inline);
    }
  }
  const mount = cacheMountServing(ins, dirs, cfg.cacheMarkers);
  if (mount)
    return skip(
      'cache-mount',
      `a BuildKit cache mount (${mount}) holds the ${cfg.tool} cache outside the image; cleaning it here would defeat the mount`,
    );
  for (const f of fillers) {
    const moved =
      cfg.cacheVars.find((v) => f.unwrapped.env.has(v)) ?? (f.unwrapped.env.has('HOME') ? 'HOME' : undefined);
    if (moved)
      return skip(
        'uncertain',
        `${moved} is set on the ${cfg.tool} command only; a cleanup command after it would look elsewhere`,
      );
    const sw = f.unwrapped.wrappers.find((w) => USER_SWITCHING.has(w));
    if (sw)
      return skip(
        'uncertain',
        `${cfg.tool} runs through ${sw} (possibly as another user, with another cache directory)`,
      );
  }
  if (!stageReachesImage(doc, stage)) {
    return skip(
      'builder-stage',
      `stage ${stage?.name ?? stage?.index} is only copied from; its ${cfg.tool} cache does not reach the final image`,
    );
  }
  // A stage that stageShips still counts (nothing uses it, or only stages nothing uses are built on it) but that
  // does not reach the final image: a test or lint stage, or a builder with such a child. Its cache never ships.
  const notFinal = notInFinalImage(doc, stage);
  if (notFinal) return skip('no-saving', `${notFinal}; its ${cfg.tool} cache never ships`);
  const pre = cfg.precheck?.(doc, run, fillers, vars);
  if (pre) return skip(pre.code, pre.detail);

  // After the last use of the tool in this RUN: a later `npm install` would fill the cache again.
  const anchor =
    cfg.anchor === 'end'
      ? body.script.chain.length - 1
      : invs.reduce((a, b) => (b.unwrapped.command.chainIndex > a.unwrapped.command.chainIndex ? b : a)).unwrapped
          .command.chainIndex;
  const toolText = body.text.slice(lastFill.unwrapped.programWord.span.start, lastFill.toolWord.span.end);
  if (/^[^/$]+\//.test(toolText) && anchor !== lastFill.unwrapped.command.chainIndex) {
    return skip(
      'uncertain',
      `${cfg.tool} is called by a relative path (${toolText}); the directory may change before the cleanup would run`,
    );
  }
  const res = insertAfterChainItem(doc, ins, body, anchor, cfg.cleanupCommand(toolText, lastFill));
  if ('reason' in res) return skip('uncertain', res.reason);
  return {
    code: cfg.rule.code,
    message: cfg.message,
    span: ins.span,
    edits: [res.edit],
    estimate: cfg.estimate(fillers),
    ...(cfg.rule.hadolint ? { hadolint: cfg.rule.hadolint } : {}),
  };
}

function isRmOf(c: SimpleCommand, markers: RegExp): boolean {
  const un = unwrapCommand(c);
  if (!un || isUnwrapFailure(un) || un.program !== 'rm') return false;
  return un.argv.some((w) => markers.test(w.text));
}

/** Non-option words after the subcommand (package names, paths): a rough count for estimates. */
export function positionalCount(inv: ToolInvocation): number {
  return inv.rest.filter((w) => !(w.value ?? w.text).startsWith('-')).length;
}

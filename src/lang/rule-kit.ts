/**
 * Shared plumbing of the language package manager rules (pip, npm, yarn, gem, bundler, composer,
 * go, cargo): which RUNs a rule may read, typed skip findings for the ones it may not, and the
 * stage facts those rules ask about.
 */
import { officialName, parseReference } from '../parse/image-ref.js';
import type { InstructionNode, ShellBody, SourceDockerfile, Stage } from '../parse/document.js';
import type { FindingDraft } from '../engine/types.js';
import { gateRun } from '../packages/run-gate.js';
import { stageShips } from '../parse/stage-ships.js';
import { skipFinding } from '../engine/skip-finding.js';

export interface ShellRun {
  ins: InstructionNode;
  body: ShellBody;
  stage: Stage | null;
}

export interface RuleInfo {
  id: string;
  /** Finding code used for skip findings. */
  code: string;
  hadolint?: string;
}

/**
 * The RUN instructions (ONBUILD triggers excluded) whose text matches `mentions`: readable
 * shell-form ones in `runs`, and a skip finding for each one the rule cannot read (template,
 * exec form, heredoc, PowerShell/cmd stage, shell syntax errors: see gateRun).
 */
export function shellRuns(
  doc: SourceDockerfile,
  rule: RuleInfo,
  mentions: RegExp,
): { runs: ShellRun[]; skips: FindingDraft[] } {
  const runs: ShellRun[] = [];
  const skips: FindingDraft[] = [];
  for (const ins of doc.instructions) {
    if (ins.keyword !== 'RUN' || !ins.run) continue;
    const text = doc.text.slice(ins.span.start, ins.span.end);
    if (!mentions.test(text)) continue;
    const gate = gateRun(doc, ins, { template: 'file' });
    if (gate.skipped) skips.push(skipFinding(rule, ins.span, gate.skipped.code, gate.skipped.detail));
    else runs.push({ ins, body: gate.body, stage: ins.stage >= 0 ? doc.stages[ins.stage] : null });
  }
  return { runs, skips };
}

/**
 * True when the stage's files end up in an image someone runs: it is the last stage, another
 * stage is built `FROM` it, or nothing uses it (it can still be built with `--target`).
 * False for a builder stage whose output is only copied (`COPY --from`) or mounted elsewhere.
 */
export function stageReachesImage(doc: SourceDockerfile, stage: Stage | null): boolean {
  return stageShips(doc, stage);
}

/** Instructions of the stages `ins`'s stage is built on (`FROM <stage>`), then of its own stage up to and including `ins`. */
export function instructionsUpTo(doc: SourceDockerfile, ins: InstructionNode): InstructionNode[] {
  const chain = doc.stages[ins.stage]?.chain ?? [];
  if (!chain.length) return doc.instructions.filter((i) => i.index <= ins.index);
  return chain.flatMap((s) => doc.stages[s].instructions.filter((i) => s !== ins.stage || i.index <= ins.index));
}

/** The file text of an instruction. */
export function instructionText(doc: SourceDockerfile, ins: InstructionNode): string {
  return doc.text.slice(ins.span.start, ins.span.end);
}

/** The root stage's official image name (`python`, `ruby`, ...) following `FROM <stage>` links, or null. */
export function rootOfficialImage(doc: SourceDockerfile, stage: Stage | null): string | null {
  const image = stage ? doc.stages[stage.root]?.image : null;
  if (!image) return null;
  if (image.official) return image.official;
  // `ruby:$RUBY_VERSION-slim`: only the tag is variable, so the repository is still known.
  const m = /^([^$:@]+)[:@]/.exec(image.raw);
  return m && image.resolved === null ? officialName(parseReference(m[1])) : null;
}

/**
 * The common "can we read and rewrite this RUN?" gate of the package-manager transforms (OS and
 * language): shell form in a POSIX stage, parsable, no template placeholder.
 * Returns the shell body, or the typed reason to skip (null reason: nothing to say).
 */
import type { SkipReason } from '../engine/types.js';
import { nonPosixReason } from '../parse/windows-signals.js';
import { stageShips } from '../parse/stage-ships.js';
import type { InstructionNode, ShellBody, SourceDockerfile } from '../parse/document.js';

export type Gate = { body: ShellBody; skipped?: undefined } | { body?: undefined; skipped: SkipReason };

export interface GateOptions {
  /**
   * `run` (default): skip only a RUN that holds a %%PLACEHOLDER%% itself; `file`: skip every RUN
   * of a template file (it is generated from elsewhere).
   */
  template?: 'run' | 'file';
}

export function gateRun(doc: SourceDockerfile, ins: InstructionNode, options: GateOptions = {}): Gate {
  const run = ins.run;
  if (!run) return { skipped: { code: 'other', detail: 'not a RUN' } };
  if (options.template === 'file' && doc.template) {
    return {
      skipped: {
        code: 'template',
        detail: 'the file is a template with %%PLACEHOLDERS%%; it is generated from elsewhere',
      },
    };
  }
  const stage = doc.stages[ins.stage];
  if (stage && !stage.posixProven) return { skipped: nonPosixReason(stage) };
  if (run.form === 'exec')
    return { skipped: { code: 'exec-form', detail: 'exec-form (JSON) RUN: no shell to add commands to' } };
  if (run.form === 'heredoc')
    return { skipped: { code: 'heredoc', detail: 'heredoc RUN: slimify does not rewrite heredoc bodies' } };
  if (!run.shell) return { skipped: { code: 'non-posix-shell', detail: 'the RUN is not run by a POSIX shell' } };
  if (/%%[A-Z_]+%%/.test(run.shell.text))
    return { skipped: { code: 'template', detail: 'the RUN contains a %%PLACEHOLDER%% template token' } };
  if (run.shell.script.hasErrors)
    return {
      skipped: {
        code: 'unparsable-shell',
        detail: run.shell.script.limit ?? 'the shell parser reported errors in this RUN',
      },
    };
  return { body: run.shell };
}

/** True when the stage of `ins` ends up in the final image (it is final, or the final stage is built on it). */
export function reachesFinalImage(doc: SourceDockerfile, stageIndex: number): boolean {
  return stageIndex === -1 || !!doc.stages[stageIndex]?.reachesFinal;
}

/** Bytes that count for a shipped image: `bytes` when the stage ships (see stageShips), else 0, with a note. */
export function stageBytes(
  doc: SourceDockerfile,
  ins: InstructionNode,
  bytes: number,
  note: string,
): { bytes: number; basis: 'heuristic'; note: string } {
  if (ins.stage < 0 || stageShips(doc, doc.stages[ins.stage])) return { bytes, basis: 'heuristic', note };
  return {
    bytes: 0,
    basis: 'heuristic',
    note: `${note} This stage is not part of the final image, so only build cache and intermediate images shrink.`,
  };
}

export const MB = 1024 * 1024;

/** The file offset just after a word of the RUN's shell text (where a flag can be inserted). */
export function afterWord(body: { toFile: number[] }, word: { span: { end: number } }): number {
  return body.toFile[word.span.end - 1] + 1;
}

/** Whether something after an install (the rest of its RUN, later instructions of the stage and of stages built on it, and the container's CMD/ENTRYPOINT) matches a pattern: "does anything still need the dev tools?". */
import type { InstructionNode, ShellBody, SourceDockerfile } from '../parse/document.js';
import type { SimpleCommand } from '../shell/model.js';
import { instructionsBefore, laterInstructions } from '../parse/stage-history.js';

export interface LaterUse {
  /** The instruction where the match is. */
  ins: InstructionNode;
  /** The matched text. */
  match: string;
}

/**
 * The first use matching `pattern` after `command` of `ins`: text of the RUN after the command, text
 * of the later instructions on top of this layer, and every CMD/ENTRYPOINT of the stage chain (they
 * run in the container whatever their position). Only RUN, CMD, ENTRYPOINT and ONBUILD are read. A text search: a false match only makes the caller skip.
 */
export function laterUse(
  doc: SourceDockerfile,
  ins: InstructionNode,
  body: ShellBody,
  command: SimpleCommand,
  pattern: RegExp,
): LaterUse | null {
  const rest = body.text.slice(command.span.end);
  let m = pattern.exec(rest);
  if (m) return { ins, match: m[0] };
  const runtime = instructionsBefore(doc, ins).filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  for (const i of [...laterInstructions(doc, ins), ...runtime]) {
    if (!['RUN', 'CMD', 'ENTRYPOINT', 'ONBUILD'].includes(i.keyword)) continue;
    if (!i.argsSpan) continue;
    const raw = doc.text.slice(i.argsSpan.start, i.argsSpan.end);
    // Instruction arguments as one command line (exec-form words joined with spaces).
    const text = i.json && i.execArgv ? i.execArgv.join(' ') : raw;
    if ((m = pattern.exec(text))) return { ins: i, match: m[0] };
  }
  return null;
}

/**
 * The variables an instruction's environment gets from the Dockerfile itself: ENV of the stage
 * and of the stages it is built on (`FROM builder`), and ARG declared in the stage, before it.
 * Base-image ENV is unknown here; callers must treat a missing name as "maybe set upstream".
 */
import type { Env, Arg } from 'dockerfile-ast';
import type { InstructionNode, SourceDockerfile } from './document.js';

/** Name -> value as written (null when the ARG has no default). */
export function stageVariables(doc: SourceDockerfile, ins: InstructionNode): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const chain = doc.stages[ins.stage]?.chain ?? [];
  for (const stageIndex of chain) {
    for (const other of doc.stages[stageIndex].instructions) {
      if (stageIndex === ins.stage && other.index >= ins.index) break;
      if (other.keyword === 'ENV') {
        for (const p of (other.raw as Env).getProperties()) out.set(p.getName(), p.getValue() ?? '');
      } else if (other.keyword === 'ARG' && stageIndex === ins.stage) {
        const p = (other.raw as Arg).getProperty();
        if (p) out.set(p.getName(), p.getValue() ?? null);
      }
    }
  }
  return out;
}

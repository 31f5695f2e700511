/** Whether a stage's files end up in an image someone runs (the one "what ships" fact for size estimates and rules). */
import type { SourceDockerfile, Stage } from './document.js';

/**
 * True when the stage is the last one, nothing uses it (it can still be built with `--target`),
 * or a stage built `FROM` it ships. False for a builder stage whose output is only copied
 * (`COPY --from`) or mounted elsewhere: its layers never ship.
 */
export function stageShips(doc: SourceDockerfile, stage: Stage | null, seen = new Set<number>()): boolean {
  if (!stage) return true;
  if (stage.isFinal || stage.usedBy.length === 0) return true;
  if (seen.has(stage.index)) return false;
  seen.add(stage.index);
  return stage.usedBy.some((u) => doc.stages[u]?.baseStage === stage.index && stageShips(doc, doc.stages[u], seen));
}

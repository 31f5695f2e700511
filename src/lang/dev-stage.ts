/** Whether a stage reads as a development or test image by its name (or the names of the stages it is built on or that build on it). */
import type { SourceDockerfile, Stage } from '../parse/document.js';
import { descendantStages } from '../parse/stage-history.js';

const DEV_STAGE = /(^|[-_.])(dev|devel|develop|development|test|tests|testing|debug|ci|local)($|[-_.])|^dev-?env/i;

/** The first name in the stage's chain that says "development/test", or null. */
export function devStageName(doc: SourceDockerfile, stage: Stage | null): string | null {
  if (!stage) return null;
  const names: string[] = [];
  const seen = new Set<number>();
  for (
    let s: Stage | null = stage;
    s && !seen.has(s.index);
    s = s.baseStage === null ? null : doc.stages[s.baseStage]
  ) {
    seen.add(s.index);
    if (s.name) names.push(s.name);
  }
  for (const d of descendantStages(doc, stage.index)) if (doc.stages[d].name) names.push(doc.stages[d].name!);
  return names.find((n) => DEV_STAGE.test(n)) ?? null;
}

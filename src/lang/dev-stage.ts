/** Whether a stage reads as a development or test image by its name (or the names of the stages it is built on or that build on it). */
import type { SourceDockerfile, Stage } from '../parse/document.js';

const DEV_STAGE = /(^|[-_.])(dev|devel|develop|development|test|tests|testing|debug|ci|local)($|[-_.])|^dev-?env/i;

/** The first name in the stage's chain that says "development/test", or null. */
export function devStageName(doc: SourceDockerfile, stage: Stage | null): string | null {
  if (!stage) return null;
  // This stage, the stages it is built on (nearest first), then the stages built on it.
  const names = [...[...stage.chain].reverse(), ...stage.descendants]
    .map((i) => doc.stages[i].name)
    .filter((n): n is string => !!n);
  return names.find((n) => DEV_STAGE.test(n)) ?? null;
}

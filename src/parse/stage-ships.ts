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

/**
 * Why the stage's files never reach the final image, from the document's stage graph, or null
 * when they do (`reachesFinal`: it is the last stage or the last stage is built on it). A stage
 * that is only copied from is named as such; one nothing uses (a test or lint stage, built only
 * with `--target`) and one whose only descendants are such stages are named as not reaching it.
 * Null in a file where a FROM names its base through a variable (a build argument can pick another stage).
 */
export function notInFinalImage(doc: SourceDockerfile, stage: Stage | null): string | null {
  if (!stage || stage.reachesFinal) return null;
  // `FROM ${APP_ENV}` / `FROM base-${TARGET}`: a build argument picks the stage another one is built on, so
  // the graph read with the defaults does not tell which stages reach the final image.
  if (doc.stages.some((s) => s.from.args.some((a) => a.value.includes('$')))) return null;
  const name = (s: Stage) => (s.name ? `\`${s.name}\`` : `#${s.index}`);
  const copiers = [...new Set(stage.usedBy.filter((u) => doc.stages[u]?.baseStage !== stage.index))];
  const children = stage.descendants.map((d) => doc.stages[d]).filter((s): s is Stage => !!s);
  const parts: string[] = [];
  if (copiers.length)
    parts.push(`stage ${copiers.map((c) => name(doc.stages[c])).join(', ')} only copies files out of it`);
  if (children.length)
    parts.push(
      `the stages built on it (${children.map(name).join(', ')}) are not the last stage and do not lead to it`,
    );
  if (!copiers.length && !children.length) parts.push('it is not the last stage and no stage copies from it');
  return `stage ${name(stage)} does not reach the final image: ${parts.join('; ')}`;
}

/**
 * Why BuildKit never builds the stage, or null: it has no name (so `--target` cannot pick it), it is
 * not the last stage, and no stage copies from it, mounts it or is built on it (`COPY --from=0`
 * counts as a use). Edits there change no image. Null in a file where a FROM names its base through a
 * variable. (The legacy builder, DOCKER_BUILDKIT=0, built every stage; it is deprecated.)
 */
export function neverBuilt(doc: SourceDockerfile, stage: Stage | null): string | null {
  if (!stage || stage.name || stage.isFinal || stage.usedBy.length || stage.descendants.length) return null;
  if (doc.stages.some((s) => s.from.args.some((a) => a.value.includes('$')))) return null;
  return `stage #${stage.index} (line ${doc.lines.lineAt(stage.from.span.start) + 1}) has no name, is not the last stage and no stage uses it: BuildKit never builds it and --target cannot name it, so an edit there changes no image`;
}

/** The stage whose instructions contain `offset` (from its FROM to the next FROM), or null before the first FROM. */
export function stageAt(doc: SourceDockerfile, offset: number): Stage | null {
  let found: Stage | null = null;
  for (const s of doc.stages) if (s.from.span.start <= offset) found = s;
  return found;
}

/** Which transforms run, from --level, --only and --skip. Registry order is kept. */
import type { Tier, Transform } from './types.js';

export interface Selection {
  level?: Tier;
  only?: readonly string[];
  skip?: readonly string[];
  /** Review-tier ids to run in addition to the level's transforms (e.g. split-runtime-stage by default). */
  enable?: readonly string[];
}

export class UnknownTransformError extends Error {}

export function selectTransforms(all: readonly Transform[], sel: Selection): Transform[] {
  const ids = new Set(all.map((t) => t.meta.id));
  for (const id of [...(sel.only ?? []), ...(sel.skip ?? []), ...(sel.enable ?? [])]) {
    if (!ids.has(id)) throw new UnknownTransformError(`unknown transform id: ${id} (see --list-transforms)`);
  }
  const level = sel.level ?? 'safe';
  return all.filter((t) => {
    if (sel.skip?.includes(t.meta.id)) return false;
    if (sel.only?.length) return sel.only.includes(t.meta.id);
    return (
      t.meta.tier === 'safe' || !!t.meta.safeWithEvidence || level === 'review' || !!sel.enable?.includes(t.meta.id)
    );
  });
}

/** Test-only transforms for the `slimify pr` tests (the real registry is still being written). */
import type { Finding, Transform } from '../../../src/engine/types.js';

function replaceAll(
  id: string,
  from: RegExp,
  to: string,
  bytes: number,
  tier: 'safe' | 'review',
  message: string,
): Transform {
  return {
    meta: { id, title: id, tier, category: 'layer', description: message, docs: `transforms/${id}/README.md` },
    run(doc) {
      const out: Finding[] = [];
      for (const m of doc.text.matchAll(from)) {
        const start = m.index!;
        const end = start + m[0].length;
        out.push({
          transform: id,
          code: id,
          message,
          span: { start, end },
          edits: [{ start, end, text: to }],
          estimate: { bytes, basis: 'heuristic', note: 'test estimate' },
        });
      }
      return out;
    },
  };
}

/** Safe: `apt-get install -y pkg` → `apt-get install -y --no-install-recommends pkg`. */
export const noRecommends = replaceAll(
  'test-no-recommends',
  /apt-get install -y (?!--no-install-recommends)/g,
  'apt-get install -y --no-install-recommends ',
  50_000_000,
  'safe',
  'Recommended packages are not needed at run time | skip them.',
);

/** Review tier: `pip install x` → `pip install --no-cache-dir x`. */
export const pipNoCache = replaceAll(
  'test-pip-no-cache',
  /pip install (?!--no-cache-dir)/g,
  'pip install --no-cache-dir ',
  12_500_000,
  'review',
  'The pip cache stays in the layer.',
);

export const testTransforms = [noRecommends, pipNoCache];

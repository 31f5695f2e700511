/**
 * Headline rewrites that did not run with the current options but would apply: run each such
 * transform alone on the result (pure, one pass, nothing applied) and say how to turn it on.
 */
import type { SlimifyOptions, SlimifyResult } from '../index.js';
import { parsedOutput } from '../api/slimify.js';
import { firstSentence } from '../text/first-sentence.js';
import { loadCatalog } from '../catalog/load.js';
import type { Transform } from '../engine/types.js';
import { parseDockerfile } from '../parse/document.js';
import { HEADLINE_TRANSFORMS } from '../report/text.js';

export function notRunNotes(
  result: SlimifyResult,
  options: SlimifyOptions,
  all: readonly Transform[],
  selected: readonly Transform[],
): string[] {
  if (result.status === 'error') return [];
  const idle = all.filter(
    (t) => HEADLINE_TRANSFORMS.has(t.meta.id) && !selected.includes(t) && !options.skip?.includes(t.meta.id),
  );
  if (!idle.length) return [];
  const notes: string[] = [];
  try {
    // slimifySync already parsed the output (its last pass found nothing more to do): reuse that.
    const doc = parsedOutput(result) ?? parseDockerfile(result.output);
    const catalog = options.catalog ?? loadCatalog();
    for (const t of idle) {
      const findings = t.run(doc, {
        options: options.transformOptions?.[t.meta.id] ?? {},
        target: options.target ?? 'slim',
        catalog,
      });
      const would = findings.filter((f) => f.edits?.length && !f.skipped);
      if (!would.length) continue;
      const how = options.only?.length ? `add it to --only` : `add --level review or --enable ${t.meta.id}`;
      notes.push(
        `${t.meta.id} (${t.meta.tier} tier, not run): would apply here: ${firstSentence(would[0].message)}; ${how}`,
      );
    }
  } catch {
    /* a probe that fails says nothing */
  }
  return notes;
}

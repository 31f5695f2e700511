/** split-runtime-stage: keeps the toolchain in a build stage and ships only the built artifact on a small runtime image. */
import type { Context, FindingDraft, Span, Transform } from '../../src/engine/types.js';
import type { SourceDockerfile } from '../../src/parse/document.js';
import { ID } from './ecosystem.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import { ecosystemOf, planFor, rebaseFor } from './ecosystems/index.js';
import { render, renderStatic, UNPROVEN } from './render.js';
import { readStage } from './stage-facts.js';

const transform: Transform = {
  meta: {
    id: ID,
    title: 'Split the build and the runtime into two stages',
    tier: 'review',
    // Splits the build context proves run at the safe level (goEvidence, pythonEvidence, nodeEvidence, javaEvidence).
    safeWithEvidence: true,
    category: 'stage',
    description:
      'Keeps Go, Node, Python, Java and Rust toolchains in a build stage and ships only the artifact on a small runtime image.',
    docs: 'transforms/split-runtime-stage/README.md',
  },
  run(doc, ctx) {
    // A rewrite without its own evidence says why it needs the review tier.
    return split(doc, ctx).map((f) =>
      f.edits?.length && !f.tier && !f.tierReason ? { ...f, tierReason: UNPROVEN } : f,
    );
  },
};
export default transform;

/** The split's findings for the final stage, before the tier reasons are filled in. */
function split(doc: SourceDockerfile, ctx: Context): FindingDraft[] {
  const stage = doc.stages[doc.stages.length - 1];
  if (!stage?.image?.parsed) return [];
  const facts = readStage(doc, stage);
  const eco = ecosystemOf(facts);
  if (!eco) return [];
  const last = stage.instructions[stage.instructions.length - 1];
  const span: Span = { start: stage.from.span.start, end: last.span.end };
  const skipped = (code: NonNullable<FindingDraft['skipped']>['code'], detail: string): FindingDraft[] => [
    skipFinding({ code: 'split-skipped' }, span, code, detail, `Not split into build and runtime stages: ${detail}.`),
  ];
  if (doc.template) return skipped('template', 'the file is a template with %%PLACEHOLDERS%%');
  if (stage.windows || stage.shell !== 'posix')
    return skipped('non-posix-shell', 'the stage does not use a POSIX shell');
  if (stage.instructions.some((i) => i.keyword === 'ONBUILD' || i.keyword === 'SHELL'))
    return skipped('onbuild', 'the stage has ONBUILD or SHELL instructions');
  if (stage.image.parsed.digest)
    return skipped('digest', 'the build image is pinned by digest; the runtime image would not be');
  if (stage.image.variables.length && eco.id !== 'go')
    return skipped(
      'variable',
      `the build image ${stage.image.raw} uses a variable, so the matching runtime image cannot be fixed`,
    );
  // Multi-stage files whose final stage stays on a toolchain image but only runs an artifact copied from a build stage.
  const r = rebaseFor(eco, { doc, stage, facts, ctx, span });
  if (r) return 'skip' in r ? skipped(r.skip.code, r.skip.detail) : [r.finding];
  const result = planFor(eco, doc, facts, ctx);
  if (!result) return [];
  if ('skip' in result) {
    const f = skipped(result.skip.code, result.skip.detail)[0];
    if (result.skeleton) f.message += ' ' + result.skeleton;
    return [f];
  }
  if ('site' in result) return renderStatic(doc, stage, facts, result.site, ctx, span, skipped);
  return render(doc, stage, facts, result.plan, ctx, span, skipped);
}

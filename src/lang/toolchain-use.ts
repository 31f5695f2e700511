/**
 * Whether a toolchain (go, cargo) is used again after a RUN: by a later RUN of the stage (or of a
 * stage built on it), or by the image's CMD/ENTRYPOINT, in which case its caches are still needed.
 */
import type { InstructionNode, SourceDockerfile } from '../parse/document.js';
import type { SkipCode } from '../engine/types.js';
import { instructionText, instructionsUpTo } from './rule-kit.js';
import { laterInstructions } from '../parse/stage-history.js';

export function toolUsedLater(
  doc: SourceDockerfile,
  ins: InstructionNode,
  tool: string,
  uses: RegExp,
): { code: SkipCode; detail: string } | null {
  const later = laterInstructions(doc, ins);
  const again = later.find(
    (i) => (i.keyword === 'RUN' || i.keyword === 'ONBUILD') && uses.test(instructionText(doc, i)),
  );
  if (again) {
    return {
      code: 'uncertain',
      detail: `a later instruction (line ${doc.lines.lineAt(again.span.start) + 1}) uses ${tool} again; clearing the caches here would make it fetch and compile everything again`,
    };
  }
  const runtime = [...instructionsUpTo(doc, ins), ...later].filter(
    (i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT',
  );
  const word = new RegExp(`(^|[\\s"'/\\[])${tool}(["'\\s,\\]]|$)`);
  const rt = runtime.find((i) => word.test(doc.text.slice((i.argsSpan ?? i.span).start, i.span.end)));
  if (rt)
    return {
      code: 'needs-toolchain',
      detail: `the image runs ${tool} at start-up (${rt.keyword}); it would need the caches`,
    };
  return null;
}

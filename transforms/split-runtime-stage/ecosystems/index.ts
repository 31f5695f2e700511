/** The ecosystems of the split transform, and the checks every one-stage plan shares. */
import type { StageFacts } from '../stage-facts.js';
import type { Ecosystem, PlanResult, RebaseInput } from '../ecosystem.js';
import { isScript, skip } from '../plan-helpers.js';
import type { Context } from '../../../src/engine/types.js';
import type { SourceDockerfile } from '../../../src/parse/document.js';
import go from './go.js';
import node from './node.js';
import python from './python.js';
import java from './java.js';
import rust from './rust.js';
import dotnet from './dotnet.js';

export const ECOSYSTEMS: readonly Ecosystem[] = [go, node, python, java, rust, dotnet];

/** The ecosystem whose toolchain image the stage is on, or null. */
export function ecosystemOf(facts: StageFacts): Ecosystem | null {
  const img = facts.stage.image;
  if (!img?.parsed) return null;
  const repo = img.official ?? `${img.parsed.registry ?? ''}/${img.parsed.path}`;
  return ECOSYSTEMS.find((e) => e.owns(repo, img.parsed!.tag)) ?? null;
}

/** The multi-stage rebase of the ecosystem, null when it has none or it does not apply. */
export function rebaseFor(eco: Ecosystem, input: RebaseInput) {
  return eco.rebaseFinal?.(input) ?? null;
}

/** The one-stage plan: shared checks on the stage and its start command, then the ecosystem's own plan. */
export function planFor(eco: Ecosystem, doc: SourceDockerfile, facts: StageFacts, ctx: Context): PlanResult {
  const argv = facts.argv;
  if (facts.opaqueRuns.length) {
    const r = facts.opaqueRuns[0];
    const code = r.run?.form === 'heredoc' ? 'heredoc' : r.run?.form === 'exec' ? 'exec-form' : 'unparsable-shell';
    return skip(
      code,
      `a RUN of this stage cannot be read (${r.run?.form ?? 'shell'} form, line ${doc.lines.lineAt(r.span.start) + 1}); the build steps are not known`,
    );
  }
  if (!facts.entrypoint && !facts.cmd)
    return skip('uncertain', 'the stage sets no CMD or ENTRYPOINT: the program it runs comes from the base image');
  if (!argv || !argv.length)
    return skip(
      'uncertain',
      'the start command is not one plain command with static words (it needs a shell or expands variables)',
    );
  if (isScript(argv))
    return skip(
      'needs-toolchain',
      `the container starts \`${argv.join(' ')}\`, a script or process manager that may need the toolchain or a shell at run time`,
    );
  return eco.plan({ doc, facts, ctx, argv, tag: facts.stage.image!.parsed!.tag });
}

/** Helpers of the multi-stage rebases: what a final stage copies from build stages, and which RUN may need the old image. */
import { posix } from 'node:path';
import type { InstructionNode, SourceDockerfile, Stage } from '../../src/parse/document.js';
import type { RebaseResult } from './ecosystem.js';
import type { StageFacts } from './stage-facts.js';

/** Commands a RUN of a final Java/.NET stage may use that every JRE/.NET runtime image has (coreutils, shadow's useradd). */
const JRE_SAFE = new Set([
  'mkdir',
  'chmod',
  'chown',
  'chgrp',
  'ln',
  'touch',
  'rm',
  'cp',
  'mv',
  'echo',
  'true',
  'useradd',
  'groupadd',
]);

export interface Copied {
  ins: InstructionNode;
  from: Stage;
  /** Absolute paths the copy creates in this stage, with the source path each comes from. */
  targets: { path: string; source: string }[];
}

/** `COPY --from=<stage>` instructions of the stage (not images), with the paths they create. */
export function stageCopies(doc: SourceDockerfile, facts: StageFacts): Copied[] | null {
  const out: Copied[] = [];
  for (const [i, ins] of facts.stage.instructions.entries()) {
    if (ins.keyword !== 'COPY') continue;
    const from = ins.flags.find((f) => f.name === 'from')?.value;
    if (!from) continue;
    const st = /^\d+$/.test(from)
      ? doc.stages[Number(from)]
      : doc.stages.find((s) => s.name?.toLowerCase() === from.toLowerCase());
    if (!st || st === facts.stage) continue; // an image, not a stage
    if (ins.json) return null;
    const words = ins.args.map((a) => a.value);
    if (words.length < 2 || words.some((w) => /[$*?[]/.test(w))) return null;
    const rawDest = words[words.length - 1];
    const cwd = facts.workdirBefore[i];
    const dest = rawDest.startsWith('/') ? posix.normalize(rawDest) : cwd === null ? null : posix.join(cwd, rawDest);
    if (dest === null) return null;
    const sources = words.slice(0, -1);
    const targets = sources.flatMap((s) => {
      const asDir = posix.join(dest, posix.basename(s));
      // `COPY a /dest` is a file when /dest is not a folder, a file in it when it is: both are possible.
      return rawDest.endsWith('/') || sources.length > 1
        ? [{ path: asDir, source: s }]
        : [
            { path: dest, source: s },
            { path: asDir, source: s },
          ];
    });
    out.push({ ins, from: st, targets });
  }
  return out;
}

/**
 * The first RUN of the final stage that might need something only the old (toolchain) image has:
 * not plain shell, unparsable, with mounts, or running a command outside coreutils/useradd.
 */
export function runNeedingOldImage(stage: Stage, facts: StageFacts): InstructionNode | undefined {
  return stage.instructions.find(
    (r) =>
      r.keyword === 'RUN' &&
      (!r.run?.shell ||
        r.run.shell.script.hasErrors ||
        r.run.mounts.length > 0 ||
        facts.commands.some((c) => c.ins === r && !JRE_SAFE.has(c.name))),
  );
}

export function stageFromCopies(facts: StageFacts): boolean {
  return facts.stage.instructions.some((i) => i.keyword === 'COPY' && i.flags.some((f) => f.name === 'from'));
}

/** The skip of a rebase whose COPY --from cannot be read. */
export function unreadableCopy(): RebaseResult {
  return {
    skip: {
      code: 'uncertain',
      detail: 'a COPY --from of this stage uses JSON form, wildcards or a variable, so what it copies is not known',
    },
  };
}

/** Whether RUN commands of a stage run with errexit on because of the stage's SHELL (`["/bin/bash", "-e", "-c"]`). */
import type { InstructionNode, SourceDockerfile } from './document.js';

/**
 * Looks for the last SHELL before `ins` in its stage and the stages it is built on.
 * Returns true when that SHELL passes `-e`/`-o errexit` (or cannot be read), false when there is
 * no SHELL (the default `/bin/sh -c` has errexit off) or it does not.
 */
export function stageErrexit(doc: SourceDockerfile, ins: InstructionNode): boolean {
  const chain = doc.stages[ins.stage]?.chain ?? [];
  for (let k = chain.length - 1; k >= 0; k--) {
    const before = k === chain.length - 1 ? ins.index : Infinity;
    const shells = doc.stages[chain[k]].instructions.filter((i) => i.keyword === 'SHELL' && i.index < before);
    const last = shells[shells.length - 1];
    if (last) return shellHasErrexit(last.execArgv);
  }
  return false;
}

/** `args`: the SHELL's exec-form argv, or null when it cannot be read (then assume errexit may be on). */
function shellHasErrexit(args: string[] | null): boolean {
  if (!args) return true;
  const flags = args.slice(1);
  return flags.some((f, i) => /^-[a-zA-Z]*e/.test(f) || (/^-[a-zA-Z]*o$/.test(f) && flags[i + 1] === 'errexit'));
}

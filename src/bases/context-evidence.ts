/**
 * What the build context says about the dependency installs a base switch cannot see
 * (StageUse.hidden): proven to need no compiler, proven to compile, or not judged (and why).
 */
import type { InstallEvidence, StageContextFacts } from '../context/facts.js';
import type { StageUse } from './stage-use.js';

export interface HiddenJudgement {
  /** Installs the context proves need no compiler, with what that rests on. */
  proven: { install: string; basis: string }[];
  /** Packages that compile, as `name@version (why)` from `command`. */
  native: { install: string; packages: string[] }[];
  /** Hidden installs the context does not decide, with the missing evidence. */
  open: { install: string; missing: string }[];
}

function describe(e: InstallEvidence): string[] {
  return e.native.map((n) => `${n.name}${n.version ? '@' + n.version : ''} (${n.why})`);
}

/** Judges every hidden install of the stage family from the facts; null when there is no build context. */
export function judgeHidden(use: StageUse, facts: StageContextFacts[] | null | undefined): HiddenJudgement | null {
  if (!facts) return null;
  // A stage's facts include the installs of the stages it is built on: count each RUN once.
  const seen = new Set<string>();
  const installs: InstallEvidence[] = [];
  for (const s of use.stages)
    for (const e of facts[s.index]?.installs ?? []) {
      const key = `${e.instruction}:${e.command}`;
      if (seen.has(key)) continue;
      seen.add(key);
      installs.push(e);
    }
  const out: HiddenJudgement = { proven: [], native: [], open: [] };
  for (const h of use.hidden) {
    const matching = installs.filter((e) => h === e.command || h.startsWith(e.command + ' '));
    if (!matching.length) {
      out.open.push({ install: h, missing: 'slimify cannot judge it from the build context' });
      continue;
    }
    const native = matching.flatMap(describe);
    if (native.length) {
      out.native.push({ install: h, packages: [...new Set(native)] });
      continue;
    }
    const undecided = matching.find((e) => e.unknown !== null || e.git.length > 0);
    if (undecided) {
      out.open.push({
        install: h,
        missing: undecided.unknown ?? `it fetches ${undecided.git.join(', ')} with git, which the slim image lacks`,
      });
      continue;
    }
    out.proven.push({ install: h, basis: [...new Set(matching.map((e) => e.basis))].join('; ') });
  }
  return out;
}

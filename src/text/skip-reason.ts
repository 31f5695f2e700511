/**
 * Why a transform (or an edit helper) saw something but made no edit. Typed so reports can group them.
 * Part of the transform contract (`src/engine/types.ts` re-exports it); it lives in the leaf layer because
 * parse (windows-signals) and the edit helpers below the engine return it too.
 */

export type SkipCode =
  | 'variable' // an unresolvable ${VAR} in the part we would rewrite
  | 'digest' // the reference is pinned by digest
  | 'heredoc' // a heredoc body the rule does not understand
  | 'exec-form' // JSON-form RUN
  | 'non-posix-shell' // PowerShell / cmd stage
  | 'unparsable-shell' // the shell parser reported errors in the RUN body
  | 'template' // %%PLACEHOLDER%% style template
  | 'cache-mount' // a BuildKit cache mount serves this cache
  | 'ignored' // a slimify-ignore comment
  | 'unknown-image' // not in the catalog
  | 'no-target' // no smaller variant exists
  | 'needs-toolchain' // the stage needs something only the fat image has
  | 'builder-stage' // output is copied elsewhere; size does not count
  | 'uncertain' // the rule cannot prove the rewrite is safe
  | 'onbuild'
  | 'unverified' // --verify: a real build, smoke test or size check disproved it
  | 'no-saving' // the edit would save no byte in a shipped image and removes no hazard
  | 'other';

export interface SkipReason {
  code: SkipCode;
  detail: string;
}

/**
 * The one way a rule says "seen, not changed": a finding with no edits and a typed reason,
 * so reports can group skips by code. Every rule kit builds its skip findings here.
 */
import type { FindingDraft, SkipCode } from './types.js';
import type { Span } from '../text/span.js';

/** The finding code (and hadolint rule, when one corresponds) a skip is reported under. */
export interface SkipRule {
  code: string;
  hadolint?: string;
}

/**
 * A skip finding for `span`. The message defaults to `Left as is: <detail>`; `extra` adds fields
 * such as an estimate of what the rewrite would have saved.
 */
export function skipFinding(
  rule: SkipRule,
  span: Span,
  code: SkipCode,
  detail: string,
  message?: string,
  extra: Partial<Pick<FindingDraft, 'estimate' | 'warnings'>> = {},
): FindingDraft {
  return {
    code: rule.code,
    message: message ?? `Left as is: ${detail}`,
    span,
    skipped: { code, detail },
    ...(rule.hadolint ? { hadolint: rule.hadolint } : {}),
    ...extra,
  };
}

/**
 * The branch a run writes to: `slimify/<scope>`. One branch per scope, so a scheduled run finds
 * and updates its own branch and pull request instead of opening a new one each time. The
 * default scope is `all` for a whole-repository run, else derived from the paths and --only ids.
 */
import { createHash } from 'node:crypto';

export const BRANCH_PREFIX = 'slimify/';

export class ScopeError extends Error {}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .replace(/\.lock$/, '-lock');
}

export function defaultScope(paths: readonly string[], only: readonly string[] = []): string {
  if (!paths.length && !only.length) return 'all';
  const parts = [...[...paths].sort(), ...(only.length ? ['only', ...[...only].sort()] : [])];
  const s = slug(parts.join('-'));
  if (s.length <= 40 && s) return s;
  const hash = createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 8);
  return `${s.slice(0, 31).replace(/[-.]+$/, '')}-${hash}`;
}

/** Validates a user-given scope; it becomes part of a branch name. */
export function checkScope(scope: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,79}$/.test(scope) || /\.\.|\/\/|\/$|\.lock(\/|$)|@\{/.test(scope)) {
    throw new ScopeError(
      `invalid --scope "${scope}": use letters, digits, '.', '_', '-' and '/' (it becomes the branch name slimify/<scope>)`,
    );
  }
  return scope;
}

export function branchFor(scope: string): string {
  return BRANCH_PREFIX + scope;
}

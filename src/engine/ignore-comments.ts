/**
 * Inline ignore comments, like eslint-disable:
 *   # slimify-ignore-file [id, ...]   anywhere: no findings for the whole file (or for those transforms)
 *   # slimify-ignore [id, ...]        the next instruction gets no findings (or none from those transforms)
 */
import type { SourceDockerfile } from '../parse/document.js';
import type { Finding } from './types.js';

export interface IgnoreRules {
  /** `true` = every transform; a set = those ids. */
  file: true | Set<string> | null;
  /** Per instruction index. */
  instructions: Map<number, true | Set<string>>;
}

const DIRECTIVE = /^slimify-ignore(-file)?(?:\s+(.*))?$/;

export function readIgnoreRules(doc: SourceDockerfile): IgnoreRules {
  const rules: IgnoreRules = { file: null, instructions: new Map() };
  for (const comment of doc.comments) {
    const m = DIRECTIVE.exec(comment.text.trim());
    if (!m) continue;
    const ids = m[2]?.split(/[\s,]+/).filter((s) => s && !s.startsWith('--')) ?? [];
    // Anything after `--` is a free-text reason, as in eslint.
    const scope: true | Set<string> = ids.length ? new Set(ids) : true;
    if (m[1]) {
      rules.file = merge(rules.file, scope);
      continue;
    }
    const next = doc.instructions.find((i) => i.span.start > comment.span.end);
    if (next) rules.instructions.set(next.index, merge(rules.instructions.get(next.index) ?? null, scope));
  }
  return rules;
}

function merge(a: true | Set<string> | null, b: true | Set<string>): true | Set<string> {
  if (a === true || b === true) return true;
  if (!a) return b;
  return new Set([...a, ...b]);
}

function covers(scope: true | Set<string> | null | undefined, id: string): boolean {
  return scope === true || (scope instanceof Set && scope.has(id));
}

/** True when a comment tells slimify to leave this finding alone. */
export function isIgnored(rules: IgnoreRules, doc: SourceDockerfile, finding: Finding): boolean {
  if (covers(rules.file, finding.transform)) return true;
  const touched = [finding.span, ...(finding.edits ?? []), ...(finding.lock ? [finding.lock] : [])];
  for (const [index, scope] of rules.instructions) {
    if (!covers(scope, finding.transform)) continue;
    const ins = doc.instructions[index];
    if (touched.some((s) => s.start <= ins.span.end && s.end >= ins.span.start)) return true;
  }
  return false;
}

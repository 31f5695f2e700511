/**
 * Inline ignore comments, like eslint-disable:
 *   # slimify-ignore-file [id, ...]   anywhere: no findings for the whole file (or for those transforms)
 *   # slimify-ignore [id, ...]        the next instruction gets no findings (or none from those transforms)
 *   # hadolint ignore=DL3059,DL3009   directly above an instruction: no finding of a transform that maps
 *                                     to one of those rules (Finding.hadolint) touches it
 *   # hadolint global ignore=DL3059   anywhere: those rules for the whole file
 */
import type { SourceDockerfile } from '../parse/document.js';
import type { Finding } from './types.js';

export interface IgnoreRules {
  /** `true` = every transform; a set = those ids. */
  file: true | Set<string> | null;
  /** Per instruction index. */
  instructions: Map<number, true | Set<string>>;
  /** hadolint rule ids silenced for the whole file (`# hadolint global ignore=`). */
  hadolintFile?: Set<string>;
  /** hadolint rule ids silenced per instruction index (`# hadolint ignore=` directly above it). */
  hadolint?: Map<number, Set<string>>;
}

const HADOLINT = /^hadolint\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9,\s]+)/;

function hadolintRules(text: string): { global: boolean; rules: string[] } | null {
  const m = HADOLINT.exec(text.trim());
  if (!m) return null;
  return {
    global: !!m[1],
    rules: m[2]
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((r) => r.toUpperCase()),
  };
}

const DIRECTIVE = /^slimify-ignore(-file)?(?:\s+(.*))?$/;

export function readIgnoreRules(doc: SourceDockerfile): IgnoreRules {
  const rules: IgnoreRules = { file: null, instructions: new Map(), hadolintFile: new Set(), hadolint: new Map() };
  // At the top of the file, `# hadolint global ignore=…` parses as a parser directive: read its text.
  const texts = [
    ...doc.comments.map((c) => c.text),
    ...doc.directives.map((d) => doc.text.slice(d.span.start, d.span.end).replace(/^\s*#/, '')),
  ];
  for (const text of texts) {
    const h = hadolintRules(text);
    if (h?.global) for (const r of h.rules) rules.hadolintFile!.add(r);
  }
  for (const ins of doc.instructions) {
    for (const c of ins.leadingComments) {
      const h = hadolintRules(c.text);
      if (!h || h.global) continue;
      const set = rules.hadolint!.get(ins.index) ?? new Set<string>();
      for (const r of h.rules) set.add(r);
      rules.hadolint!.set(ins.index, set);
    }
  }
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
  const rule = finding.hadolint?.toUpperCase();
  if (rule && rules.hadolintFile?.has(rule)) return true;
  for (const [index, silenced] of rules.hadolint ?? []) {
    if (!rule || !silenced.has(rule)) continue;
    const ins = doc.instructions[index];
    if (touched.some((s) => s.start <= ins.span.end && s.end >= ins.span.start)) return true;
  }
  for (const [index, scope] of rules.instructions) {
    if (!covers(scope, finding.transform)) continue;
    const ins = doc.instructions[index];
    if (touched.some((s) => s.start <= ins.span.end && s.end >= ins.span.start)) return true;
  }
  return false;
}

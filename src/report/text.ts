/** Human summaries per file, for the terminal: one summary line, then what was left undone and why. */
import type { ReportedFinding } from '../index.js';
import type { FileResult } from './file-result.js';
import { formatBytes } from './bytes.js';

/** The rewrites users come for: when one of these is left undone, say why and how to get it. */
export const HEADLINE_TRANSFORMS: ReadonlySet<string> = new Set(['slim-base', 'alpine-base', 'split-runtime-stage']);

/** Estimated savings of applied findings, kept apart by kind: compressed and uncompressed sizes never add. */
export interface Savings {
  compressed: number;
  uncompressed: number;
}

export function savingsOf(findings: readonly ReportedFinding[]): Savings {
  const s: Savings = { compressed: 0, uncompressed: 0 };
  for (const f of findings) {
    if (!f.applied || !f.estimate?.bytes) continue;
    s[f.estimate.size === 'compressed' ? 'compressed' : 'uncompressed'] += f.estimate.bytes;
  }
  return s;
}

export function addSavings(a: Savings, b: Savings): Savings {
  return { compressed: a.compressed + b.compressed, uncompressed: a.uncompressed + b.uncompressed };
}

/** `31.5 MB<suffix> (uncompressed), 20.3 MB<suffix> (compressed pull size)`; '' when there is no estimate. */
export function formatSavings(s: Savings, suffix = ''): string {
  const parts: string[] = [];
  if (s.uncompressed) parts.push(`${formatBytes(s.uncompressed)}${suffix} (uncompressed)`);
  if (s.compressed) parts.push(`${formatBytes(s.compressed)}${suffix} (compressed pull size)`);
  return parts.join(', ');
}

const fileSavings = ({ result }: FileResult) =>
  result.status === 'changed' ? savingsOf(result.findings) : { compressed: 0, uncompressed: 0 };

export function summaryLine(r: FileResult): string {
  const { path, result } = r;
  if (result.status === 'error') return `${path}: error: ${result.error}`;
  const applied = result.findings.filter((f) => f.applied);
  const skipped = result.findings.filter((f) => f.skipped);
  const listed = skipped.filter((f) => HEADLINE_TRANSFORMS.has(f.transform)).length;
  const skipNote = skipped.length
    ? `, ${skipped.length} left alone${listed < skipped.length ? ' (all reasons: --format json or markdown)' : ''}`
    : '';
  if (result.status === 'unchanged') return `${path}: nothing to change${skipNote}`;
  const ids = [...new Set(applied.map((f) => f.transform))].join(', ');
  const savings = formatSavings(fileSavings(r), ' smaller');
  return `${path}: ${applied.length} change(s) [${ids}]${savings ? `, est. ${savings}` : ''}${skipNote}`;
}

/** How to get a skipped headline rewrite, when the reason itself does not say. */
function howTo(f: ReportedFinding): string {
  const detail = f.skipped!.detail;
  if (/\b(set|use|add|with) (transforms\.|--)/.test(detail)) return '';
  switch (f.skipped!.code) {
    case 'ignored':
      return ' (remove the slimify-ignore comment to allow it)';
    case 'variable':
      return ' (give the variable a default value in an ARG before the FROM)';
    case 'digest':
      return ' (a digest pin is kept as it is)';
    default:
      return '';
  }
}

/**
 * One line per skipped headline rewrite (with the reason and how to get it), per note the
 * caller adds (a review-tier rewrite that would apply), and per warning of an applied finding
 * (what to check for a working image). Indented, to print under the summary line.
 */
export function detailLines({ result, notes }: FileResult): string[] {
  if (result.status === 'error') return [];
  const lines: string[] = [];
  // A stage another headline rewrite handled (split after slim-base found no slim variant) is not left undone.
  const done = new Set(
    result.findings.filter((f) => f.applied && HEADLINE_TRANSFORMS.has(f.transform)).map((f) => f.line),
  );
  for (const f of result.findings) {
    if (f.skipped && HEADLINE_TRANSFORMS.has(f.transform) && !(result.status === 'changed' && done.has(f.line)))
      lines.push(`  left undone: ${f.transform} (line ${f.line}): ${f.skipped.detail}${howTo(f)}`);
  }
  for (const n of notes ?? []) lines.push(`  left undone: ${n}`);
  if (result.status === 'changed') {
    for (const f of result.findings)
      if (f.applied) for (const w of f.warnings ?? []) lines.push(`  warning: ${f.transform} (line ${f.line}): ${w}`);
  }
  return lines;
}

/** What the totals line needs: counts and summed savings, kept as files finish (no file texts). */
export interface Totals {
  files: number;
  changed: number;
  errors: number;
  savings: Savings;
}

export function emptyTotals(): Totals {
  return { files: 0, changed: 0, errors: 0, savings: { compressed: 0, uncompressed: 0 } };
}

/** Counts one more file into `totals` (in file order, so the sums are the same as over the whole list). */
export function countFile(totals: Totals, r: FileResult): void {
  totals.files++;
  if (r.result.status === 'error') totals.errors++;
  if (r.result.status !== 'changed') return;
  totals.changed++;
  totals.savings = addSavings(totals.savings, fileSavings(r));
}

export function formatTotals(t: Totals, mode: 'diff' | 'write' | 'check' = 'diff'): string {
  const savings = formatSavings(t.savings, mode === 'check' ? ' to save' : ' saved');
  const parts = [`${t.files} file(s)`, `${t.changed} ${mode === 'check' ? 'would change' : 'changed'}`];
  if (t.errors) parts.push(`${t.errors} error(s)`);
  if (savings) parts.push(`est. ${savings}`);
  return parts.join(', ');
}

export function totalsLine(results: FileResult[], mode: 'diff' | 'write' | 'check' = 'diff'): string {
  const totals = emptyTotals();
  for (const r of results) countFile(totals, r);
  return formatTotals(totals, mode);
}

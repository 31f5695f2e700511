/** One-line human summaries per file, for the terminal. */
import type { FileResult } from './file-result.js';
import { formatBytes } from './bytes.js';

export function summaryLine({ path, result }: FileResult): string {
  if (result.status === 'error') return `${path}: error: ${result.error}`;
  const applied = result.findings.filter((f) => f.applied);
  const skipped = result.findings.filter((f) => f.skipped).length;
  const skipNote = skipped ? `, ${skipped} left alone (see --format json)` : '';
  if (result.status === 'unchanged') return `${path}: nothing to change${skipNote}`;
  const ids = [...new Set(applied.map((f) => f.transform))].join(', ');
  const saving = result.estimatedBytes ? `, est. ${formatBytes(result.estimatedBytes)} smaller` : '';
  return `${path}: ${applied.length} change(s) [${ids}]${saving}${skipNote}`;
}

/**
 * The summary line followed by the warnings of the applied findings, one indented line each: what the
 * rewrite needs a person to check for the image to keep working (user, runtime image, tools it lacks).
 */
export function summaryWithWarnings(r: FileResult): string {
  const lines = [summaryLine(r)];
  if (r.result.status === 'changed')
    for (const f of r.result.findings.filter((x) => x.applied))
      for (const w of f.warnings ?? []) lines.push(`  warning: line ${f.line} [${f.transform}]: ${w}`);
  return lines.join('\n');
}

export function totalsLine(results: FileResult[]): string {
  const changed = results.filter((r) => r.result.status === 'changed');
  const errors = results.filter((r) => r.result.status === 'error').length;
  const bytes = changed.reduce((s, r) => s + r.result.estimatedBytes, 0);
  const parts = [`${results.length} file(s)`, `${changed.length} changed`];
  if (errors) parts.push(`${errors} error(s)`);
  if (bytes) parts.push(`est. ${formatBytes(bytes)} saved`);
  return parts.join(', ');
}

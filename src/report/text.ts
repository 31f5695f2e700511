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

export function totalsLine(results: FileResult[]): string {
  const changed = results.filter((r) => r.result.status === 'changed');
  const errors = results.filter((r) => r.result.status === 'error').length;
  const bytes = changed.reduce((s, r) => s + r.result.estimatedBytes, 0);
  const parts = [`${results.length} file(s)`, `${changed.length} changed`];
  if (errors) parts.push(`${errors} error(s)`);
  if (bytes) parts.push(`est. ${formatBytes(bytes)} saved`);
  return parts.join(', ');
}

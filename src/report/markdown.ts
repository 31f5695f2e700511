/** The Markdown summary (`--format markdown`): a table fit for a pull-request body. */
import type { FileResult } from './file-result.js';
import { formatBytes } from './bytes.js';
import { addSavings, detailLines, formatSavings, savingsOf } from './text.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function toMarkdown(results: FileResult[]): string {
  const changed = results.filter((r) => r.result.status === 'changed');
  const errors = results.filter((r) => r.result.status === 'error');
  const total = formatSavings(
    changed.map((r) => savingsOf(r.result.findings)).reduce(addSavings, { compressed: 0, uncompressed: 0 }),
  );
  const lines: string[] = ['## slimify', ''];
  if (!changed.length) lines.push(`No changes: ${results.length} Dockerfile(s) checked.`);
  else {
    lines.push(
      `${changed.length} of ${results.length} Dockerfile(s) can be slimmed${total ? `; estimated saving **${total}**` : ''}.`,
      '',
    );
    lines.push('| File | Line | Transform | Change | Est. saving |', '| --- | ---: | --- | --- | ---: |');
    for (const { path, result } of changed) {
      for (const f of result.findings.filter((x) => x.applied)) {
        const tier = f.tier === 'review' ? ' ⚠️ review' : '';
        const saving =
          f.estimate?.bytes != null
            ? `${formatBytes(f.estimate.bytes)} ${f.estimate.size === 'compressed' ? 'compressed' : 'uncompressed'}`
            : '–';
        lines.push(`| \`${cell(path)}\` | ${f.line} | \`${f.transform}\`${tier} | ${cell(f.message)} | ${saving} |`);
      }
    }
  }
  const undone = results.flatMap((r) => detailLines(r).map((l) => ({ path: r.path, line: l.trim() })));
  if (undone.length) {
    lines.push('', '### Left undone and warnings', '');
    for (const u of undone) lines.push(`- \`${cell(u.path)}\`: ${cell(u.line)}`);
  }
  const skipped = results.flatMap(({ path, result }) =>
    result.findings.filter((f) => f.skipped).map((f) => ({ path, f })),
  );
  if (skipped.length) {
    lines.push(
      '',
      `<details><summary>${skipped.length} finding(s) left alone</summary>`,
      '',
      '| File | Line | Transform | Why |',
      '| --- | ---: | --- | --- |',
    );
    for (const { path, f } of skipped)
      lines.push(`| \`${cell(path)}\` | ${f.line} | \`${f.transform}\` | ${cell(f.skipped!.detail)} |`);
    lines.push('', '</details>');
  }
  if (errors.length) {
    lines.push('', '### Errors', '');
    for (const { path, result } of errors) lines.push(`- \`${path}\`: ${cell(result.error ?? 'unknown error')}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * What every rewrite must prove before it is shown or written (Prettier's second pass,
 * Renovate's replace/re-extract/confirm): the output parses, RUN bodies gained no shell errors,
 * line endings, final newline, escape character, parser directives and comments are kept,
 * and image references that the rewrite introduced exist in the catalog.
 */
import type { SourceDockerfile } from '../parse/document.js';
import type { Catalog } from '../catalog/catalog.js';
import { repositoryName } from '../parse/image-ref.js';

export function checkPostconditions(before: SourceDockerfile, after: SourceDockerfile, catalog: Catalog): string[] {
  const problems: string[] = [];
  if (after.instructions.length === 0 && before.instructions.length > 0)
    problems.push('the output has no instructions');
  if (before.finalNewline !== after.finalNewline) problems.push('the final newline changed');
  if (before.escapeChar !== after.escapeChar) problems.push('the escape character changed');
  const crlfBefore = countCrlf(before.text);
  const crlfAfter = countCrlf(after.text);
  if (crlfBefore.crlf === 0 && crlfAfter.crlf > 0) problems.push('CRLF line endings appeared in an LF file');
  if (crlfBefore.lf === 0 && crlfBefore.crlf > 0 && crlfAfter.lf > 0)
    problems.push('LF line endings appeared in a CRLF file');
  // A lone CR is a line ending too (old Mac files): none may appear, and a CR-only file stays CR-only.
  if (crlfBefore.cr === 0 && crlfAfter.cr > 0) problems.push('CR line endings appeared in a file without them');
  if (crlfBefore.cr > 0 && crlfBefore.lf === 0 && crlfBefore.crlf === 0 && crlfAfter.lf + crlfAfter.crlf > 0)
    problems.push('LF line endings appeared in a CR file');
  const dirs = (d: SourceDockerfile) => d.directives.map((x) => `${x.name.toLowerCase()}=${x.value}`).join('\n');
  if (dirs(before) !== dirs(after)) problems.push('parser directives changed');

  const remaining = new Map<string, number>();
  for (const c of after.comments) remaining.set(c.text.trim(), (remaining.get(c.text.trim()) ?? 0) + 1);
  for (const c of before.comments) {
    const key = c.text.trim();
    const n = remaining.get(key) ?? 0;
    if (n === 0) {
      problems.push(`a comment was lost: # ${key}`);
      break;
    }
    remaining.set(key, n - 1);
  }

  const brokenBefore = new Set(shellErrorBodies(before));
  for (const body of shellErrorBodies(after)) {
    if (!brokenBefore.has(body)) {
      problems.push(`a RUN body no longer parses as shell: ${body.slice(0, 80)}`);
      break;
    }
  }

  const refsBefore = new Set(before.stages.map((s) => s.image?.resolved).filter(Boolean));
  for (const stage of after.stages) {
    const img = stage.image;
    if (!img?.resolved || !img.parsed || refsBefore.has(img.resolved)) continue;
    if (img.parsed.digest) continue;
    const repo = img.official ?? repositoryName(img.parsed);
    const status = catalog.tagStatus(repo, img.parsed.tag ?? 'latest');
    if (status === 'never' || status === 'unknown-image')
      problems.push(`the rewrite introduced ${img.resolved}, which the catalog does not list`);
  }
  return problems;
}

function countCrlf(text: string): { crlf: number; lf: number; cr: number } {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  return { crlf, lf: (text.match(/\n/g) ?? []).length - crlf, cr: (text.match(/\r(?!\n)/g) ?? []).length };
}

function shellErrorBodies(doc: SourceDockerfile): string[] {
  const out: string[] = [];
  for (const ins of doc.instructions) if (ins.run?.shell?.script.hasErrors) out.push(ins.run.shell.text);
  return out;
}

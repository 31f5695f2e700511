/**
 * Removes one item of a RUN's top-level command chain together with the operator that joins it
 * (`a && b && c` -> `a && c`), keeping the layout of the remaining lines. Refuses when that would
 * change what runs (`||` joins) or delete a comment line.
 */
import type { Edit } from '../text/edits.js';
import type { ShellBody, SourceDockerfile } from '../parse/document.js';

export function removeChainItem(doc: SourceDockerfile, body: ShellBody, index: number): Edit | null {
  const chain = body.script.chain;
  if (chain.length < 2 || index < 0 || index >= chain.length) return null;
  const item = chain[index];
  const next = chain[index + 1];
  if (item.opBefore === '||' || item.opBefore === '&' || next?.opBefore === '||' || next?.opBefore === '&') return null;
  let start: number;
  let end: number;
  if (index === 0) {
    start = body.toFile[item.span.start];
    end = body.toFile[next.span.start];
  } else {
    start = body.toFile[chain[index - 1].span.end - 1] + 1;
    end = body.toFile[item.span.end - 1] + 1;
  }
  if (doc.comments.some((c) => c.span.start >= start && c.span.start < end)) return null;
  return { start, end, text: '' };
}

/**
 * Adds a command right after a top-level item of a RUN's command list (`a && NEW && b`), joined
 * with the operator that keeps the RUN's success and `set -e` behaviour, in the file's own style.
 */
import type { InstructionNode, ShellBody, SourceDockerfile } from '../parse/document.js';
import type { Edit } from '../text/edits.js';
import { lineContinuation } from './style.js';

export type ChainInsertResult = { edit: Edit } | { reason: string };

/**
 * The edit that runs `commandText` after chain item `chainIndex` of `body`.
 * - followed by `&&` or last: ` && NEW` (NEW only runs when the item succeeded; a failure still fails the RUN);
 * - followed by `;`: `; NEW` (under `set -e` a failing item must still stop the script, which `a && NEW; b` would not);
 * - followed by `||`, a newline or `&`: no edit (the new command would change which branch runs).
 * When the list puts `&&` at the start of continuation lines, the new command gets its own line.
 */
export function insertAfterChainItem(
  doc: SourceDockerfile,
  ins: InstructionNode,
  body: ShellBody,
  chainIndex: number,
  commandText: string,
): ChainInsertResult {
  const chain = body.script.chain;
  const item = chain[chainIndex];
  if (!item) return { reason: 'no such command list item' };
  if (body.script.commands.some((c) => c.chainIndex === chainIndex && c.context.background)) {
    return { reason: 'the command runs in the background (&)' };
  }
  const next = chain[chainIndex + 1];
  let op: '&&' | ';';
  if (!next || next.opBefore === '&&') op = '&&';
  else if (next.opBefore === ';') op = ';';
  else
    return {
      reason: `the command is followed by \`${next.opBefore === '\n' ? 'a newline' : next.opBefore}\`; a command added after it could change which branch runs`,
    };

  const at = body.fileSpan(item.span.start, item.span.end).end;
  const text = doc.text;
  const esc = doc.escapeChar;
  const lineEnd = (from: number) => {
    const m = /[\r\n]/.exec(text.slice(from));
    return m ? from + m.index : text.length;
  };
  const restOfLine = text.slice(at, lineEnd(at));
  const endsLine = new RegExp(`^[ \\t]*${escapeRe(esc)}[ \\t]*$`).test(restOfLine);
  if (op === '&&' && next && endsLine) {
    // `a \` / `    && b`: put `&& NEW` on a line of its own when the next line starts with the operator.
    const nextStart = doc.lines.starts[doc.lines.lineAt(at) + 1];
    const nextLine = nextStart === undefined ? '' : text.slice(nextStart, lineEnd(nextStart));
    const m = /^([ \t]*)&&/.exec(nextLine);
    if (m) return { edit: { start: at, end: at, text: `${lineContinuation(doc, m[1])}&& ${commandText}` } };
  }
  if (op === '&&' && !next && item.opBefore === '&&' && doc.lines.lineAt(at) > doc.lines.lineAt(ins.span.start)) {
    // Last item on a line that starts with `&&`: continue the same layout.
    const line = doc.lines.lineAt(body.fileSpan(item.span.start, item.span.start + 1).start);
    const lineText = doc.lines.lineText(line);
    const itemCol = body.fileSpan(item.span.start, item.span.start + 1).start - doc.lines.starts[line];
    const m = /^([ \t]*)&&[ \t]*$/.exec(lineText.slice(0, itemCol));
    if (m) return { edit: { start: at, end: at, text: `${lineContinuation(doc, m[1])}&& ${commandText}` } };
  }
  return { edit: { start: at, end: at, text: op === '&&' ? ` && ${commandText}` : `; ${commandText}` } };
}

function escapeRe(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

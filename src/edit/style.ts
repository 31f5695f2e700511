/**
 * The file's own style, so new text looks like the user wrote it: line break, escape character,
 * indentation of continuation lines.
 */
import type { InstructionNode, SourceDockerfile } from '../parse/document.js';

/**
 * The indentation used on continuation lines of this instruction (the second line's leading
 * white space); when the instruction has one line, the most common continuation indentation of
 * the file; else four spaces.
 */
export function continuationIndent(doc: SourceDockerfile, ins?: InstructionNode): string {
  if (ins) {
    const first = doc.lines.lineAt(ins.span.start);
    const last = doc.lines.lineAt(ins.span.end);
    for (let line = first + 1; line <= last; line++) {
      const m = /^[ \t]*/.exec(doc.lines.lineText(line))![0];
      const rest = doc.lines.lineText(line).slice(m.length);
      if (rest && !rest.startsWith('#')) return m;
    }
  }
  const counts = new Map<string, number>();
  for (const other of doc.instructions) {
    const first = doc.lines.lineAt(other.span.start);
    const last = doc.lines.lineAt(other.span.end);
    if (last > first) {
      const m = /^[ \t]*/.exec(doc.lines.lineText(first + 1))![0];
      if (m) counts.set(m, (counts.get(m) ?? 0) + 1);
    }
  }
  let best = '    ';
  let bestCount = 0;
  for (const [indent, count] of counts) if (count > bestCount) [best, bestCount] = [indent, count];
  return best;
}

/** The text that ends a line and continues the instruction on the next: ` \` + EOL + indent. */
export function lineContinuation(doc: SourceDockerfile, indent: string): string {
  return ` ${doc.escapeChar}${doc.eol}${indent}`;
}

/** Leading white space of the line that contains `offset`. */
export function indentOfLine(doc: SourceDockerfile, offset: number): string {
  return /^[ \t]*/.exec(doc.lines.lineText(doc.lines.lineAt(offset)))![0];
}

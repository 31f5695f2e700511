/**
 * The shell text of a shell-form RUN as the shell will see it, and the map back to the file.
 * Docker removes `<escape><spaces>EOL` line continuations and, inside a continued instruction,
 * whole comment lines and empty lines (https://docs.docker.com/reference/dockerfile/#format);
 * nothing else is changed. `toFile[i]` is the file offset of logical character i, and
 * `toFile[length]` the offset just after the body, so a logical span maps to a file span.
 */
export interface LogicalText {
  text: string;
  toFile: number[];
}

export function logicalText(file: string, start: number, end: number, escapeChar: string): LogicalText {
  let text = '';
  const toFile: number[] = [];
  let i = start;
  let kept = start; // the characters from here to i are kept: added as one slice, not one by one
  while (i < end) {
    if (file[i] === escapeChar) {
      const after = continuationEnd(file, i + 1, end);
      if (after !== -1) {
        text += file.slice(kept, i);
        i = skipBlankAndCommentLines(file, after, end);
        kept = i;
        continue;
      }
    }
    toFile.push(i);
    i++;
  }
  text += file.slice(kept, end);
  toFile.push(end);
  return { text, toFile };
}

/** If only spaces/tabs follow up to a line break, returns the offset after the break, else -1. */
function continuationEnd(file: string, i: number, end: number): number {
  while (i < end && (file[i] === ' ' || file[i] === '\t')) i++;
  if (file[i] === '\r' && file[i + 1] === '\n') return i + 2;
  if (file[i] === '\n' || file[i] === '\r') return i + 1;
  return -1;
}

/** Skips lines that are empty or whose first non-blank character is `#` (removed by Docker). */
function skipBlankAndCommentLines(file: string, i: number, end: number): number {
  for (;;) {
    let j = i;
    while (j < end && (file[j] === ' ' || file[j] === '\t')) j++;
    const isComment = file[j] === '#';
    const isBlank = file[j] === '\n' || file[j] === '\r';
    if (!(isComment || isBlank) || j >= end) return i;
    while (j < end && file[j] !== '\n' && file[j] !== '\r') j++;
    if (file[j] === '\r' && file[j + 1] === '\n') j += 2;
    else if (j < end) j++;
    if (j >= end) return i; // never swallow the instruction's last line
    i = j;
  }
}

/** Maps a logical span to a file span. An empty span maps to an insertion point. */
export function mapSpan(lt: LogicalText, start: number, end: number): { start: number; end: number } {
  const fileStart = lt.toFile[start];
  if (end === start) return { start: fileStart, end: fileStart };
  return { start: fileStart, end: lt.toFile[end - 1] + 1 };
}

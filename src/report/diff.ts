/**
 * A git-style unified diff (`diff --git a/x b/x`, `---`/`+++`, `@@` hunks, 3 lines of context,
 * `\ No newline at end of file`), so `git apply` accepts the output as it is. jsdiff computes and
 * formats it; only the `diff --git` line is ours. Lines end at \n only: a CR stays part of its line,
 * which is what git compares too.
 *
 * Memory stays linear in the file size: jsdiff's Myers search is bounded (MAX_EDIT_LENGTH); past
 * the bound (thousands of changed lines) the line alignment comes from a linear scan that resyncs
 * on the nearest equal line, which is how slimify's edits look (each one local, lines kept in order).
 * That diff is still exact (it applies back to the output), only not always the shortest.
 */
import { diffArrays, formatPatch, FILE_HEADERS_ONLY, type StructuredPatch, type StructuredPatchHunk } from 'diff';

/** Beyond this many inserted plus deleted lines, the linear alignment replaces the Myers search. */
export const MAX_EDIT_LENGTH = 2000;
/** How far (lines in both texts together) the linear alignment looks for the next equal line. */
const RESYNC_WINDOW = 64;

export type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === '') return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, finalNewline };
}

/**
 * The edit script from `a` to `b` (lines): the common first and last lines are equal, jsdiff's Myers diff
 * aligns the middle (trimming first makes ties fall as git's do: an insertion goes before the common tail),
 * and past `maxEditLength` changed lines the linear alignment does.
 */
export function diffLines(a: string[], b: string[], maxEditLength = MAX_EDIT_LENGTH): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = [];
  for (let i = 0; i < start; i++) ops.push({ kind: ' ', line: a[i], a: i, b: i });
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const changes = diffArrays(midA, midB, { maxEditLength });
  if (!changes) {
    for (const op of linearOps(midA, midB)) ops.push({ ...op, a: op.a + start, b: op.b + start });
  } else {
    let x = start;
    let y = start;
    for (const c of changes) {
      for (const line of c.value) {
        if (c.added) ops.push({ kind: '+', line, a: x, b: y++ });
        else if (c.removed) ops.push({ kind: '-', line, a: x++, b: y });
        else ops.push({ kind: ' ', line, a: x++, b: y++ });
      }
    }
  }
  for (let i = 0; i < a.length - endA; i++) ops.push({ kind: ' ', line: a[endA + i], a: endA + i, b: endB + i });
  return ops;
}

/**
 * A linear-memory alignment: equal lines pair up in order; at a difference, the nearest pair of equal
 * lines within RESYNC_WINDOW (fewest lines skipped in both texts) resumes the match. Every `-` and `+`
 * is a real line of its text, so the script is exact; it is minimal for changes that are local.
 */
export function linearOps(a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  let x = 0;
  let y = 0;
  while (x < a.length || y < b.length) {
    if (x < a.length && y < b.length && a[x] === b[y]) {
      ops.push({ kind: ' ', line: a[x], a: x++, b: y++ });
      continue;
    }
    let skipA = Math.min(1, a.length - x);
    let skipB = Math.min(1, b.length - y);
    search: for (let s = 1; s <= RESYNC_WINDOW; s++) {
      for (let k = 0; k <= s; k++) {
        const i = x + k;
        const j = y + s - k;
        if (i < a.length && j < b.length && a[i] === b[j]) {
          skipA = k;
          skipB = s - k;
          break search;
        }
      }
    }
    for (let k = 0; k < skipA; k++) ops.push({ kind: '-', line: a[x], a: x++, b: y });
    for (let k = 0; k < skipB; k++) ops.push({ kind: '+', line: b[y], a: x, b: y++ });
  }
  return ops;
}

/** Hunks (as jsdiff's structuredPatch makes them) from an edit script whose lines end with \n or not at all. */
function hunksOf(ops: Op[], context: number): StructuredPatchHunk[] {
  const hunks: StructuredPatchHunk[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let last = i;
    let j = i;
    while (j < ops.length && (ops[j].kind !== ' ' || j - last <= 2 * context)) {
      if (ops[j].kind !== ' ') last = j;
      j++;
    }
    const end = Math.min(ops.length, last + context + 1);
    const slice = ops.slice(start, end);
    const lines: string[] = [];
    for (const op of slice) {
      if (op.line.endsWith('\n')) lines.push(op.kind + op.line.slice(0, -1));
      else lines.push(op.kind + op.line, '\\ No newline at end of file');
    }
    hunks.push({
      oldStart: slice[0].a + 1,
      oldLines: slice.filter((o) => o.kind !== '+').length,
      newStart: slice[0].b + 1,
      newLines: slice.filter((o) => o.kind !== '-').length,
      lines,
    });
    i = end;
  }
  return hunks;
}

/** Lines with their \n, the last one without when the text does not end with one (jsdiff's line tokens). */
function lineTokens(text: string): string[] {
  const { lines, finalNewline } = splitLines(text);
  return lines.map((l, i) => (i === lines.length - 1 && !finalNewline ? l : l + '\n'));
}

/** Git's quoting of a path in diff headers (C-style, UTF-8 bytes in octal), as jsdiff quotes `---`/`+++`. */
function gitQuote(path: string): string {
  if (!/[^\x20-\x7e]|["\\]/.test(path)) return path;
  const named: Record<number, string> = {
    7: 'a',
    8: 'b',
    9: 't',
    10: 'n',
    11: 'v',
    12: 'f',
    13: 'r',
    34: '"',
    92: '\\',
  };
  let out = '"';
  for (const byte of new TextEncoder().encode(path)) {
    if (named[byte]) out += '\\' + named[byte];
    else if (byte >= 0x20 && byte <= 0x7e) out += String.fromCharCode(byte);
    else out += '\\' + byte.toString(8).padStart(3, '0');
  }
  return out + '"';
}

export interface DiffOptions {
  context?: number;
  color?: boolean;
  /** Bound of the Myers search (inserted plus deleted lines) before the linear alignment takes over. */
  maxEditLength?: number;
}

const C = { red: '\x1b[31m', green: '\x1b[32m', cyan: '\x1b[36m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** Unified diff of one file; '' when the texts are equal. `path` is relative, with forward slashes. */
export function unifiedDiff(path: string, before: string, after: string, options: DiffOptions = {}): string {
  if (before === after) return '';
  const context = options.context ?? 3;
  const maxEditLength = options.maxEditLength ?? MAX_EDIT_LENGTH;
  const patch: StructuredPatch = {
    oldFileName: `a/${path}`,
    newFileName: `b/${path}`,
    oldHeader: undefined,
    newHeader: undefined,
    hunks: hunksOf(diffLines(lineTokens(before), lineTokens(after), maxEditLength), context),
  };
  const header = `diff --git ${gitQuote(`a/${path}`)} ${gitQuote(`b/${path}`)}`;
  const text = header + '\n' + formatPatch(patch, FILE_HEADERS_ONLY);
  if (!options.color) return text;
  const paint = (color: string, s: string) => color + s + C.reset;
  const lines = text.slice(0, -1).split('\n');
  return (
    lines
      .map((l, i) =>
        i < 3
          ? paint(C.bold, l)
          : l.startsWith('@@')
            ? paint(C.cyan, l)
            : l.startsWith('-')
              ? paint(C.red, l)
              : l.startsWith('+')
                ? paint(C.green, l)
                : l,
      )
      .join('\n') + '\n'
  );
}

/** 0-based line numbers of `before` that the diff removes or changes (for "edits stay inside findings" checks). */
export function changedLines(before: string, after: string): number[] {
  const ops = diffLines(splitLines(before).lines, splitLines(after).lines);
  const changed = new Set<number>();
  for (const op of ops) {
    if (op.kind === '-') changed.add(op.a);
    if (op.kind === '+') {
      changed.add(Math.max(0, op.a - 1));
      changed.add(op.a);
    }
  }
  return [...changed].sort((x, y) => x - y);
}

/**
 * A git-style unified diff (`diff --git a/x b/x`, `---`/`+++`, `@@` hunks, 3 lines of context,
 * `\ No newline at end of file`), so `git apply` accepts the output as it is. Lines are split on
 * \n only: a CR stays part of its line, which is what git compares too.
 */

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === '') return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, finalNewline };
}

/** Myers' O(ND) diff on lines; returns the edit script. */
export function diffLines(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = myers(a.slice(start, endA), b.slice(start, endB));
  const ops: Op[] = [];
  for (let i = 0; i < start; i++) ops.push({ kind: ' ', line: a[i], a: i, b: i });
  for (const op of middle) ops.push({ ...op, a: op.a + start, b: op.b + start });
  for (let i = 0; i < a.length - endA; i++) ops.push({ kind: ' ', line: a[endA + i], a: endA + i, b: endB + i });
  return ops;
}

function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  const off = max + 1;
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[off + k - 1] < vd[off + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[off + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: a[x], a: x, b: y });
    }
    if (d === 0) break;
    if (x === prevX) {
      y--;
      ops.push({ kind: '+', line: b[y], a: x, b: y });
    } else {
      x--;
      ops.push({ kind: '-', line: a[x], a: x, b: y });
    }
  }
  return ops.reverse();
}

export interface DiffOptions {
  context?: number;
  color?: boolean;
}

const C = { red: '\x1b[31m', green: '\x1b[32m', cyan: '\x1b[36m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** Unified diff of one file; '' when the texts are equal. `path` is relative, with forward slashes. */
export function unifiedDiff(path: string, before: string, after: string, options: DiffOptions = {}): string {
  if (before === after) return '';
  const context = options.context ?? 3;
  const paint = (color: string, s: string) => (options.color ? color + s + C.reset : s);
  const A = splitLines(before);
  const B = splitLines(after);
  // Compare the last line together with its (missing) newline, as git does.
  const a = A.lines.map((l, i) => (i === A.lines.length - 1 && !A.finalNewline ? l + '\0' : l));
  const b = B.lines.map((l, i) => (i === B.lines.length - 1 && !B.finalNewline ? l + '\0' : l));
  const ops = diffLines(a, b);

  const out: string[] = [];
  out.push(paint(C.bold, `diff --git a/${path} b/${path}`));
  out.push(paint(C.bold, `--- a/${path}`));
  out.push(paint(C.bold, `+++ b/${path}`));
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    // Hunk: from `context` lines before the first change to `context` lines after the last
    // change that is followed by at most 2*context unchanged lines.
    let hStart = Math.max(0, i - context);
    let j = i;
    let lastChange = i;
    while (j < ops.length) {
      if (ops[j].kind !== ' ') lastChange = j;
      else if (j - lastChange > 2 * context) break;
      j++;
    }
    const hEnd = Math.min(ops.length, lastChange + context + 1);
    const slice = ops.slice(hStart, hEnd);
    const aCount = slice.filter((o) => o.kind !== '+').length;
    const bCount = slice.filter((o) => o.kind !== '-').length;
    const aStart = aCount ? slice.find((o) => o.kind !== '+')!.a + 1 : slice[0].a;
    const bStart = bCount ? slice.find((o) => o.kind !== '-')!.b + 1 : slice[0].b;
    out.push(paint(C.cyan, `@@ -${aStart},${aCount} +${bStart},${bCount} @@`));
    for (const op of slice) {
      const noEol = op.line.endsWith('\0');
      const text = op.kind + (noEol ? op.line.slice(0, -1) : op.line);
      out.push(op.kind === '-' ? paint(C.red, text) : op.kind === '+' ? paint(C.green, text) : text);
      if (noEol) out.push('\\ No newline at end of file');
    }
    i = hEnd;
    hStart = hEnd;
  }
  return out.join('\n') + '\n';
}

/** 0-based line numbers of `before` that the diff removes or changes (for "edits stay inside findings" checks). */
export function changedLines(before: string, after: string): number[] {
  const ops = diffLines(splitLines(before).lines, splitLines(after).lines);
  const changed = new Set<number>();
  for (const op of ops) {
    if (op.kind === '-') changed.add(op.a);
    if (op.kind === '+') (changed.add(Math.max(0, op.a - 1)).valueOf(), changed.add(op.a));
  }
  return [...changed].sort((x, y) => x - y);
}

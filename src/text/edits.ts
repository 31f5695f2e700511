/**
 * Applying text edits. Edits are half-open UTF-16 ranges into the text they were computed on;
 * bytes outside them are never touched.
 */
import type { Span } from './span.js';

/** Replace [start, end) with `text`. Offsets are into the file text the transform was given. */
export interface Edit extends Span {
  text: string;
}

/** True when two spans overlap or touch (an insertion at the boundary of another edit counts). */
export function spansConflict(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Checks that the edits of one finding are well formed and do not overlap each other. */
export function validateEdits(edits: readonly Edit[], textLength: number): string | null {
  const sorted = [...edits].sort((x, y) => x.start - y.start || x.end - y.end);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (
      !(Number.isInteger(e.start) && Number.isInteger(e.end)) ||
      e.start < 0 ||
      e.end < e.start ||
      e.end > textLength
    ) {
      return `edit [${e.start}, ${e.end}) is outside the text (length ${textLength})`;
    }
    const next = sorted[i + 1];
    if (next && next.start < e.end) return `edits [${e.start}, ${e.end}) and [${next.start}, ${next.end}) overlap`;
    if (next && next.start === e.start && next.end === e.start && e.end === e.start) {
      return `two insertions at offset ${e.start}: their order would be ambiguous`;
    }
  }
  return null;
}

/** Applies non-overlapping edits (in any order) to text. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((x, y) => x.start - y.start || x.end - y.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`slimify: overlapping edits at offset ${e.start}`);
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** The smallest span covering all edits (for conflict checks). */
export function editsSpan(edits: readonly Edit[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const e of edits) {
    start = Math.min(start, e.start);
    end = Math.max(end, e.end);
  }
  return { start, end };
}

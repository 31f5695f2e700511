/**
 * The pass loop (ESLint's multipass --fix): run every enabled transform on the parsed file,
 * apply the findings whose edits do not touch each other, re-parse, repeat until no finding
 * has edits. A finding that overlaps one already taken waits for the next pass, which
 * rediscovers it on the new text. The same text twice (A -> B -> A) is a cycle and an error.
 */
import { parseDockerfile, type SourceDockerfile } from '../parse/document.js';
import { applyEdits, editsSpan, spansConflict, validateEdits } from '../text/edits.js';
import { isIgnored, readIgnoreRules } from './ignore-comments.js';
import type { Context, Edit, Finding, Span, Transform } from './types.js';
import { LineIndex } from '../text/line-index.js';

export const MAX_PASSES = 10;

export interface EngineFinding extends Finding {
  /** The edits were applied to the output. */
  applied: boolean;
  /** The pass the finding was made in (1-based). */
  pass: number;
  /**
   * 1-based line and column of the finding's start, and its last line, in the input text
   * (findings of later passes are mapped back through the edits of the earlier ones).
   * `span` itself stays in the coordinates of the pass that made the finding.
   */
  line: number;
  column: number;
  endLine: number;
}

export interface EngineResult {
  output: string;
  /** The parsed output (the last pass parsed it and found nothing more to do). */
  outputDoc: SourceDockerfile;
  findings: EngineFinding[];
  passes: number;
}

export class EngineError extends Error {
  constructor(
    message: string,
    readonly kind: 'transform-crash' | 'bad-edits' | 'cycle' | 'no-convergence',
    readonly transform?: string,
  ) {
    super(message);
  }
}

/** Runs the transforms to a fixed point on text without BOM. Throws EngineError on a bug or a cycle. */
export function runEngine(
  text: string,
  transforms: readonly Transform[],
  /** The context for a transform on the document of the current pass. */
  contextFor: (t: Transform, doc: SourceDockerfile) => Context,
  maxPasses = MAX_PASSES,
  /** The already parsed `text`, to save parsing it again for pass 1. */
  parsed?: SourceDockerfile,
  /** Which findings may apply their edits (`--verify` drops the ones a build disproves); default: all. */
  keep?: (f: EngineFinding) => boolean,
): EngineResult {
  let current = text;
  const seen = new Set<string>([text]);
  const original = parsed?.text === text ? parsed.lines : new LineIndex(text);
  // The edits applied in each pass, to map positions of later passes back to the input.
  const history: Edit[][] = [];
  const place = (doc: SourceDockerfile, f: Finding, applied: boolean, pass: number) =>
    locate(original, history, f, applied, pass);
  const applied: EngineFinding[] = [];
  for (let pass = 1; pass <= maxPasses; pass++) {
    const doc = pass === 1 && parsed?.text === text ? parsed : parseDockerfile(current);
    let found = collectFindings(doc, transforms, contextFor);
    if (keep) found = found.map((f) => (f.edits?.length && !keep(place(doc, f, true, pass)) ? unverified(f) : f));
    const withEdits = found.filter((f) => f.edits && f.edits.length);
    if (!withEdits.length) {
      return {
        output: current,
        outputDoc: doc,
        findings: [...applied, ...found.map((f) => place(doc, f, false, pass))],
        passes: pass,
      };
    }
    const taken: Span[] = [];
    const chosen: Finding[] = [];
    for (const f of withEdits) {
      const problem = validateEdits(f.edits!, current.length);
      if (problem)
        throw new EngineError(`transform ${f.transform} produced bad edits: ${problem}`, 'bad-edits', f.transform);
      const regions = [editsSpan(f.edits!), ...(f.lock ? [f.lock] : [])];
      if (regions.some((r) => taken.some((t) => spansConflict(r, t)))) continue; // deferred to the next pass
      taken.push(...regions);
      chosen.push(f);
    }
    for (const f of chosen) applied.push(place(doc, f, true, pass));
    const edits = chosen.flatMap((f) => f.edits!);
    history.push(edits);
    current = applyEdits(current, edits);
    if (seen.has(current)) {
      throw new EngineError(
        `the transforms undo each other (the text of pass ${pass} was seen before); transforms involved: ${[...new Set(chosen.map((f) => f.transform))].join(', ')}`,
        'cycle',
      );
    }
    seen.add(current);
  }
  throw new EngineError(`still changing after ${maxPasses} passes`, 'no-convergence');
}

/** A finding the keep predicate left out: reported, never applied. */
function unverified(f: Finding): Finding {
  const { edits: _dropped, ...rest } = f;
  return { ...rest, skipped: { code: 'unverified', detail: 'left out: a real build did not prove this change' } };
}

function collectFindings(
  doc: SourceDockerfile,
  transforms: readonly Transform[],
  contextFor: (t: Transform, doc: SourceDockerfile) => Context,
): Finding[] {
  const rules = readIgnoreRules(doc);
  const out: Finding[] = [];
  for (const t of transforms) {
    let findings: Finding[];
    try {
      // The engine, not the transform, says which transform made a finding.
      findings = t.run(doc, contextFor(t, doc)).map((f) => ({ ...f, transform: t.meta.id }));
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      throw new EngineError(`transform ${t.meta.id} crashed: ${msg}`, 'transform-crash', t.meta.id);
    }
    for (const f of findings) {
      if (isIgnored(rules, doc, f)) {
        const { edits: _dropped, ...rest } = f;
        out.push({ ...rest, skipped: { code: 'ignored', detail: 'a slimify-ignore comment covers this instruction' } });
      } else out.push(f);
    }
  }
  return out;
}

function locate(
  input: LineIndex,
  history: readonly Edit[][],
  f: Finding,
  applied: boolean,
  pass: number,
): EngineFinding {
  const startOffset = mapToInput(f.span.start, history);
  const endOffset = mapToInput(Math.max(f.span.start, f.span.end - 1), history);
  const start = input.positionAt(startOffset);
  const endLine = input.lineAt(Math.max(startOffset, endOffset));
  return { ...f, applied, pass, line: start.line + 1, column: start.character + 1, endLine: endLine + 1 };
}

/**
 * Maps an offset in the text after all passes in `history` back to the input text. An offset
 * inside text that an edit inserted maps to the start of that edit.
 */
export function mapToInput(offset: number, history: readonly Edit[][]): number {
  let pos = offset;
  for (let p = history.length - 1; p >= 0; p--) {
    const edits = [...history[p]].sort((a, b) => a.start - b.start);
    let shift = 0; // (new length - old length) of the edits before pos
    let mapped: number | null = null;
    for (const e of edits) {
      const newStart = e.start + shift;
      const newEnd = newStart + e.text.length;
      if (pos < newStart) break;
      if (pos < newEnd) {
        mapped = e.start;
        break;
      }
      shift += e.text.length - (e.end - e.start);
    }
    pos = mapped ?? pos - shift;
  }
  return pos;
}

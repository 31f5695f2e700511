/**
 * Joining RUN bodies into one shell without changing what fails: the planner behind merge-run and
 * fold-cleanup-run. It decides when a body must be wrapped (`( … )` to keep its shell state to
 * itself, `{ …; }` so `&&` guards the whole next body) and builds the minimal edits in the file's
 * own style (escape character, EOL, indentation, `&&` position).
 *
 * Docker runs each RUN as `sh -c '<body>'` and fails the build when that shell exits non-zero,
 * i.e. on the status of the last command it ran (https://docs.docker.com/reference/dockerfile/#run).
 * `A && B` keeps that: when A's status is non-zero B is skipped and the shell exits with A's status.
 */
import type { InstructionNode, ShellBody, SourceDockerfile } from '../parse/document.js';
import type { ChainItem } from '../shell/model.js';
import { stateEffects, type StateEffects } from '../shell/state-effects.js';
import { stageErrexit } from '../parse/stage-errexit.js';
import { nonPosixReason } from '../parse/windows-signals.js';
import { andPosition } from './chain-style.js';
import { continuationIndent, indentOfLine } from './style.js';
import type { Edit } from '../text/edits.js';
import type { SkipReason } from '../text/skip-reason.js';

export interface RunPart {
  ins: InstructionNode;
  body: ShellBody;
  /** File offset of the first command of the body. */
  headStart: number;
  /** File offset just after the last command of the body. */
  lastEnd: number;
  /** Logical text after the last command (white space and at most one `;`). */
  tail: string;
  effects: StateEffects;
  /** Every top-level operator is `&&`. */
  andOnly: boolean;
  /** The last top-level item is a simple command or a pipeline of simple commands (no compound command). */
  lastSimple: boolean;
}

export type Wrap = 'none' | 'paren' | 'brace';

/** Reads a RUN as a joinable part, or says why it cannot be joined with anything. */
export function runPart(doc: SourceDockerfile, ins: InstructionNode): RunPart | SkipReason {
  if (ins.keyword !== 'RUN' || !ins.run) return { code: 'other', detail: 'not a RUN instruction' };
  if (doc.template) return { code: 'template', detail: 'the file is a %%PLACEHOLDER%% template' };
  const stage = doc.stages[ins.stage];
  if (!stage) return { code: 'other', detail: 'RUN before the first FROM' };
  if (ins.run.form === 'heredoc')
    return { code: 'heredoc', detail: 'a heredoc RUN is a script of its own; joining it is not supported' };
  if (ins.run.form === 'exec') return { code: 'exec-form', detail: 'an exec-form RUN does not run a shell' };
  if (!stage.posixProven) return nonPosixReason(stage);
  const body = ins.run.shell;
  if (!body) return { code: 'other', detail: 'the RUN has no shell body' };
  const script = body.script;
  if (script.hasErrors) return { code: 'unparsable-shell', detail: 'the shell parser reported errors in the RUN body' };
  if (!script.chain.length) return { code: 'other', detail: 'the RUN body has no command' };
  const first = script.chain[0];
  const last = script.chain[script.chain.length - 1];
  if (script.text.slice(0, first.span.start).trim() !== '')
    return { code: 'uncertain', detail: 'text before the first command of the RUN body' };
  const effects = stateEffects(script);
  if (effects.background)
    return {
      code: 'uncertain',
      detail: 'a command runs in the background (&); sharing a shell would let it overlap the next commands',
    };
  const tail = script.text.slice(last.span.end);
  if (!/^\s*(;\s*)?$/.test(tail))
    return { code: 'uncertain', detail: 'the RUN body ends with a shell comment or other text after its last command' };
  return {
    ins,
    body,
    headStart: body.fileSpan(first.span.start, first.span.start).start,
    lastEnd: body.fileSpan(last.span.start, last.span.end).end,
    tail,
    effects,
    andOnly: script.chain.every((c, i) => i === 0 || c.opBefore === '&&'),
    lastSimple: isSimpleItem(script.text, last, script.commands),
  };
}

function isSimpleItem(text: string, item: ChainItem, commands: ShellBody['script']['commands']): boolean {
  if (!['command', 'pipeline', 'negated_command', 'redirected_statement'].includes(item.kind)) return false;
  const inside = commands.filter((c) => c.span.start >= item.span.start && c.span.end <= item.span.end);
  if (!inside.length || inside.some((c) => c.context.compound || c.context.subshell || c.context.condition))
    return false;
  return !/(^|[\s;|&])[{(]/.test(text.slice(item.span.start, item.span.end));
}

/** The RUN flags (`--mount`, `--network`, `--security`, ...) as one comparable string. */
export function flagSet(ins: InstructionNode): string {
  return ins.flags
    .map((f) => `${f.name.toLowerCase()}=${f.value ?? ''}`)
    .sort()
    .join(' ');
}

/** How each part is wrapped when `parts` are joined in this order, or why they cannot be. */
export function planWraps(doc: SourceDockerfile, parts: RunPart[]): Wrap[] | SkipReason {
  const errexit = stageErrexit(doc, parts[0].ins);
  const wraps: Wrap[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const isFirst = i === 0;
    const isLast = i === parts.length - 1;
    if (i > 0 && flagSet(p.ins) !== flagSet(parts[0].ins)) {
      return { code: 'uncertain', detail: 'the RUNs have different --mount/--network/--security flags' };
    }
    let wrap: Wrap = 'none';
    if (!isLast && p.effects.state.length) wrap = 'paren';
    else if (!isFirst && !p.andOnly) wrap = 'brace';
    if (!isLast) {
      if (p.effects.setsErrexit) {
        return {
          code: 'uncertain',
          detail: 'an earlier RUN turns on errexit (set -e); in one shell it would change how the later commands fail',
        };
      }
      // Under errexit, a compound command (or a wrapped body) followed by `&& …` stops exiting on its inner failures.
      if (errexit && (wrap !== 'none' || !p.lastSimple)) {
        return {
          code: 'uncertain',
          detail:
            'the stage SHELL turns on errexit and the RUN ends in a compound command; `&&` would suppress errexit inside it',
        };
      }
    }
    wraps.push(wrap);
  }
  return wraps;
}

const OPEN: Record<Wrap, string> = { none: '', paren: '( ', brace: '{ ' };
const CLOSE: Record<Wrap, string> = { none: '', paren: ' )', brace: '; }' };

/** The text that joins one body to the next: `&&`, a line continuation, kept comment lines, indentation. */
export function joinText(doc: SourceDockerfile, indent: string, commentLines: string[]): string {
  const cont = ` ${doc.escapeChar}${doc.eol}`;
  const comments = commentLines.map((c) => c + doc.eol).join('');
  return andPosition(doc) === 'leading' ? `${cont}${comments}${indent}&& ` : ` &&${cont}${comments}${indent}`;
}

/** Full text of every comment line that starts inside [start, end). */
export function commentLinesIn(doc: SourceDockerfile, start: number, end: number): string[] {
  return doc.comments
    .filter((c) => c.span.start >= start && c.span.start < end)
    .map((c) => doc.text.slice(c.span.start, c.span.end));
}

/**
 * Edits that join consecutive RUN instructions (nothing but comments and blank lines between them)
 * into the first one. Each gap between two bodies is replaced, so every other byte stays.
 */
export function adjacentJoinEdits(doc: SourceDockerfile, parts: RunPart[], wraps: Wrap[]): Edit[] {
  const edits: Edit[] = [];
  if (wraps[0] !== 'none') edits.push({ start: parts[0].headStart, end: parts[0].headStart, text: OPEN[wraps[0]] });
  for (let i = 0; i + 1 < parts.length; i++) {
    const a = parts[i];
    const b = parts[i + 1];
    const comments = commentLinesIn(doc, a.lastEnd, b.headStart);
    edits.push({
      start: a.lastEnd,
      end: b.headStart,
      text: CLOSE[wraps[i]] + joinText(doc, joinIndent(doc, a, parts[0]), comments) + OPEN[wraps[i + 1]],
    });
  }
  const last = parts[parts.length - 1];
  const lastWrap = wraps[wraps.length - 1];
  if (lastWrap !== 'none') edits.push(closeAtEnd(last, CLOSE[lastWrap]));
  return edits;
}

/**
 * Indentation for the line that continues after `p`: that of the line holding p's last command when
 * it is a continuation line (so `&&` lines stay aligned), else the file's continuation indentation.
 */
export function joinIndent(doc: SourceDockerfile, p: RunPart, first: RunPart): string {
  const line = doc.lines.lineAt(p.lastEnd);
  if (line > doc.lines.lineAt(p.ins.span.start)) return indentOfLine(doc, p.lastEnd);
  return continuationIndent(doc, first.ins);
}

/** Closes a wrapped last body after its last command, absorbing a trailing `;`. */
function closeAtEnd(p: RunPart, close: string): Edit {
  const semi = p.tail.indexOf(';');
  if (semi === -1) return { start: p.lastEnd, end: p.lastEnd, text: close };
  const end = p.body.fileSpan(
    p.body.script.text.length - p.tail.length + semi,
    p.body.script.text.length - p.tail.length + semi + 1,
  ).end;
  return { start: p.lastEnd, end, text: close };
}

/**
 * Edits that move RUN `b` (and the comment lines directly above it) to the end of RUN `a`, which
 * comes earlier in the same stage with only metadata instructions between them.
 */
export function moveJoinEdits(doc: SourceDockerfile, a: RunPart, b: RunPart, wraps: Wrap[]): Edit[] {
  const indent = joinIndent(doc, a, a);
  const comments = b.ins.leadingComments.map((c) => doc.text.slice(c.span.start, c.span.end));
  const moved = doc.text.slice(b.headStart, b.lastEnd);
  const edits: Edit[] = [];
  if (wraps[0] !== 'none') edits.push({ start: a.headStart, end: a.headStart, text: OPEN[wraps[0]] });
  edits.push({
    start: a.lastEnd,
    end: a.lastEnd,
    text: CLOSE[wraps[0]] + joinText(doc, indent, comments) + OPEN[wraps[1]] + moved + CLOSE[wraps[1]],
  });
  edits.push(deleteLines(doc, b.ins.leadingComments[0]?.span.start ?? b.ins.span.start, b.ins.span.end));
  return edits;
}

/** Deletes whole lines from the line of `start` through the line of `end`, with one line break. */
function deleteLines(doc: SourceDockerfile, start: number, end: number): Edit {
  const from = doc.lines.starts[doc.lines.lineAt(start)];
  const lastLine = doc.lines.lineAt(end);
  if (lastLine + 1 < doc.lines.starts.length) return { start: from, end: doc.lines.starts[lastLine + 1], text: '' };
  // The last line of a file without a final newline: take the line break before it instead.
  const prevEnd = from > 0 ? doc.lines.lineEnd(doc.lines.lineAt(from - 1)) : from;
  return { start: prevEnd, end: doc.lines.lineEnd(lastLine), text: '' };
}

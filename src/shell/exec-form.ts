/**
 * Exec form, read in one place: the JSON argv of `RUN/CMD/ENTRYPOINT/SHELL/COPY [...]` (parsed once per
 * instruction by the document model, `InstructionNode.execArgv`), and the process a CMD/ENTRYPOINT starts:
 * exec-form JSON, or shell form reduced to static argv when it is one plain command.
 */
import type { Span } from '../text/span.js';
import { parseShell } from './parser.js';

/**
 * The argv of an exec-form argument text (continuations already removed): a JSON array of strings,
 * or null when the text is not one (Docker then runs it as a shell command).
 */
export function readExecArgv(text: string): string[] | null {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
  } catch {
    return null;
  }
}

/** What processCommand reads of an instruction (a structural slice of the document's InstructionNode). */
export interface ExecFormInstruction {
  json: boolean;
  argsSpan: Span | null;
  execArgv: string[] | null;
}

export interface ProcessCommand {
  form: 'exec' | 'shell';
  /** The argv the instruction runs (shell form: the words of its one simple command), or null when not static. */
  argv: string[] | null;
  /** The instruction's argument text as written (continuations included). */
  text: string;
}

/**
 * Turns a shell command line into exec-form words when it is exactly one simple command of static
 * words: no operators, expansions, redirections or assignments (those need a shell).
 */
export function toExecForm(line: string): string[] | null {
  const s = parseShell(line);
  if (s.hasErrors || s.chain.length !== 1 || !s.chain[0].simple) return null;
  const c = s.chain[0].simple;
  if (c.assignments.length || c.redirects.length || !c.name || c.name.value === null) return null;
  if (c.context.background || c.context.negated) return null;
  const words = [c.name, ...c.args];
  if (words.some((w) => w.value === null)) return null;
  return words.map((w) => w.value!);
}

/** The command of a CMD or ENTRYPOINT instruction (`logical` is its text with continuations removed). */
export function processCommand(ins: ExecFormInstruction, fileText: string, logical: string): ProcessCommand {
  const text = ins.argsSpan ? fileText.slice(ins.argsSpan.start, ins.argsSpan.end) : '';
  // Docker runs malformed JSON as a shell command; so do we.
  if (ins.json && ins.execArgv) return { form: 'exec', argv: ins.execArgv, text };
  return { form: 'shell', argv: toExecForm(logical), text };
}

/** JSON exec form of argv, as Docker users write it: `["a", "b"]`. */
export function formatExecForm(argv: readonly string[]): string {
  return `[${argv.map((a) => JSON.stringify(a)).join(', ')}]`;
}

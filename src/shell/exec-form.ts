/** Reads the process a CMD/ENTRYPOINT starts: exec-form JSON, or shell form reduced to static argv when it is one plain command. */
import type { InstructionNode } from '../parse/document.js';
import { parseShell } from './parser.js';

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
export function processCommand(ins: InstructionNode, fileText: string, logical: string): ProcessCommand {
  const text = ins.argsSpan ? fileText.slice(ins.argsSpan.start, ins.argsSpan.end) : '';
  if (ins.json) {
    try {
      const parsed = JSON.parse(logical) as unknown;
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string'))
        return { form: 'exec', argv: parsed as string[], text };
    } catch {
      // Docker runs malformed JSON as a shell command; so do we.
    }
  }
  return { form: 'shell', argv: toExecForm(logical), text };
}

/** JSON exec form of argv, as Docker users write it: `["a", "b"]`. */
export function formatExecForm(argv: readonly string[]): string {
  return `[${argv.map((a) => JSON.stringify(a)).join(', ')}]`;
}

/**
 * Appends a command (a cleanup such as `rm -rf /var/lib/apt/lists/*`) at the end of a RUN's
 * top-level command chain, in the file's own layout: ` && cmd` on a one-line RUN, a new
 * continuation line (leading `&& cmd` or trailing `&& \`, as the RUN already does) on a
 * multi-line one. The join keeps a failing command failing the build.
 */
import type { Edit } from '../text/edits.js';
import type { SkipReason } from '../text/skip-reason.js';
import type { InstructionNode, ShellBody, SourceDockerfile } from '../parse/document.js';
import { continuationIndent, indentOfLine } from './style.js';
import { commandBasename } from '../shell/wrapped-command.js';
import { errexitBefore } from '../shell/state-effects.js';

export type AppendResult = { edit: Edit; skipped?: undefined } | { edit?: undefined; skipped: SkipReason };

/**
 * Plans the insertion of `commands` (each joined on its own) after the last item of the RUN's top-level chain.
 * The join is `&&`, or `;` when the chain already uses `;` under `set -e` (same effect, same style).
 * Skips when the last item runs in the background, or is `exit`/`exec` (nothing after it runs).
 */
export function appendToRun(
  doc: SourceDockerfile,
  ins: InstructionNode,
  body: ShellBody,
  commands: string | readonly string[],
): AppendResult {
  const list = typeof commands === 'string' ? [commands] : commands;
  const script = body.script;
  const chain = script.chain;
  if (!chain.length) return { skipped: { code: 'uncertain', detail: 'the RUN has no command to append to' } };
  const lastIndex = chain.length - 1;
  const last = chain[lastIndex];
  if (script.commands.some((c) => c.chainIndex === lastIndex && c.context.background)) {
    return {
      skipped: {
        code: 'uncertain',
        detail: 'the RUN ends with a background job (`&`); a cleanup appended after it would race with it',
      },
    };
  }
  const lastName = commandBasename(last.simple?.name);
  if (lastName === 'exit' || lastName === 'exec') {
    return {
      skipped: { code: 'uncertain', detail: `the RUN ends with \`${lastName}\`; nothing appended after it would run` },
    };
  }

  const semicolonStyle = (last.opBefore === ';' || last.opBefore === '\n') && errexitBefore(script, lastIndex);
  const op = semicolonStyle ? ';' : '&&';

  // Insert right after the last character of the last item (before any trailing comment or `;`).
  const at = body.toFile[last.span.end - 1] + 1;
  const startLine = doc.lines.lineAt(ins.span.start);
  const atLine = doc.lines.lineAt(at);
  if (atLine === startLine) {
    return { edit: { start: at, end: at, text: list.map((c) => (op === ';' ? `; ${c}` : ` && ${c}`)).join('') } };
  }

  const lastStart = body.toFile[last.span.start];
  const lastStartLine = doc.lines.lineAt(lastStart);
  const indent = lastStartLine === startLine ? continuationIndent(doc, ins) : indentOfLine(doc, lastStart);
  const leading = operatorsLeadLines(doc, body);
  const cont = ` ${doc.escapeChar}${doc.eol}`;
  const text = list
    .map((c) =>
      leading && op === '&&' ? `${cont}${indent}&& ${c}` : `${op === ';' ? ';' : ' &&'}${cont}${indent}${c}`,
    )
    .join('');
  return { edit: { start: at, end: at, text } };
}

/**
 * How the RUN places its operators across lines: true when the operators that sit at a line
 * break start the next line (`    && cmd`), false when they end the line (`cmd && \`).
 * The last such operator decides; with none, trailing.
 */
function operatorsLeadLines(doc: SourceDockerfile, body: ShellBody): boolean {
  const chain = body.script.chain;
  let leading = false;
  for (let i = 1; i < chain.length; i++) {
    const gapStart = chain[i - 1].span.end;
    const gapEnd = chain[i].span.start;
    const gap = body.text.slice(gapStart, gapEnd);
    const opAt = gap.search(/&&|\|\||;/);
    if (opAt === -1) continue;
    const fileOp = body.toFile[gapStart + opAt];
    const filePrevEnd = body.toFile[gapStart - 1] + 1;
    const fileNext = body.toFile[gapEnd];
    const opLine = doc.lines.lineAt(fileOp);
    if (opLine !== doc.lines.lineAt(filePrevEnd)) leading = true;
    else if (opLine !== doc.lines.lineAt(fileNext)) leading = false;
  }
  return leading;
}

/** Where the file puts `&&` when a RUN chain is split over lines: at the end of the line (`a && \`) or at the start of the next (`&& b`). */
import type { SourceDockerfile } from '../parse/document.js';

export type AndPosition = 'trailing' | 'leading';

/** The file's majority style over its continued RUN lines; `trailing` when there is none (Docker's own docs use it). */
export function andPosition(doc: SourceDockerfile): AndPosition {
  let trailing = 0;
  let leading = 0;
  const esc = doc.escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  const trailingRe = new RegExp(`&&\\s*${esc}\\s*$`);
  for (const ins of doc.instructions) {
    if (ins.keyword !== 'RUN') continue;
    const first = doc.lines.lineAt(ins.span.start);
    const last = doc.lines.lineAt(ins.span.end);
    for (let line = first; line <= last; line++) {
      const text = doc.lines.lineText(line);
      if (trailingRe.test(text)) trailing++;
      if (line > first && /^\s*&&/.test(text)) leading++;
    }
  }
  return leading > trailing ? 'leading' : 'trailing';
}

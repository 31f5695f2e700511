/** A one-line progress indicator on stderr, only when stderr is a terminal and there are many files. */
import type { CliIO } from './io.js';

export const PROGRESS_MIN_FILES = 20;

export function createProgress(io: CliIO, total: number): { tick(path: string): void; done(): void } {
  const on = io.stderr.isTTY && total >= PROGRESS_MIN_FILES;
  let n = 0;
  let shown = false;
  return {
    tick(path) {
      n++;
      if (!on) return;
      const line = `[${n}/${total}] ${path}`;
      io.stderr.write(`\r\x1b[2K${line.length > 100 ? '…' + line.slice(-99) : line}`);
      shown = true;
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[2K');
    },
  };
}

/** A one-line progress indicator on stderr, only when stderr is a terminal and there are many files. */
import type { CliIO } from './io.js';

export const PROGRESS_MIN_FILES = 20;

export function createProgress(io: CliIO, total: number): { on: boolean; tick(path: string): void; done(): void } {
  const on = total >= PROGRESS_MIN_FILES && io.stderr.isTTY;
  let n = 0;
  let shown = false;
  return {
    /** Whether a progress line is drawn (then stdout on the same terminal waits until done()). */
    on,
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

/** Files at least this long (UTF-16 units) get progress lines on stderr. */
export const LONG_FILE = 64 * 1024;
/** A long file that took longer than this (ms) is reported when done, terminal or not. */
export const SLOW_FILE_MS = 2000;

/**
 * Progress for one long file: a line when it starts (only when stderr is a terminal) and, when it
 * took more than 2 s, a line with the time it took (also in logs, where a silent minute looks hung).
 */
export function longFileProgress(io: CliIO, path: string, text: string): { done(): void } {
  if (text.length < LONG_FILE) return { done() {} };
  const started = performance.now();
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  const size = `${Math.round(text.length / 1024)} KB, ${lines} lines`;
  if (io.stderr.isTTY) io.stderr.write(`slimify: ${path}: ${size}: working…\n`);
  return {
    done() {
      const ms = performance.now() - started;
      if (ms > SLOW_FILE_MS) io.stderr.write(`slimify: ${path}: ${size}: done in ${(ms / 1000).toFixed(1)} s\n`);
    },
  };
}

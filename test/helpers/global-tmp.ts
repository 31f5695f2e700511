/**
 * Vitest global setup: every temporary folder the tests (and the processes they start) create
 * goes under one folder made here (TMPDIR, which os.tmpdir() reads), removed at the end, so
 * `npm test` leaves nothing in /tmp even when a test forgets to clean up or fails half-way.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'slimify-tests-'));
  // Readable by others: a test may run the CLI as another user (nobody) on a tree under it.
  chmodSync(root, 0o755);
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}

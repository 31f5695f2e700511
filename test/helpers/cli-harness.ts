/** Runs the CLI in-process against a real temp folder, capturing stdout, stderr and the exit code. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import type { Transform } from '../../src/engine/types.js';
import { testRegistry } from './test-transforms.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(
  cwd: string,
  args: string[],
  opts: { stdin?: string | Buffer; transforms?: readonly Transform[]; tty?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    {
      cwd,
      stdout: { write: (s) => void (stdout += s), isTTY: !!opts.tty },
      stderr: { write: (s) => void (stderr += s), isTTY: !!opts.tty },
      readStdin: async () => Buffer.from(opts.stdin ?? ''),
      env: {},
    },
    { transforms: opts.transforms ?? testRegistry },
  );
  return { code, stdout, stderr };
}

/** Creates a temp folder with the given files (path -> content). */
export function tempTree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'slimify-test-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

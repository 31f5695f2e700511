/**
 * All I/O the CLI does, behind one small interface, so tests run the CLI in-process
 * against a real temp folder while capturing stdout/stderr and feeding stdin.
 */
import { promises as fs, constants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { Argv } from 'yargs';

export interface CliIO {
  cwd: string;
  stdout: { write(s: string): void; isTTY: boolean };
  stderr: { write(s: string): void; isTTY: boolean };
  readStdin(): Promise<Buffer>;
  env: Record<string, string | undefined>;
}

/**
 * A stream whose reader went away (`slimify . | head`) is not an error: like git and prettier,
 * stop writing to it and exit quietly. Writes after the reader closed are dropped; the run
 * itself finishes (a half-done --write or pr push is worse than a few wasted CPU cycles).
 */
export function quietOnClosedPipe(stream: NodeJS.WritableStream): { write(s: string): void; closed(): boolean } {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
      closed = true;
      return;
    }
    throw err;
  });
  return {
    write(s: string) {
      if (closed) return;
      try {
        stream.write(s);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
        closed = true;
      }
    },
    closed: () => closed,
  };
}

/** Extra yargs commands (verify, pr) register themselves through this type (see `extraCommands` in run.ts). */
export type CommandRegistrar = (parser: Argv, io: CliIO, setExit: (code: number) => void) => Argv;

export function processIO(): CliIO {
  const out = quietOnClosedPipe(process.stdout);
  const err = quietOnClosedPipe(process.stderr);
  return {
    cwd: process.cwd(),
    stdout: { write: (s) => out.write(s), isTTY: !!process.stdout.isTTY },
    stderr: { write: (s) => err.write(s), isTTY: !!process.stderr.isTTY },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    env: process.env,
  };
}

export class InputError extends Error {}

/** Decodes a file as UTF-8 text; binary (NUL bytes) and invalid UTF-8 are errors, not guesses. */
export function decodeText(bytes: Buffer, path: string): string {
  if (bytes.includes(0)) throw new InputError(`${path}: looks like a binary file (contains NUL bytes)`);
  try {
    // Keep a BOM in the string (ignoreBOM) so it can be written back as it was.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: is not valid UTF-8 text`);
  }
}

/**
 * Writes a file atomically: a temp file in the same folder, then rename over the original,
 * keeping the original's permission bits. The original is never half written.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const stat = await fs.stat(path);
  // rename() would replace a read-only file happily (and root may write anything); respect the
  // read-only bits as editors do: no write bit at all, or no write access for this user.
  let writable = (stat.mode & 0o222) !== 0;
  if (writable) {
    try {
      await fs.access(path, constants.W_OK);
    } catch {
      writable = false;
    }
  }
  if (!writable) throw new InputError(`${path}: is read-only (not written)`);
  const tmp = join(dirname(path), `.${basename(path)}.slimify-tmp-${randomBytes(4).toString('hex')}`);
  try {
    await fs.writeFile(tmp, text, { mode: stat.mode & 0o7777 });
    await fs.chmod(tmp, stat.mode & 0o7777);
    await fs.rename(tmp, path);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

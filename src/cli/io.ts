/**
 * All I/O the CLI does, behind one small interface, so tests run the CLI in-process
 * against a real temp folder while capturing stdout/stderr and feeding stdin.
 */
import { closeSync, constants, fstatSync, openSync, promises as fs, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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

export function processIO(): CliIO {
  const out = quietOnClosedPipe(process.stdout);
  // Made on first use: a run that writes nothing on stderr (`--check` with no error) does not pay
  // for making its stream (~4 ms for a pipe: it loads node:net).
  let err: ReturnType<typeof quietOnClosedPipe> | undefined;
  return {
    cwd: process.cwd(),
    stdout: { write: (s) => out.write(s), isTTY: !!process.stdout.isTTY },
    stderr: {
      write: (s) => (err ??= quietOnClosedPipe(process.stderr)).write(s),
      get isTTY() {
        return !!process.stderr.isTTY;
      },
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    env: process.env,
  };
}

export class InputError extends Error {}

/** The file changed on disk between the read and the write: nothing is written (exit 2). */
export class ChangedOnDiskError extends InputError {}

const UTF16 = 'UTF-16 is not supported, convert to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)';

/** UTF-16 text without a BOM: ASCII characters leave a NUL in every other byte. */
function looksUtf16(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  return (oddNul > pairs * 0.6 && evenNul === 0) || (evenNul > pairs * 0.6 && oddNul === 0);
}

/** Decodes a file as UTF-8 text; UTF-16, binary (NUL bytes) and invalid UTF-8 are errors, not guesses. */
export function decodeText(bytes: Buffer, path: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || looksUtf16(bytes))
    throw new InputError(`${path}: ${UTF16}`);
  if (bytes.includes(0)) throw new InputError(`${path}: looks like a binary file (contains NUL bytes)`);
  try {
    // Keep a BOM in the string (ignoreBOM) so it can be written back as it was.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: is not valid UTF-8 text`);
  }
}

/** What a file was when it was read: --write checks it is still that before replacing it. */
export interface ReadStamp {
  size: number;
  mtimeMs: number;
  /** The bytes read, compared whole before the rename (no hash: node:crypto costs ~10 ms of every start). */
  bytes: Buffer;
}

/**
 * Reads a regular file with the stamp --write will check. Errors carry the reason a report can
 * show: vanished (deleted after discovery), unreadable, not a regular file.
 */
export async function readInput(path: string): Promise<{ bytes: Buffer; stamp: ReadStamp }> {
  // Synchronous calls, as src/fs/sync-reads.ts says why: node:fs/promises is not loaded by a plain run.
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(reason(err));
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new InputError('not a regular file (a FIFO, socket or device is not read)');
    const bytes = readFileSync(fd);
    return { bytes, stamp: { size: stat.size, mtimeMs: stat.mtimeMs, bytes } };
  } catch (err) {
    throw err instanceof InputError ? err : new InputError(reason(err));
  } finally {
    closeSync(fd);
  }
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'vanished: deleted after it was found';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read: permission denied';
  if (code === 'EISDIR') return 'not a regular file (a folder)';
  return `cannot read: ${(err as Error).message}`;
}

/**
 * Writes a file atomically: a temp file in the same folder, then rename over the original,
 * keeping the original's permission bits, owner and group (where this process may set them).
 * A symbolic link is written through: its target is replaced and the link stays. With `expected`,
 * the file must still be what was read (size, mtime, bytes) right before the rename; if
 * another process changed it meanwhile, nothing is written (ChangedOnDiskError).
 */
export async function writeFileAtomic(path: string, text: string, expected?: ReadStamp): Promise<void> {
  const target = await fs.realpath(path);
  const stat = await fs.stat(target);
  // rename() would replace a read-only file happily (and root may write anything); respect the
  // read-only bits as editors do: no write bit at all, or no write access for this user.
  let writable = (stat.mode & 0o222) !== 0;
  if (writable) {
    try {
      await fs.access(target, constants.W_OK);
    } catch {
      writable = false;
    }
  }
  if (!writable) throw new InputError('is read-only (not written)');
  // Unique enough: the temp file is created exclusively ('wx'), so a clash fails instead of overwriting.
  const tag = `${process.pid.toString(36)}${Math.floor(Math.random() * 2 ** 32).toString(16)}`;
  const tmp = join(dirname(target), `.${basename(target)}.slimify-tmp-${tag}`);
  try {
    const handle = await fs.open(tmp, 'wx', stat.mode & 0o7777);
    try {
      await handle.writeFile(text);
      await handle.chmod(stat.mode & 0o7777);
      if (stat.uid !== process.getuid?.() || stat.gid !== process.getgid?.()) {
        // Keep owner and group as editors do; only root (or the owner, for the group) may.
        await handle.chown(stat.uid, stat.gid).catch(() => handle.chown(-1, stat.gid).catch(() => undefined));
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (expected) await assertUnchanged(target, expected);
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

async function assertUnchanged(path: string, expected: ReadStamp): Promise<void> {
  const changed = new ChangedOnDiskError(
    'changed on disk while slimify ran (size, time or content differs from what was read); not written: run slimify again',
  );
  let now;
  try {
    now = await fs.stat(path);
  } catch {
    throw changed;
  }
  if (now.size !== expected.size || now.mtimeMs !== expected.mtimeMs) throw changed;
  if (!(await fs.readFile(path)).equals(expected.bytes)) throw changed;
}

/**
 * The file reads of a plain run (discovery, the input file, the build context) as promises, done
 * with node:fs's synchronous calls. Loading node:fs/promises costs ~4 ms of every start (it pulls
 * in streams and readline), and a CLI that reads its files one after another gains nothing from
 * libuv's thread pool. Same results and errors as node:fs/promises; a thrown error is a rejection.
 */
import { readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';

export async function readFile(path: string, encoding: 'utf8'): Promise<string> {
  return readFileSync(path, encoding);
}

export async function stat(path: string): Promise<Stats> {
  return statSync(path);
}

export async function readdir(path: string, _options: { withFileTypes: true }): Promise<Dirent[]> {
  return readdirSync(path, { withFileTypes: true });
}

/**
 * Finds Dockerfiles under the given paths: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`,
 * `*.dockerfile`, `Containerfile`, `Containerfile.*`; recursing into folders while honouring
 * .gitignore and .slimifyignore files (gitignore syntax, relative to their folder; plus the file
 * given with --ignore-path) and skipping node_modules and .git. A path given explicitly as a file
 * is always taken, whatever its name. What the walk skips for another reason (a symbolic link, a
 * folder it cannot read) is reported, not dropped silently.
 */
import * as fs from './sync-reads.js';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export function isDockerfileName(name: string): boolean {
  return (
    name === 'Dockerfile' ||
    name === 'Containerfile' ||
    name.startsWith('Dockerfile.') ||
    name.startsWith('Containerfile.') ||
    /\.(Dockerfile|dockerfile)$/.test(name)
  );
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** The ignore files read in every folder the walk enters. */
const IGNORE_FILES = ['.gitignore', '.slimifyignore'];

export interface Discovery {
  files: string[];
  /** Paths that were given but do not exist or are not regular files, folders with no Dockerfile, unreadable sub-folders. */
  problems: { path: string; message: string }[];
  /** What the walk passed over on purpose, with why (symbolic links): said, not an error. */
  skipped: { path: string; message: string }[];
}

export interface DiscoverOptions {
  /** An extra ignore file (gitignore syntax, patterns relative to its folder). */
  ignorePath?: string;
}

export class IgnorePathError extends Error {}

export async function discoverFiles(paths: string[], cwd: string, options: DiscoverOptions = {}): Promise<Discovery> {
  const files: string[] = [];
  const found: Found = { files, problems: [], skipped: [], cwd };
  const rules: Rules[] = [];
  if (options.ignorePath) {
    const file = resolve(cwd, options.ignorePath);
    try {
      rules.push({ base: dirname(file), ig: ignore().add(await fs.readFile(file, 'utf8')) });
    } catch (err) {
      throw new IgnorePathError(
        `--ignore-path ${options.ignorePath}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
  }
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      found.problems.push({ path: p, message: code === 'EACCES' ? 'permission denied' : 'no such file or folder' });
      continue;
    }
    if (stat.isFile()) {
      files.push(abs);
      continue;
    }
    if (!stat.isDirectory()) {
      found.problems.push({ path: p, message: 'not a regular file (a FIFO, socket or device is not read)' });
      continue;
    }
    const before = files.length;
    const problemsBefore = found.problems.length;
    await walk(abs, rules, found);
    if (files.length === before && found.problems.length === problemsBefore)
      found.problems.push({ path: p, message: 'no Dockerfile found in this folder' });
  }
  return { files: [...new Set(files)], problems: found.problems, skipped: found.skipped };
}

interface Found {
  files: string[];
  problems: Discovery['problems'];
  skipped: Discovery['skipped'];
  cwd: string;
}

interface Rules {
  base: string;
  ig: Ignore;
}

async function walk(dir: string, inherited: Rules[], found: Found): Promise<void> {
  const show = (p: string) => relative(found.cwd, p).split(sep).join('/') || '.';
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    found.problems.push({
      path: show(dir),
      message: `cannot read this folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); its Dockerfiles were not checked`,
    });
    return;
  }
  const rules = [...inherited];
  for (const name of IGNORE_FILES) {
    if (!entries.some((e) => e.name === name && e.isFile())) continue;
    try {
      rules.push({ base: dir, ig: ignore().add(await fs.readFile(join(dir, name), 'utf8')) });
    } catch {
      /* unreadable ignore file: ignore nothing more */
    }
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory() && SKIP_DIRS.has(e.name)) continue;
    if (isIgnored(rules, full, e.isDirectory())) continue;
    if (e.isDirectory()) await walk(full, rules, found);
    else if (e.isFile() && isDockerfileName(e.name)) found.files.push(full);
    else if (e.isSymbolicLink()) {
      const target = await fs.stat(full).catch(() => null);
      if (target?.isDirectory())
        found.skipped.push({
          path: show(full),
          message: 'symbolic link to a folder, not followed (name the folder to search it)',
        });
      else if (isDockerfileName(e.name))
        found.skipped.push({
          path: show(full),
          message: target
            ? 'symbolic link, not followed (name it on the command line to process it)'
            : 'broken symbolic link',
        });
    }
  }
}

function isIgnored(rules: Rules[], full: string, isDir: boolean): boolean {
  for (const r of rules) {
    const rel = relative(r.base, full).split(sep).join('/');
    if (rel && !rel.startsWith('..') && r.ig.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}

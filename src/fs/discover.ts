/**
 * Finds Dockerfiles under the given paths: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`,
 * `*.dockerfile`, `Containerfile`, `Containerfile.*`; recursing into folders while honouring
 * .gitignore files and skipping node_modules and .git. A path given explicitly as a file is
 * always taken, whatever its name.
 */
import { promises as fs } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
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

export interface Discovery {
  files: string[];
  /** Paths that were given but do not exist, or folders with no Dockerfile. */
  problems: { path: string; message: string }[];
}

export async function discoverFiles(paths: string[], cwd: string): Promise<Discovery> {
  const files: string[] = [];
  const problems: Discovery['problems'] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch {
      problems.push({ path: p, message: 'no such file or folder' });
      continue;
    }
    if (stat.isFile()) {
      files.push(abs);
      continue;
    }
    const before = files.length;
    await walk(abs, [], abs, files);
    if (files.length === before) problems.push({ path: p, message: 'no Dockerfile found in this folder' });
  }
  return { files: [...new Set(files)], problems };
}

interface Rules {
  base: string;
  ig: Ignore;
}

async function walk(dir: string, inherited: Rules[], root: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const rules = [...inherited];
  if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
    try {
      rules.push({ base: dir, ig: ignore().add(await fs.readFile(join(dir, '.gitignore'), 'utf8')) });
    } catch {
      /* unreadable .gitignore: ignore nothing more */
    }
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory() && SKIP_DIRS.has(e.name)) continue;
    if (isIgnored(rules, full, e.isDirectory())) continue;
    if (e.isDirectory()) await walk(full, rules, root, out);
    else if (e.isFile() && isDockerfileName(e.name)) out.push(full);
  }
}

function isIgnored(rules: Rules[], full: string, isDir: boolean): boolean {
  for (const r of rules) {
    const rel = relative(r.base, full).split(sep).join('/');
    if (rel && !rel.startsWith('..') && r.ig.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}

/**
 * Which directory is the build context of a Dockerfile: the one given (--context / config), else the
 * one a compose file or a bake file names for this Dockerfile, else the Dockerfile's folder.
 * Compose: https://docs.docker.com/reference/compose-file/build/ (context, dockerfile relative to it).
 * Bake: https://docs.docker.com/build/bake/reference/ (JSON form; HCL is not read, see notes).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ContextSource } from './types.js';

export const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
export const BAKE_JSON = ['docker-bake.json', 'docker-bake.override.json'];
export const BAKE_HCL = ['docker-bake.hcl', 'docker-bake.override.hcl'];

export interface ResolvedContext {
  dir: string;
  source: ContextSource;
  sourceFile: string | null;
  notes: string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A compose or bake file's text; null when it is missing, not a file, over 2 MB or unreadable.
 * Missing is the usual answer (8 names in each folder up to the repository root), so it is asked
 * without an exception: a thrown ENOENT costs more than the stat (~1 ms of a one-file run).
 */
async function readText(path: string): Promise<string | null> {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    if (!s || !s.isFile() || s.size > 2 * 1024 * 1024) return null;
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Folders from the Dockerfile's up to `repoRoot` (inclusive), at most `levels` above. */
function searchDirs(dockerfile: string, repoRoot: string | null, levels: number): string[] {
  const out: string[] = [];
  let d = dirname(dockerfile);
  for (let i = 0; i <= levels; i++) {
    out.push(d);
    if (repoRoot !== null && resolve(d) === resolve(repoRoot)) break;
    const up = dirname(d);
    if (up === d) break;
    if (repoRoot === null) break; // without a known root, only the Dockerfile's folder
    d = up;
  }
  return out;
}

/** Context of a compose service (in the parsed compose file) whose build names `dockerfile`; null when none does. */
function composeContext(composeFile: string, doc: unknown, dockerfile: string): string | null {
  if (!isObject(doc) || !isObject(doc.services)) return null;
  const base = dirname(composeFile);
  for (const svc of Object.values(doc.services)) {
    if (!isObject(svc)) continue;
    const build = svc.build;
    let context: string | null = null;
    let file = 'Dockerfile';
    if (typeof build === 'string') context = build;
    else if (isObject(build)) {
      context = typeof build.context === 'string' ? build.context : '.';
      if (typeof build.dockerfile === 'string') file = build.dockerfile;
    }
    if (context === null || /^[a-z]+:\/\//i.test(context) || context.includes('$')) continue;
    const ctxDir = resolve(base, context);
    if (resolve(ctxDir, file) === resolve(dockerfile)) return ctxDir;
  }
  return null;
}

/** Context of a bake target (in the parsed JSON bake file) whose dockerfile is this one. */
function bakeContext(bakeFile: string, doc: unknown, dockerfile: string): string | null {
  if (!isObject(doc) || !isObject(doc.target)) return null;
  const base = dirname(bakeFile);
  for (const t of Object.values(doc.target)) {
    if (!isObject(t)) continue;
    const context = typeof t.context === 'string' ? t.context : '.';
    const file = typeof t.dockerfile === 'string' ? t.dockerfile : 'Dockerfile';
    if (/^[a-z]+:\/\//i.test(context) || context.includes('$')) continue;
    const ctxDir = resolve(base, context);
    if (resolve(ctxDir, file) === resolve(dockerfile)) return ctxDir;
  }
  return null;
}

/** A compose or bake file as read and parsed: null when absent (or not a readable file), else its document or the parse error. */
type ReadDoc = { doc: unknown } | { error: unknown } | null;

/**
 * The compose and bake files of one run, each read (and parsed) once. Every Dockerfile looks at the
 * same 8 names in its folder and the folders above, so a run over a folder of N Dockerfiles stat'ed
 * the same missing files N times (each a thrown ENOENT). The run's own writes touch Dockerfiles only,
 * never these files. Entries are kept for the run (a few per folder visited).
 */
export class ContextFileCache {
  private readonly docs = new Map<string, ReadDoc>();
  private readonly present = new Map<string, boolean>();

  async doc(path: string, parse: (text: string) => unknown): Promise<ReadDoc> {
    let d = this.docs.get(path);
    if (d === undefined) {
      const text = await readText(path);
      d = text === null ? null : parsed(text, parse);
      this.docs.set(path, d);
    }
    return d;
  }

  async exists(path: string): Promise<boolean> {
    let p = this.present.get(path);
    if (p === undefined) {
      p = (await readText(path)) !== null;
      this.present.set(path, p);
    }
    return p;
  }
}

function parsed(text: string, parse: (text: string) => unknown): ReadDoc {
  try {
    return { doc: parse(text) };
  } catch (error) {
    return { error };
  }
}

const notRead = (f: string, e: unknown) =>
  `${f} was not read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;

/** The files that can name a Dockerfile's context, in the order they are asked, and how each is read. */
const CONTEXT_FILES = [
  { names: COMPOSE_FILES, parse: parseYaml, context: composeContext, source: 'compose' },
  { names: BAKE_JSON, parse: JSON.parse, context: bakeContext, source: 'bake' },
] as const;

export async function resolveContextDir(
  dockerfile: string,
  contextDir: string | undefined,
  repoRoot: string | null,
  maxParentLevels: number,
  /** The run's files already read (build-context.ts); default: read afresh. */
  files: ContextFileCache = new ContextFileCache(),
): Promise<ResolvedContext> {
  if (contextDir !== undefined) return { dir: resolve(contextDir), source: 'option', sourceFile: null, notes: [] };
  const notes: string[] = [];
  for (const dir of searchDirs(dockerfile, repoRoot, maxParentLevels)) {
    for (const kind of CONTEXT_FILES) {
      for (const name of kind.names) {
        const f = join(dir, name);
        const read = await files.doc(f, kind.parse);
        if (read === null) continue;
        if ('error' in read) {
          notes.push(notRead(f, read.error));
          continue;
        }
        let ctx: string | null;
        try {
          ctx = kind.context(f, read.doc, dockerfile);
        } catch (e) {
          notes.push(notRead(f, e));
          continue;
        }
        if (ctx) return { dir: ctx, source: kind.source, sourceFile: f, notes };
      }
    }
    for (const name of BAKE_HCL) {
      if (await files.exists(join(dir, name)))
        notes.push(
          `${join(dir, name)} was not read: HCL bake files need an HCL parser slimify does not ship; use docker-bake.json or --context`,
        );
    }
  }
  return { dir: dirname(resolve(dockerfile)), source: 'dockerfile-dir', sourceFile: null, notes };
}

/**
 * Which directory is the build context of a Dockerfile: the one given (--context / config), else the
 * one a compose file or a bake file names for this Dockerfile, else the Dockerfile's folder.
 * Compose: https://docs.docker.com/reference/compose-file/build/ (context, dockerfile relative to it).
 * Bake: https://docs.docker.com/build/bake/reference/ (JSON form; HCL is not read, see notes).
 */
import { readFile, stat } from '../fs/sync-reads.js';
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

async function readText(path: string): Promise<string | null> {
  try {
    const s = await stat(path);
    if (!s.isFile() || s.size > 2 * 1024 * 1024) return null;
    return await readFile(path, 'utf8');
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

/** Context of a compose service whose build names `dockerfile`; null when none does. */
export function contextFromCompose(composeFile: string, text: string, dockerfile: string): string | null {
  const doc: unknown = parseYaml(text);
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

/** Context of a bake target (JSON form) whose dockerfile is this one. */
export function contextFromBakeJson(bakeFile: string, text: string, dockerfile: string): string | null {
  const doc: unknown = JSON.parse(text);
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

export async function resolveContextDir(
  dockerfile: string,
  contextDir: string | undefined,
  repoRoot: string | null,
  maxParentLevels: number,
): Promise<ResolvedContext> {
  if (contextDir !== undefined) return { dir: resolve(contextDir), source: 'option', sourceFile: null, notes: [] };
  const notes: string[] = [];
  for (const dir of searchDirs(dockerfile, repoRoot, maxParentLevels)) {
    for (const name of COMPOSE_FILES) {
      const f = join(dir, name);
      const text = await readText(f);
      if (text === null) continue;
      try {
        const ctx = contextFromCompose(f, text, dockerfile);
        if (ctx) return { dir: ctx, source: 'compose', sourceFile: f, notes };
      } catch (e) {
        notes.push(`${f} was not read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      }
    }
    for (const name of BAKE_JSON) {
      const f = join(dir, name);
      const text = await readText(f);
      if (text === null) continue;
      try {
        const ctx = contextFromBakeJson(f, text, dockerfile);
        if (ctx) return { dir: ctx, source: 'bake', sourceFile: f, notes };
      } catch (e) {
        notes.push(`${f} was not read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      }
    }
    for (const name of BAKE_HCL) {
      if ((await readText(join(dir, name))) !== null)
        notes.push(
          `${join(dir, name)} was not read: HCL bake files need an HCL parser slimify does not ship; use docker-bake.json or --context`,
        );
    }
  }
  return { dir: dirname(resolve(dockerfile)), source: 'dockerfile-dir', sourceFile: null, notes };
}

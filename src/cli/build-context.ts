/**
 * The build context of each Dockerfile of a run, read once per context rather than once per file.
 * Dockerfiles in one folder usually share their context (the folder), and reading it (walking every
 * file under it, parsing its manifests) is the same work each time: over a folder of N Dockerfiles it
 * was N walks of N files. A context read for one Dockerfile is reused for the next when nothing
 * readBuildContext looks at differs between the two: the same repository root (passed to both
 * reads, so they agree by construction), the same resolved context (directory, source, compose/bake
 * file and notes: `resolveContextDir`, which reads the compose and bake files for each Dockerfile),
 * and no `<Dockerfile>.dockerignore` beside either (that file would win over the context's own).
 * Only the last context is kept, so memory does not grow with the number of files.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { findRepoRoot, readBuildContext } from '../context/read.js';
import { ContextFileCache, resolveContextDir, type ResolvedContext } from '../context/resolve.js';
import { DEFAULT_LIMITS } from '../context/limits.js';
import type { BuildContext } from '../context/types.js';

interface Kept {
  repoRoot: string | null;
  where: ResolvedContext;
  context: BuildContext;
}

const sameWhere = (a: ResolvedContext, b: ResolvedContext) =>
  a.dir === b.dir &&
  a.source === b.source &&
  a.sourceFile === b.sourceFile &&
  a.notes.length === b.notes.length &&
  a.notes.every((n, i) => n === b.notes[i]);

/** A reader of build contexts for one run; null where the context cannot be read (as readBuildContext's rejection). */
export function buildContextReader(
  contextDir: string | undefined,
): (dockerfile: string) => Promise<BuildContext | null> {
  const repoRoots = new Map<string, string | null>();
  const contextFiles = new ContextFileCache(); // compose/bake files read once per run, not once per Dockerfile
  let kept: Kept | null = null;
  return async (dockerfilePath) => {
    try {
      const dockerfile = resolve(dockerfilePath);
      const folder = dirname(dockerfile);
      let repoRoot = repoRoots.get(folder);
      if (repoRoot === undefined) {
        repoRoots.clear(); // one folder at a time: discovery lists a folder's files together
        repoRoot = findRepoRoot(folder);
        repoRoots.set(folder, repoRoot);
      }
      const where = await resolveContextDir(
        dockerfile,
        contextDir,
        repoRoot,
        DEFAULT_LIMITS.maxParentLevels,
        contextFiles,
      );
      const ownIgnore = existsSync(join(folder, basename(dockerfile) + '.dockerignore'));
      if (!ownIgnore && kept && kept.repoRoot === repoRoot && sameWhere(kept.where, where))
        return { ...kept.context, dockerfile };
      const context = await readBuildContext(dockerfile, { contextDir, repoRoot: repoRoot ?? undefined, contextFiles });
      kept = ownIgnore ? null : { repoRoot, where, context };
      return context;
    } catch {
      return null;
    }
  };
}

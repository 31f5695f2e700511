/**
 * What slimify would change: runs the library API on each Dockerfile as it is on the base commit
 * (read from git, not from the working tree) and fingerprints the result, so later runs can tell
 * "same changes as last time" from "something new".
 */
import { createHash } from 'node:crypto';
import { slimify, type SlimifyOptions, type SlimifyResult } from '../api/slimify.js';
import type { Git } from './git.js';
import { isDockerfileName } from '../fs/discover.js';

export interface FileChange {
  /** Repository-relative path with forward slashes. */
  path: string;
  result: SlimifyResult;
  /** With --verify: what the builds measured. */
  measured?: MeasuredFile;
}

/** Sizes of one image: uncompressed (as `docker images` shows) and compressed (gzipped layers, what a pull costs). */
export interface MeasuredSizes {
  uncompressed: number;
  compressed: number;
}

/** What `--verify` measured for one file: built and smoke-tested before and after. */
export interface MeasuredFile {
  engine: string;
  /** Which smoke test ran, e.g. `--smoke: app --selftest`. */
  smoke: string;
  before: MeasuredSizes;
  after: MeasuredSizes;
  /** Findings a build disproved (left out of the rewrite). */
  dropped: { transform: string; line: number; reason: string }[];
}

/** `--verify`: rewrites one file keeping only what builds prove. `path` is repository-relative. */
export type ProveFile = (
  path: string,
  text: string,
  options: SlimifyOptions,
) => Promise<{ result: SlimifyResult; measured?: MeasuredFile }>;

export interface FileProblem {
  path: string;
  message: string;
}

export interface ChangeSet {
  /** Files slimify rewrote, in path order. */
  changed: FileChange[];
  /** Files that could not be processed (slimify error, missing on the base branch, not a regular file). */
  problems: FileProblem[];
  /** Files looked at. */
  checked: number;
  /** Stable id of the changes: same files, same before and after texts → same fingerprint. */
  fingerprint: string;
}

/** Dockerfile-looking files in a commit's tree (used when no paths were given). */
export async function listDockerfiles(git: Git, commit: string): Promise<string[]> {
  const { stdout } = await git.run(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit]);
  return stdout
    .split('\0')
    .filter((p) => p && isDockerfileName(p.slice(p.lastIndexOf('/') + 1)) && !p.split('/').includes('node_modules'))
    .sort();
}

export async function computeChanges(
  git: Git,
  commit: string,
  paths: readonly string[],
  options: SlimifyOptions,
  prove?: ProveFile,
): Promise<ChangeSet> {
  const changed: FileChange[] = [];
  const problems: FileProblem[] = [];
  const unique = [...new Set(paths)].sort();
  for (const path of unique) {
    const entry = await git.entry(commit, path);
    if (!entry) {
      problems.push({ path, message: 'not found on the base branch (only committed and pushed files are rewritten)' });
      continue;
    }
    if (entry.type !== 'blob' || (entry.mode !== '100644' && entry.mode !== '100755')) {
      problems.push({
        path,
        message: entry.mode === '120000' ? 'is a symbolic link; rewrite its target instead' : 'is not a regular file',
      });
      continue;
    }
    const text = await git.readBlob(entry.id);
    const proven = prove ? await prove(path, text, { ...options, filename: path }) : null;
    const result = proven?.result ?? (await slimify(text, { ...options, filename: path }));
    if (result.status === 'error') problems.push({ path, message: result.error ?? 'slimify failed' });
    else if (result.status === 'changed') changed.push({ path, result, measured: proven?.measured });
  }
  return { changed, problems, checked: unique.length, fingerprint: fingerprintOf(changed) };
}

export function fingerprintOf(changed: readonly FileChange[]): string {
  const h = createHash('sha256');
  for (const c of [...changed].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    h.update(c.path)
      .update('\0')
      .update(sha256(c.result.input))
      .update('\0')
      .update(sha256(c.result.output))
      .update('\n');
  }
  return h.digest('hex').slice(0, 16);
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** Locates ../shared/corpus/files next to the checkout, if it is there. */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS_DIR = process.env.SLIMIFY_CORPUS ?? join(REPO_ROOT, '..', 'shared', 'corpus', 'files');

export function corpusFiles(): string[] {
  if (!existsSync(CORPUS_DIR)) return [];
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.Dockerfile'))
    .sort()
    .map((f) => join(CORPUS_DIR, f));
}

/** Helpers for reading podman/buildah JSON listings and removing a batch of ids. */
import type { ExecResult } from './exec.js';

/** Parses a JSON array printed by `images --json`, `containers --json` etc.; `null` / junk gives []. */
export function parseJsonList(text: string): Array<Record<string, unknown>> {
  const t = text.trim();
  if (!t || t === 'null') return [];
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Array<Record<string, unknown>>) : [];
  } catch {
    return [];
  }
}

/**
 * Removes ids one at a time, newest first (the order listings give is newest first; an intermediate
 * image can only go once nothing built on it needs it as a name). Repeats passes while progress is
 * made, because removing one image can free another. Returns the ids removed.
 */
export async function removeEach(ids: readonly string[], rm: (id: string) => Promise<ExecResult>): Promise<string[]> {
  let left = [...ids];
  const removed: string[] = [];
  for (let pass = 0; pass < 3 && left.length; pass++) {
    const next: string[] = [];
    for (const id of left) ((await rm(id)).code === 0 ? removed : next).push(id);
    if (next.length === left.length) break;
    left = next;
  }
  return removed;
}

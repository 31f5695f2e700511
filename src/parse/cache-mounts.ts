/**
 * Which BuildKit cache mounts (`RUN --mount=type=cache,target=...`) a RUN has, and whether one
 * of them holds a given cache directory, so cleanup rules leave caches on mounts alone.
 */
import type { InstructionNode } from './document.js';

/** Targets of the RUN's `type=cache` mounts (`target`, `dst` or `destination`). */
export function cacheMountTargets(ins: InstructionNode): string[] {
  return (ins.run?.mounts ?? [])
    .filter((m) => m.type === 'cache')
    .map((m) => m.target ?? m.dst ?? m.destination ?? '')
    .filter(Boolean);
}

/**
 * The first cache mount target that holds one of `dirs` (equal to it or a parent of it), or whose
 * path contains one of `markers` (e.g. `.cache/pip`). Trailing slashes are ignored; `~` is not expanded.
 */
export function cacheMountServing(ins: InstructionNode, dirs: readonly string[], markers: readonly string[]): string | null {
  for (const target of cacheMountTargets(ins)) {
    const t = target.replace(/\/+$/, '') || '/';
    if (markers.some((m) => t.includes(m))) return target;
    for (const d of dirs) {
      const dir = d.replace(/\/+$/, '');
      if (dir === t || dir.startsWith(t === '/' ? '/' : `${t}/`)) return target;
    }
  }
  return null;
}

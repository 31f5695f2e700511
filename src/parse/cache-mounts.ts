/**
 * Which BuildKit cache mounts (`RUN --mount=type=cache,target=...`) a RUN has, and whether one
 * of them serves a given cache, so cleanup rules leave caches on mounts alone
 * (https://docs.docker.com/build/cache/optimize/#use-cache-mounts).
 */
import type { InstructionNode } from './document.js';

/** Cache directories of the OS package manager families. */
export const OS_PACKAGE_CACHE_DIRS = {
  apt: ['/var/cache/apt', '/var/lib/apt'],
  apk: ['/var/cache/apk', '/etc/apk/cache'],
  rpm: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/zypp'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** Targets of the RUN's `type=cache` mounts (`target`, `dst` or `destination`). */
export function cacheMountTargets(ins: InstructionNode): string[] {
  return (ins.run?.mounts ?? [])
    .filter((m) => m.type === 'cache')
    .map((m) => m.target ?? m.dst ?? m.destination ?? '')
    .filter(Boolean);
}

/**
 * The first cache mount target that serves one of `dirs` (equal to it, a parent of it, or a
 * directory inside it), or whose path contains one of `markers` (e.g. `.cache/pip`).
 * Trailing slashes are ignored (and dropped from the returned target); `~` is not expanded.
 */
export function cacheMountServing(
  ins: InstructionNode,
  dirs: readonly string[],
  markers: readonly string[] = [],
): string | null {
  for (const target of cacheMountTargets(ins)) {
    const t = target.replace(/\/+$/, '') || '/';
    if (markers.some((m) => t.includes(m))) return t;
    for (const d of dirs) {
      const dir = d.replace(/\/+$/, '');
      if (dir === t || dir.startsWith(t === '/' ? '/' : `${t}/`) || t.startsWith(`${dir}/`)) return t;
    }
  }
  return null;
}

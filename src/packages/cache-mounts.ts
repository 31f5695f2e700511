/**
 * BuildKit cache mounts that serve a package manager's cache: a cleanup inside such a RUN
 * would empty the cache the mount exists to keep (https://docs.docker.com/build/cache/optimize/#use-cache-mounts).
 */
import type { InstructionNode, SourceDockerfile } from '../parse/document.js';

/** Cache directories of each package manager family. */
export const CACHE_DIRS: Readonly<Record<string, readonly string[]>> = {
  apt: ['/var/cache/apt', '/var/lib/apt'],
  apk: ['/var/cache/apk', '/etc/apk/cache'],
  rpm: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/zypp'],
};

/** The target of the first `--mount=type=cache` of this RUN that covers one of the family's directories, or null. */
export function cacheMountFor(ins: InstructionNode, family: keyof typeof CACHE_DIRS): string | null {
  for (const m of ins.run?.mounts ?? []) {
    if (m.type !== 'cache') continue;
    const target = (m.target ?? m.dst ?? m.destination ?? '').replace(/\/+$/, '');
    if (!target) continue;
    for (const dir of CACHE_DIRS[family]) {
      if (target === dir || target.startsWith(`${dir}/`) || dir.startsWith(`${target}/`)) return target;
    }
  }
  return null;
}

/**
 * True when the file sets apt up for cache mounts (removes `/etc/apt/apt.conf.d/docker-clean` or
 * sets `Binary::apt::APT::Keep-Downloaded-Packages`): the author manages apt's caches on purpose.
 */
export function aptConfiguredForCacheMounts(doc: SourceDockerfile): boolean {
  return /Keep-Downloaded-Packages|apt\.conf\.d\/docker-clean/.test(doc.text);
}

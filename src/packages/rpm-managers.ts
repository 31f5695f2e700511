/**
 * What the RPM-family package managers (yum, dnf, microdnf, zypper) need to know in common:
 * which subcommands fetch repository metadata and packages into their caches, how each cleans
 * up, and the documented size heuristics.
 */
import type { SimpleCommand } from '../shell/model.js';
import { type ToolInvocation } from '../shell/find-commands.js';
import { commandBasename } from '../shell/wrapped-command.js';
import { MB } from './run-gate.js';

export const RPM_TOOLS = ['yum', 'dnf', 'microdnf', 'zypper'] as const;
export type RpmTool = (typeof RPM_TOOLS)[number];

/** Subcommands that download metadata or packages into the cache. */
export const FETCHING: Readonly<Record<RpmTool, readonly string[]>> = {
  yum: [
    'install',
    'update',
    'upgrade',
    'groupinstall',
    'localinstall',
    'reinstall',
    'downgrade',
    'makecache',
    'distro-sync',
    'group',
    'groups',
    'builddep',
    'update-minimal',
    'swap',
  ],
  dnf: [
    'install',
    'update',
    'upgrade',
    'groupinstall',
    'localinstall',
    'reinstall',
    'downgrade',
    'makecache',
    'distro-sync',
    'group',
    'groups',
    'module',
    'builddep',
    'upgrade-minimal',
    'swap',
    'in',
    'up',
  ],
  microdnf: ['install', 'update', 'upgrade', 'reinstall', 'makecache', 'module', 'download'],
  zypper: [
    'install',
    'in',
    'update',
    'up',
    'dist-upgrade',
    'dup',
    'refresh',
    'ref',
    'patch',
    'source-install',
    'si',
    'install-new-recommends',
    'inr',
  ],
};

/** The cleanup commands appended for each tool, in order. */
export const CLEANUP: Readonly<Record<RpmTool, readonly string[]>> = {
  yum: ['yum clean all', 'rm -rf /var/cache/yum'],
  dnf: ['dnf clean all', 'rm -rf /var/cache/dnf'],
  microdnf: ['microdnf clean all'],
  zypper: ['zypper clean --all'],
};

/** Directories whose removal counts as cleaning each tool's cache. */
const CACHE_PATHS: Readonly<Record<RpmTool, RegExp>> = {
  yum: /^\/var\/cache\/(yum|dnf)(\/|\/\*)?$/,
  dnf: /^\/var\/cache\/(dnf|libdnf5|yum)(\/|\/\*)?$/,
  microdnf: /^\/var\/cache\/(yum|dnf|libdnf5)(\/|\/\*)?$/,
  zypper: /^\/var\/cache\/zypp(\/|\/\*)?$/,
};

/** Heuristic cache size left behind by one RUN, with its basis. */
export const CACHE_ESTIMATE: Readonly<Record<RpmTool, { bytes: number; note: string }>> = {
  yum: {
    bytes: 100 * MB,
    note: 'Heuristic: ~100 MB of repository metadata (and any kept packages) in /var/cache/yum for base+updates+extras on CentOS/RHEL.',
  },
  dnf: {
    bytes: 100 * MB,
    note: 'Heuristic: ~100 MB of repository metadata in /var/cache/dnf (Fedora/RHEL repos are 60-150 MB).',
  },
  microdnf: { bytes: 50 * MB, note: 'Heuristic: ~50 MB of UBI repository metadata kept by microdnf.' },
  zypper: { bytes: 40 * MB, note: 'Heuristic: ~40 MB of repository metadata and packages in /var/cache/zypp.' },
};

/** True when the command cleans `tool`'s cache: `<tool> clean all`, `zypper clean/cc`, or `rm` of its cache directory. */
export function cleansCache(
  tool: RpmTool,
  invocations: readonly ToolInvocation[],
  commands: readonly SimpleCommand[],
): boolean {
  const cleanSub = tool === 'zypper' ? ['clean', 'cc'] : ['clean'];
  if (
    invocations.some(
      (i) =>
        i.tool === tool &&
        i.subcommand !== null &&
        cleanSub.includes(i.subcommand) &&
        (tool === 'zypper' ||
          i.after.some((w) => w.value === 'all' || w.value === 'packages' || w.value === 'metadata')),
    )
  )
    return true;
  return commands.some(
    (c) => commandBasename(c.name) === 'rm' && c.args.some((a) => CACHE_PATHS[tool].test(a.value ?? a.text)),
  );
}

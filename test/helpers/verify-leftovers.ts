/**
 * What a verify run may leave behind: images carrying its run label (tags and intermediate images)
 * or its tag name, containers named after it or standing on such images, and files in its TMPDIR.
 *
 * The storage is the machine's: a verify run killed from outside (a session or CI job stopped
 * mid-build) leaves its images there for every later suite to see. So a tracker takes a baseline
 * when its suite starts and reports only what appeared since; what was already there is printed
 * once as stale, never blamed on the test that happens to look next.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

/** The fields of `buildah images/containers --json` entries read here. */
interface BuildahEntry {
  id?: string;
  names?: string[] | null;
  containername?: string;
  imageid?: string;
}

function buildahJson(args: string[]): BuildahEntry[] {
  return (JSON.parse(execFileSync('buildah', args, { encoding: 'utf8' }) || '[]') ?? []) as BuildahEntry[];
}

/** Every verify leftover in the storage now (files in `tmpRoot` whose names start with `keepPrefix` are the tests' own). */
export function verifyLeftovers(tmpRoot: string, keepPrefix: string): string[] {
  const labelled = buildahJson(['images', '-a', '--no-trunc', '--filter', 'label=slimify.verify.run', '--json']).map(
    (i) => String(i.id),
  );
  const named = buildahJson(['images', '-a', '--json']).filter((i) =>
    (i.names ?? []).some((n) => n.includes('slimify-verify-')),
  );
  const containers = buildahJson(['containers', '-a', '--json']).filter(
    (c) =>
      String(c.containername).startsWith('slimify-verify-') || labelled.some((i) => i.startsWith(String(c.imageid))),
  );
  return [
    ...labelled.map((i) => `image ${i}`),
    ...named.map((i) => `image ${(i.names ?? []).join(',')}`),
    ...containers.map((c) => `container ${c.containername}`),
    ...readdirSync(tmpRoot)
      .filter((f) => !f.startsWith(keepPrefix))
      .map((f) => `tmp ${f}`),
  ];
}

/** Leftovers relative to a baseline taken by `start()` (call it in beforeAll, after tmpRoot exists). */
export function leftoverTracker(tmpRoot: () => string, keepPrefix: string) {
  let stale = new Set<string>();
  return {
    start(): void {
      stale = new Set(verifyLeftovers(tmpRoot(), keepPrefix));
      if (stale.size)
        process.stderr.write(
          `\n[e2e] ${stale.size} verify leftovers from an earlier, interrupted run are in the storage (ignored here):\n${[...stale].map((s) => `  ${s}`).join('\n')}\n`,
        );
    },
    /** What appeared since start() and is still there. */
    now(): string[] {
      return verifyLeftovers(tmpRoot(), keepPrefix).filter((x) => !stale.has(x));
    },
  };
}

/**
 * Runtime figures of a smoke run (what `docker stats` would show): the start-up time (from
 * starting the container to the smoke command's exit, or null when the image's own command was
 * still running when it was stopped) and the peak memory.
 *
 * Peak memory comes from a memory cgroup slimify creates for the smoke run (cgroup v2
 * `memory.peak`, v1 `memory.max_usage_in_bytes`), which holds the engine's run command and so the
 * container only when the engine runs it as its own child: buildah (`buildah run`) does; docker and
 * podman hand the container to a daemon or conmon in another cgroup, so for them (and where the
 * cgroup cannot be made: not root, read-only /sys) the figure is null with the reason. The figure
 * includes the engine's own run process (tens of MB, the same before and after).
 */
import { mkdir, readFile, rmdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineName } from './engine.js';
import type { Runner } from './exec.js';

export interface RuntimeStats {
  /** Seconds from starting the smoke container to its exit; null when it was stopped still running. */
  startSeconds: number | null;
  peakMemoryBytes: number | null;
  /** How peak memory was measured, or why not. */
  memoryNote: string;
}

interface Cgroup {
  dir: string;
  peakFile: string;
}

const ROOT = '/sys/fs/cgroup';

async function makeCgroup(name: string): Promise<Cgroup | null> {
  try {
    if (existsSync(join(ROOT, 'cgroup.controllers'))) {
      // v2: the memory controller must be enabled for children of the root
      const ctl = await readFile(join(ROOT, 'cgroup.subtree_control'), 'utf8');
      if (!/\bmemory\b/.test(ctl)) return null;
      const dir = join(ROOT, name);
      await mkdir(dir);
      return { dir, peakFile: join(dir, 'memory.peak') };
    }
    const v1 = join(ROOT, 'memory');
    if (!existsSync(join(v1, 'memory.max_usage_in_bytes'))) return null;
    const dir = join(v1, name);
    await mkdir(dir);
    return { dir, peakFile: join(dir, 'memory.max_usage_in_bytes') };
  } catch {
    return null;
  }
}

/** Wraps a runner so every command it starts first joins the cgroup (then `exec`s the command). */
export function cgroupRunner(run: Runner, dir: string): Runner {
  const script = `echo $$ > '${join(dir, 'cgroup.procs')}' && exec "$@"`;
  return (cmd, args, opts) => run('sh', ['-c', script, 'sh', cmd, ...args], opts);
}

/**
 * Runs `smoke` (which starts the engine through the runner it is given) and measures it.
 * `stoppedRunning`: the outcome was a timeout of a command that was meant to keep running.
 */
export async function measureSmoke<T extends { timedOut: boolean }>(
  engine: EngineName,
  run: Runner,
  name: string,
  smoke: (run: Runner) => Promise<T>,
): Promise<{ outcome: T; stats: RuntimeStats }> {
  const cg = engine === 'buildah' ? await makeCgroup(name) : null;
  const t0 = performance.now();
  let outcome: T;
  let peak: number | null = null;
  try {
    outcome = await smoke(cg ? cgroupRunner(run, cg.dir) : run);
    if (cg) peak = Number((await readFile(cg.peakFile, 'utf8')).trim()) || null;
  } finally {
    if (cg) await rmdir(cg.dir).catch(() => {});
  }
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  return {
    outcome,
    stats: {
      startSeconds: outcome.timedOut ? null : seconds,
      peakMemoryBytes: peak,
      memoryNote:
        peak !== null
          ? 'peak of the smoke run’s memory cgroup (container plus the engine’s run process)'
          : engine === 'buildah'
            ? 'not measured: no memory cgroup could be created (needs root and a writable cgroup file system)'
            : `not measured: ${engine} runs the container outside slimify’s cgroup`,
    },
  };
}

/** Where cleanup should look if a run is interrupted between mkdir and rmdir. */
export async function removeCgroup(name: string): Promise<void> {
  for (const dir of [join(ROOT, name), join(ROOT, 'memory', name)]) await rmdir(dir).catch(() => {});
}

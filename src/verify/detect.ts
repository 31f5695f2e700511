/**
 * Which engine to use: the one asked for (`--engine`), else the first that works of docker (a
 * reachable daemon, not just the client), podman, buildah. Each probe is a cheap read-only command.
 */
import { BuildahEngine } from './buildah.js';
import { DockerEngine } from './docker.js';
import type { Engine, EngineName } from './engine.js';
import { ENGINE_NAMES } from './engine.js';
import type { Runner } from './exec.js';
import { PodmanEngine } from './podman.js';

const PROBES: Record<EngineName, string[]> = {
  docker: ['version', '--format', '{{.Server.Version}}'],
  podman: ['version', '--format', '{{.Client.Version}}'],
  buildah: ['version'],
};

export function createEngine(name: EngineName, run: Runner): Engine {
  switch (name) {
    case 'docker':
      return new DockerEngine(run);
    case 'podman':
      return new PodmanEngine(run);
    case 'buildah':
      return new BuildahEngine(run);
  }
}

export interface Detection {
  engine: Engine | null;
  /** One line per engine tried: why it was not used. */
  tried: string[];
}

/** Probes `wanted` (or docker, podman, buildah in that order) and returns the first that answers. */
export async function detectEngine(run: Runner, wanted?: EngineName): Promise<Detection> {
  const tried: string[] = [];
  for (const name of wanted ? [wanted] : ENGINE_NAMES) {
    const r = await run(name, PROBES[name], { timeoutMs: 20_000, tailLines: 3 });
    if (r.code === 0) return { engine: createEngine(name, run), tried };
    const why = r.code === 127 ? 'not installed' : (r.tail.filter((l) => l.trim()).pop() ?? `exit ${r.code}`);
    tried.push(`${name}: ${why}`);
  }
  return { engine: null, tried };
}

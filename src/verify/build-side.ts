/**
 * One try of `--verify`: build a Dockerfile text with the engine, measure the image (uncompressed
 * and gzipped layer sizes, from its export), run the smoke plan in it with runtime figures.
 * Everything created is registered with the cleanup registry the moment it exists; tags and the
 * temporary folder go at the end of the run (or on Ctrl-C), the intermediate images of the
 * engine's layer cache with `removeLeftovers` (they carry the run's label), so later tries of the
 * same run reuse them.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readImageArchive, type ArchiveImage } from './archive.js';
import type { CleanupRegistry } from './cleanup.js';
import type { Engine } from './engine.js';
import type { Runner } from './exec.js';
import type { TrialOutcome } from './prove-rewrite.js';
import { measureSmoke, removeCgroup, type RuntimeStats } from './runtime-stats.js';
import type { SmokeKind, SmokePlan } from './smoke-plan.js';
import { buildText, openRunFolder } from './verify.js';

export interface BuildSideOptions {
  context: string;
  target?: string;
  buildArgs?: readonly string[];
  engineArgs?: readonly string[];
  runArgs?: readonly string[];
  /** Build output as it arrives (--verbose). */
  onBuildOutput?: (chunk: string) => void;
}

export interface BuildSideDeps {
  engine: Engine;
  /** Makes an engine of the same kind that runs its commands through `run` (for the smoke run's cgroup). */
  engineWith: (run: Runner) => Engine;
  run: Runner;
  registry: CleanupRegistry;
  /** Unique id of this run (tags, labels, container names). */
  runId: string;
  tmpRoot?: string;
  readArchive?: (file: string, opts: { compressed: boolean }) => Promise<ArchiveImage>;
}

/** What the report shows for one image besides its sizes. */
export interface SideDetails {
  buildSeconds: number;
  smoke: { kind: SmokeKind; describe: string; exitCode: number | null; timedOut: boolean; outputTail: string[] };
  runtime: RuntimeStats | null;
}

/** Returns a Trial (see prove-rewrite.ts) for one Dockerfile of one run. */
export function makeBuildSide(
  plan: SmokePlan,
  opts: BuildSideOptions,
  deps: BuildSideDeps,
): (text: string, label: string) => Promise<TrialOutcome> {
  const { engine, registry, runId } = deps;
  const readArchive = deps.readArchive ?? readImageArchive;
  let dir: string | null = null;
  let n = 0;
  // After Ctrl-C the signal handler removes everything and exits: a try must not start new work.
  const halt = () => new Promise<never>(() => {});
  return async (text) => {
    if (registry.interrupted) return halt();
    dir ??= await openRunFolder(engine, registry, runId, deps.tmpRoot);
    const i = ++n;
    const { tag, outcome: b } = await buildText(engine, registry, { dir, runId, name: `try-${i}`, text }, opts);
    if (registry.interrupted) return halt();
    if (!b.ok) {
      return {
        built: false,
        ok: false,
        failure: { reason: `the build fails (exit ${b.exitCode})`, logTail: b.logTail },
      };
    }
    const archive = join(dir, `try-${i}.tar`);
    let image: ArchiveImage;
    try {
      await engine.exportImage(tag, archive);
      image = await readArchive(archive, { compressed: true });
    } finally {
      await rm(archive, { force: true });
    }
    const sizes = { uncompressed: image.bytes, compressed: image.compressedBytes ?? 0 };
    const details: SideDetails = {
      buildSeconds: Math.round(b.seconds * 10) / 10,
      smoke: { kind: plan.kind, describe: plan.describe, exitCode: null, timedOut: false, outputTail: [] },
      runtime: null,
    };
    const argv = plan.argvFor(image.runConfig ?? { entrypoint: null, cmd: null });
    if (!argv) {
      details.smoke = { ...details.smoke, kind: 'none', describe: 'none: the image has no ENTRYPOINT/CMD' };
      return { built: true, ok: true, sizes, details: { ...details } };
    }
    const name = `slimify-verify-${runId}-try-${i}`;
    const unregister = registry.add(`remove container ${name}`, async () => {
      await engine.removeContainer(name);
      await removeCgroup(name);
    });
    const { outcome, stats } = await measureSmoke(engine.name, deps.run, name, (run) =>
      deps.engineWith(run).smoke({ tag, argv, runArgs: opts.runArgs ?? [], name, timeoutMs: plan.timeoutMs }),
    );
    unregister();
    if (registry.interrupted) return halt();
    details.smoke = {
      ...details.smoke,
      exitCode: outcome.exitCode,
      timedOut: outcome.timedOut,
      outputTail: outcome.outputTail,
    };
    details.runtime = stats;
    if (!plan.passes(outcome)) {
      const how = outcome.timedOut ? 'timed out' : `exit ${outcome.exitCode}`;
      return {
        built: true,
        ok: false,
        sizes,
        failure: { reason: `the smoke test fails (${plan.describe}: ${how})`, logTail: outcome.outputTail },
        details: { ...details },
      };
    }
    return { built: true, ok: true, sizes, details: { ...details } };
  };
}

/**
 * `slimify verify` as a function: build the original and the rewritten Dockerfile with one engine,
 * read both images' layers from their export, run the smoke command in each, and decide.
 * Exit codes: 0 both build, smoke passes (when given), rewritten not bigger; 1 the rewritten image
 * fails to build, fails the smoke command, or is bigger; 2 no engine, or the original does not build
 * (or fails its own smoke command: then the smoke command, not the rewrite, is what is wrong).
 * Everything created (tags, containers, intermediate images, the temporary folder) is registered
 * with the cleanup registry as soon as it exists and removed before this returns.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ArchiveImage } from './archive.js';
import { readImageArchive } from './archive.js';
import type { CleanupRegistry } from './cleanup.js';
import type { Engine, EngineName, SmokeOutcome } from './engine.js';
import type { LayerAnalysis } from './layers.js';
import { analyzeLayers } from './layers.js';

export interface VerifyOptions {
  /** Text of the original Dockerfile. */
  original: string;
  /** Text of the rewritten Dockerfile. */
  rewritten: string;
  /** Build context directory. */
  context: string;
  target?: string;
  buildArgs?: readonly string[];
  engineArgs?: readonly string[];
  runArgs?: readonly string[];
  /** Smoke command (argv) run in both images; `smokeOriginal` overrides it for the original. */
  smoke?: readonly string[];
  smokeOriginal?: readonly string[];
  smokeTimeoutMs?: number;
  /** How many layers / waste groups to list. */
  top?: number;
  /** Build output as it arrives (--verbose). */
  onBuildOutput?: (chunk: string) => void;
  /** Progress lines for humans (stderr). */
  progress?: (line: string) => void;
}

export interface VerifyDeps {
  engine: Engine | null;
  /** Why no engine was found (one line per engine tried). */
  engineTried?: string[];
  registry: CleanupRegistry;
  /** Where the temporary folder goes (default: the OS temp dir). */
  tmpRoot?: string;
  /** Reads an exported image (replaced in unit tests). */
  readArchive?: (file: string) => Promise<ArchiveImage>;
  /** Unique id for tags and container names (default: random). */
  runId?: string;
}

export interface SmokeReport extends SmokeOutcome {
  argv: readonly string[];
}

export interface ImageReport {
  built: boolean;
  buildSeconds: number;
  buildExitCode: number;
  /** Last lines of the build log when the build failed. */
  logTail?: string[];
  analysis?: LayerAnalysis;
  smoke?: SmokeReport;
}

export type VerifyStatus = 'verified' | 'failed' | 'error' | 'unchanged';

export interface VerifyReport {
  status: VerifyStatus;
  exitCode: 0 | 1 | 2;
  /** One sentence: why this exit code. */
  reason: string;
  engine: EngineName | null;
  original?: ImageReport;
  rewritten?: ImageReport;
  /** rewritten - original, when both were measured. */
  delta?: { bytes: number; percent: number };
  /** Things cleanup could not remove (should be empty). */
  cleanupFailures: string[];
}

type Side = 'original' | 'rewritten';

/** Label on every image (and intermediate image) a verify run builds: `slimify.verify.run=<run id>`. */
export const RUN_LABEL = 'slimify.verify.run';

/** Build settings a run applies to every image it builds. */
export interface RunBuildOptions {
  context: string;
  target?: string;
  buildArgs?: readonly string[];
  engineArgs?: readonly string[];
  onBuildOutput?: (chunk: string) => void;
}

/**
 * The temporary folder of one verify run, registered for removal together with whatever the
 * engine leaves behind from builds labelled with the run id.
 */
export async function openRunFolder(
  engine: Engine,
  registry: CleanupRegistry,
  runId: string,
  tmpRoot?: string,
): Promise<string> {
  const dir = await mkdtemp(join(tmpRoot ?? tmpdir(), 'slimify-verify-'));
  registry.add(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  const before = await engine.snapshot();
  if (before) {
    registry.add(`remove intermediate images and build containers (${engine.name})`, async () => {
      await engine.removeLeftovers(before, `${RUN_LABEL}=${runId}`);
    });
  }
  return dir;
}

/** Writes `text` as `<name>.Dockerfile` in the run folder and builds it as `localhost/slimify-verify-<run>:<name>`. */
export async function buildText(
  engine: Engine,
  registry: CleanupRegistry,
  run: { dir: string; runId: string; name: string; text: string },
  opts: RunBuildOptions,
): Promise<{ tag: string; outcome: Awaited<ReturnType<Engine['build']>> }> {
  const dockerfile = join(run.dir, `${run.name}.Dockerfile`);
  await writeFile(dockerfile, run.text);
  const tag = `localhost/slimify-verify-${run.runId}:${run.name}`;
  registry.add(`remove image ${tag}`, () => engine.removeImage(tag).catch(() => {}));
  const outcome = await engine.build({
    dockerfile,
    context: opts.context,
    tag,
    target: opts.target,
    buildArgs: opts.buildArgs ?? [],
    engineArgs: opts.engineArgs ?? [],
    labels: { [RUN_LABEL]: run.runId },
    onOutput: opts.onBuildOutput,
  });
  return { tag, outcome };
}

export async function verify(opts: VerifyOptions, deps: VerifyDeps): Promise<VerifyReport> {
  const { engine, registry } = deps;
  const say = opts.progress ?? (() => {});
  if (!engine) {
    return {
      status: 'error',
      exitCode: 2,
      reason: `no container engine found (${(deps.engineTried ?? []).join('; ') || 'none tried'})`,
      engine: null,
      cleanupFailures: [],
    };
  }
  if (opts.original === opts.rewritten) {
    return {
      status: 'unchanged',
      exitCode: 0,
      reason: 'the rewrite changes nothing: nothing to build',
      engine: engine.name,
      cleanupFailures: [],
    };
  }
  const id = deps.runId ?? randomBytes(4).toString('hex');
  const readArchive = deps.readArchive ?? readImageArchive;
  const report: VerifyReport = { status: 'error', exitCode: 2, reason: '', engine: engine.name, cleanupFailures: [] };
  try {
    const dir = await openRunFolder(engine, registry, id, deps.tmpRoot);

    const side = async (which: Side, text: string, smoke: readonly string[] | undefined): Promise<ImageReport> => {
      say(`building the ${which} image with ${engine.name}...`);
      const { tag, outcome: b } = await buildText(engine, registry, { dir, runId: id, name: which, text }, opts);
      const img: ImageReport = { built: b.ok, buildSeconds: round1(b.seconds), buildExitCode: b.exitCode };
      if (!b.ok) {
        img.logTail = b.logTail;
        return img;
      }
      say(`reading the ${which} image's layers...`);
      const archive = join(dir, `${which}.tar`);
      try {
        await engine.exportImage(tag, archive);
        img.analysis = analyzeLayers(await readArchive(archive), opts.top ?? 5);
      } finally {
        await rm(archive, { force: true });
      }
      if (smoke && smoke.length) {
        say(`smoke test in the ${which} image: ${smoke.join(' ')}`);
        const name = `slimify-verify-${id}-${which}`;
        const unregister = registry.add(`remove container ${name}`, () => engine.removeContainer(name));
        const s = await engine.smoke({
          tag,
          argv: smoke,
          runArgs: opts.runArgs ?? [],
          name,
          timeoutMs: opts.smokeTimeoutMs ?? 120_000,
        });
        unregister();
        img.smoke = { ...s, argv: smoke };
      }
      return img;
    };

    const orig = await side('original', opts.original, opts.smokeOriginal ?? opts.smoke);
    report.original = orig;
    if (!orig.built)
      return decide(report, 2, 'error', `the original Dockerfile does not build (exit ${orig.buildExitCode})`);
    if (orig.smoke && orig.smoke.exitCode !== 0) {
      return decide(
        report,
        2,
        'error',
        `the smoke command fails in the original image too (exit ${orig.smoke.exitCode}): fix the smoke command`,
      );
    }
    const rew = await side('rewritten', opts.rewritten, opts.smoke);
    report.rewritten = rew;
    if (!rew.built)
      return decide(report, 1, 'failed', `the rewritten Dockerfile does not build (exit ${rew.buildExitCode})`);
    const a = orig.analysis!.bytes;
    const b = rew.analysis!.bytes;
    report.delta = { bytes: b - a, percent: a ? round1((100 * (b - a)) / a) : 0 };
    if (rew.smoke && rew.smoke.exitCode !== 0) {
      return decide(
        report,
        1,
        'failed',
        `the smoke command fails in the rewritten image (exit ${rew.smoke.exitCode}${rew.smoke.timedOut ? ', timed out' : ''})`,
      );
    }
    if (b > a) return decide(report, 1, 'failed', `the rewritten image is bigger (+${b - a} bytes)`);
    return decide(
      report,
      0,
      'verified',
      `both images build${rew.smoke ? ', the smoke command passes in both' : ''}, and the rewritten image is ${b === a ? 'the same size' : `${-report.delta.percent}% smaller`}`,
    );
  } catch (err) {
    // engine trouble after detection (export failed, archive unreadable): not the rewrite's fault
    return decide(report, 2, 'error', `verify failed: ${(err as Error).message}`);
  } finally {
    say('cleaning up...');
    report.cleanupFailures = await registry.runAll();
  }
}

function decide(r: VerifyReport, exitCode: 0 | 1 | 2, status: VerifyStatus, reason: string): VerifyReport {
  r.exitCode = exitCode;
  r.status = status;
  r.reason = reason;
  return r;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The measured saving, in the shape of the main command's `estimate` (basis `measured`), so its
 * JSON can carry verified sizes instead of catalog estimates. Null unless verified.
 */
export function measuredEstimate(r: VerifyReport): { bytes: number; basis: 'measured'; note: string } | null {
  if (r.status !== 'verified' || !r.delta || !r.original?.analysis || !r.rewritten?.analysis) return null;
  return {
    bytes: -r.delta.bytes,
    basis: 'measured',
    note: `built with ${r.engine}: ${r.original.analysis.bytes} -> ${r.rewritten.analysis.bytes} bytes (uncompressed layers)`,
  };
}

/**
 * The build step shared by every engine: docker, podman and buildah take the same
 * `build -f FILE -t TAG [--target] [--build-arg] [--label] [extra] CONTEXT` shape.
 */
import type { BuildOutcome, BuildSpec } from './engine.js';
import type { Runner } from './exec.js';

/** `prefix` is the engine's build subcommand and its fixed flags (e.g. `build --layers --force-rm`). */
export function buildArgv(prefix: readonly string[], spec: BuildSpec): string[] {
  const argv = [...prefix, '-f', spec.dockerfile, '-t', spec.tag];
  if (spec.target) argv.push('--target', spec.target);
  for (const kv of spec.buildArgs) argv.push('--build-arg', kv);
  for (const [k, v] of Object.entries(spec.labels ?? {})) argv.push('--label', `${k}=${v}`);
  argv.push(...spec.engineArgs, spec.context);
  return argv;
}

/** Runs a build and times it; the log tail is kept for the report. */
export async function timedBuild(run: Runner, bin: string, argv: string[], spec: BuildSpec): Promise<BuildOutcome> {
  const t0 = performance.now();
  const r = await run(bin, argv, { onOutput: spec.onOutput, tailLines: 40 });
  return { ok: r.code === 0, exitCode: r.code, seconds: (performance.now() - t0) / 1000, logTail: r.tail };
}

/**
 * `--verify` on the main command (and `slimify pr --verify`): each file's rewrite is proven by
 * real builds before it is shown or written (src/verify/prove-rewrite.ts). This module wires the
 * flags and the config to the engine, the smoke plan and the cleanup registry, and adds the
 * measured numbers to the reports. Builds happen only here, only with --verify.
 */
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { SlimifyOptions, SlimifyResult } from '../api/slimify.js';
import { parseDockerfile } from '../parse/document.js';
import type { JsonReport } from '../report/json.js';
import type { MeasuredFile } from '../pr/changes.js';
import type { SideDetails } from '../verify/build-side.js';
import { makeBuildSide } from '../verify/build-side.js';
import { CleanupRegistry } from '../verify/cleanup.js';
import { createEngine, detectEngine } from '../verify/detect.js';
import type { EngineName } from '../verify/engine.js';
import { makeRunner, type Runner } from '../verify/exec.js';
import { proveRewrite } from '../verify/prove-rewrite.js';
import { verifiedMarkdown, verifiedText, withVerify, type VerifiedFile } from '../verify/render-verified.js';
import { planSmoke } from '../verify/smoke-plan.js';
import { configSmokeFor, trustedVerifyConfig } from '../verify/trusted-config.js';
import { loadConfig } from './config.js';
import type { CliIO } from './io.js';
import { VerifySetupError } from './command.js';

export { VerifySetupError };

export interface VerifyFlags {
  verify?: boolean;
  smoke?: string;
  engine?: string;
  context?: string;
  'engine-arg'?: string | readonly unknown[];
  'run-arg'?: string | readonly unknown[];
  'trust-repo-config'?: boolean;
  config?: string;
  'no-config'?: boolean;
}

export interface Verifier {
  readonly engine: EngineName;
  /** Rewrites one file keeping only what builds prove (`abs`: the file on disk; the build context is its folder or --context). */
  rewrite(abs: string, path: string, text: string, options: SlimifyOptions): Promise<SlimifyResult>;
  readonly verified: readonly VerifiedFile[];
  /** For `slimify pr --verify`: the rewrite and what was measured. */
  prove(
    abs: string,
    path: string,
    text: string,
    options: SlimifyOptions,
  ): Promise<{ result: SlimifyResult; measured?: MeasuredFile }>;
  json(report: JsonReport): JsonReport;
  markdown(): string;
  textLines(): string[];
  /** Removes what is left and the signal handlers; returns cleanup failures. */
  close(): Promise<string[]>;
}

/** Test seam: the engine runner and the archive reader. */
export interface VerifyFlowDeps {
  run?: Runner;
  registry?: CleanupRegistry;
}

export async function createVerifier(args: VerifyFlags, io: CliIO, deps: VerifyFlowDeps = {}): Promise<Verifier> {
  const say = (l: string) => io.stderr.write(`slimify: verify: ${l}\n`);
  const found = args['no-config'] ? { config: {}, path: null } : loadConfig(io.cwd, args.config);
  let trusted;
  try {
    trusted = trustedVerifyConfig({
      fileSection: (found.config as Record<string, unknown>).verify,
      configPath: found.path,
      explicit: !!args.config,
      trustRepoConfig: !!args['trust-repo-config'],
      env: io.env,
    });
  } catch (err) {
    throw new VerifySetupError((err as Error).message, { cause: err });
  }
  for (const line of trusted.ignored) io.stderr.write(`slimify: warning: ${line}\n`);
  const registry = deps.registry ?? new CleanupRegistry();
  const run = deps.run ?? makeRunner(registry);
  const wanted = (args.engine ?? trusted.config.engine) as EngineName | undefined;
  const { engine, tried } = await detectEngine(run, wanted);
  if (!engine) throw new VerifySetupError(`--verify: no container engine found (${tried.join('; ')})`);
  const flags = (v: string | readonly unknown[] | undefined) => (v === undefined ? [] : [v].flat().map(String));
  const engineArgs = [...(trusted.config.engineArgs ?? []), ...flags(args['engine-arg'])];
  const runArgs = [...(trusted.config.runArgs ?? []), ...flags(args['run-arg'])];
  const runId = randomBytes(4).toString('hex');
  registry.installSignalHandlers((m) => io.stderr.write(m + '\n'));
  const verified: VerifiedFile[] = [];
  const cleanupFailures: string[] = [];
  let n = 0;

  const self: Verifier = {
    engine: engine.name,
    verified,
    async prove(abs, path, text, options) {
      const result = await self.rewrite(abs, path, text, options);
      const v = verified[verified.length - 1];
      return { result, measured: v ? measuredFile(v) : undefined };
    },
    async rewrite(abs, path, text, options) {
      const id = `${runId}-${++n}`;
      const context = resolve(io.cwd, args.context ?? dirname(abs));
      const plan = planSmoke(
        {
          cli: args.smoke,
          config: configSmokeFor(trusted, abs),
          timeoutMs: (trusted.config.smokeTimeout ?? 120) * 1000,
        },
        parseDockerfile(text),
      );
      const trial = makeBuildSide(
        plan,
        { context, engineArgs, runArgs },
        { engine, engineWith: (r) => createEngine(engine.name, r), run, registry, runId: id },
      );
      try {
        const prove = await proveRewrite({
          original: text,
          options,
          trial,
          progress: (l) => say(`${path}: ${l}`),
        });
        verified.push({ path, engine: engine.name, prove });
        return prove.result;
      } finally {
        cleanupFailures.push(...(await registry.runAll()));
      }
    },
    json: (report) => withVerify(report, verified),
    markdown: () => {
      const lines = verifiedMarkdown(verified);
      return lines.length ? '\n' + lines.join('\n') + '\n' : '';
    },
    textLines: () => verifiedText(verified),
    async close() {
      cleanupFailures.push(...(await registry.runAll()));
      registry.removeSignalHandlers();
      return cleanupFailures;
    },
  };
  return self;
}

/** The PR body's view of a verified file (null unless original and rewrite were both measured). */
export function measuredFile(v: VerifiedFile): MeasuredFile | undefined {
  const o = v.prove.original?.sizes;
  const n = v.prove.rewritten?.sizes;
  if (v.prove.status !== 'verified' || !o || !n) return undefined;
  const d = v.prove.original?.details as SideDetails | undefined;
  return {
    engine: v.engine,
    smoke: d?.smoke.describe ?? 'none',
    before: o,
    after: n,
    dropped: v.prove.dropped.map(({ transform, line, reason }) => ({ transform, line, reason })),
  };
}

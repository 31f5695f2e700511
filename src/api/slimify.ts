/**
 * The slimify() core: text in, rewritten text and findings out. Selects the transforms, runs the engine,
 * checks the post-conditions. `src/index.ts` (the package face) only re-exports from here.
 */
import { transforms as registry } from '../../transforms/index.js';
import { loadCatalog } from '../catalog/load.js';
import type { Catalog } from '../catalog/catalog.js';
import { parseDockerfile, type SourceDockerfile } from '../parse/document.js';
import { stageContextFacts, type StageContextFacts } from '../context/facts.js';
import type { BuildContext } from '../context/types.js';
import { initShellParser, ShellParserError, startShellMemoFile } from '../shell/parser.js';
import { checkPostconditions } from '../engine/postconditions.js';
import { EngineError, runEngine, type EngineFinding } from '../engine/run.js';
import type { Context, Tier, Transform } from '../engine/types.js';
import { selectTransforms } from '../engine/select.js';
import { firstSentence } from '../text/first-sentence.js';
import { neverBuilt, stageAt } from '../parse/stage-ships.js';

export interface SlimifyOptions {
  /** `safe` (default): only safe transforms; `review`: also review-tier ones. */
  level?: Tier;
  /** Run only these transform ids (a review-tier id named here is enabled). */
  only?: readonly string[];
  /** Never run these transform ids. */
  skip?: readonly string[];
  /** Also run these review-tier transform ids (the level's transforms still run). */
  enable?: readonly string[];
  /** Base image target for the base transforms. */
  target?: Context['target'];
  /** Per-transform options, keyed by transform id. */
  transformOptions?: Readonly<Record<string, Record<string, unknown>>>;
  /** Used in messages only. */
  filename?: string;
  /** Override the shipped catalog (tests). */
  catalog?: Catalog;
  /** Override the registry (tests, plugins). */
  transforms?: readonly Transform[];
  /** Which findings may apply (`--verify` keeps what a build proves); a finding left out is skipped as `unverified`. */
  keepFinding?: (f: EngineFinding) => boolean;
  /** The Dockerfile's build context (`readBuildContext`); facts are derived per pass. Absent: none (stdin). */
  buildContext?: BuildContext | null;
}

export interface ReportedFinding extends EngineFinding {
  tier: Tier;
}

export interface SlimifyResult {
  status: 'changed' | 'unchanged' | 'error';
  input: string;
  /** The rewritten text; equal to input when unchanged or on error. */
  output: string;
  findings: ReportedFinding[];
  /** Sum of the estimated savings of the applied findings (bytes). */
  estimatedBytes: number;
  passes: number;
  error?: string;
}

/** The parsed output of a result (the engine's last pass parsed it), to save parsing it again. */
const parsedOutputs = new WeakMap<SlimifyResult, SourceDockerfile>();

/** The parsed `result.output` when slimifySync made this result (not on error), else undefined. */
export function parsedOutput(result: SlimifyResult): SourceDockerfile | undefined {
  return parsedOutputs.get(result);
}

/** Rewrites one Dockerfile. Never throws for bad input: problems come back as status `error`. */
export async function slimify(text: string, options: SlimifyOptions = {}): Promise<SlimifyResult> {
  await initShellParser();
  return slimifySync(text, options);
}

/** The synchronous core of `slimify`; `initShellParser()` must have resolved first. */
export function slimifySync(input: string, options: SlimifyOptions = {}): SlimifyResult {
  startShellMemoFile(); // parses are remembered for this file's passes and the next file (src/shell/parser.ts)
  const catalog = options.catalog ?? loadCatalog();
  const selected = selectTransforms(options.transforms ?? registry, options).map((t) =>
    neverBuiltGate(tierGate(t, options)),
  );
  const tierOf = new Map(selected.map((t) => [t.meta.id, t.meta.tier]));
  const factsOf = new WeakMap<SourceDockerfile, StageContextFacts[]>();
  const buildContext = options.buildContext;
  const contextFor = (t: Transform, doc: SourceDockerfile): Context => {
    const ctx: Context = {
      options: options.transformOptions?.[t.meta.id] ?? {},
      target: options.target ?? 'slim',
      catalog,
    };
    // The facts scan the whole build context: computed once per parsed text, and only when a transform reads them.
    if (buildContext)
      Object.defineProperty(ctx, 'buildContext', {
        enumerable: true,
        get: () => {
          if (!factsOf.has(doc)) factsOf.set(doc, stageContextFacts(doc, buildContext));
          return factsOf.get(doc)!;
        },
      });
    return ctx;
  };
  const bom = input.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  const fail = (error: string, findings: ReportedFinding[] = []): SlimifyResult => ({
    status: 'error',
    input,
    output: input,
    findings,
    estimatedBytes: 0,
    passes: 0,
    error,
  });
  try {
    const before = parseDockerfile(input);
    const result = runEngine(before.text, selected, contextFor, undefined, before, options.keepFinding);
    const findings = result.findings.map((f) => ({ ...f, tier: f.tier ?? tierOf.get(f.transform) ?? 'safe' }));
    const output = bom + result.output;
    if (output === input) {
      const unchanged: SlimifyResult = {
        status: 'unchanged',
        input,
        output,
        findings,
        estimatedBytes: 0,
        passes: result.passes,
      };
      parsedOutputs.set(unchanged, result.outputDoc);
      return unchanged;
    }
    const problems = checkPostconditions(before, result.outputDoc, catalog);
    if (problems.length) {
      return fail(
        `the rewrite was discarded because it failed a safety check: ${problems.join('; ')}`,
        findings.map((f) => ({ ...f, applied: false })),
      );
    }
    const estimatedBytes = findings.reduce(
      (sum, f) => sum + (f.applied && f.estimate?.bytes ? f.estimate.bytes : 0),
      0,
    );
    const changed: SlimifyResult = {
      status: 'changed',
      input,
      output,
      findings,
      estimatedBytes,
      passes: result.passes,
    };
    parsedOutputs.set(changed, result.outputDoc);
    return changed;
  } catch (err) {
    if (err instanceof EngineError || err instanceof ShellParserError) return fail(err.message);
    if (err instanceof RangeError && /call stack/i.test(err.message))
      return fail('the file is nested too deeply to process (the call stack limit was reached)');
    return fail(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

/** Whether the run grants transform `id` the review tier: --level review, or the id named in --only/--enable. */
export function grantsReview(id: string, options: SlimifyOptions): boolean {
  return options.level === 'review' || !!options.only?.includes(id) || !!options.enable?.includes(id);
}

/** Edits in a stage BuildKit never builds (unnamed, unused, not last) change no image: they are reported as skipped. */
function neverBuiltGate(t: Transform): Transform {
  return {
    meta: t.meta,
    run: (doc, ctx) =>
      t.run(doc, ctx).map((f) => {
        if (!f.edits?.length) return f;
        const why = neverBuilt(doc, stageAt(doc, f.span.start));
        if (!why) return f;
        const { edits: _dropped, ...rest } = f;
        return { ...rest, skipped: { code: 'no-saving' as const, detail: why } };
      }),
  };
}

/**
 * A finding may need a higher tier than its transform (evidence of risk), and a `safeWithEvidence`
 * review transform runs at the safe level only for the findings its evidence proves (`tier: 'safe'`).
 * Unless the run grants the transform the review tier (--level review, or the id named in
 * --only/--enable), a finding that needs it keeps no edits and is reported as skipped with its reason
 * and the way to get it.
 */
function tierGate(t: Transform, options: SlimifyOptions): Transform {
  const id = t.meta.id;
  if (grantsReview(id, options)) return t;
  return {
    meta: t.meta,
    run: (doc, ctx) =>
      t.run(doc, ctx).map((f) => {
        if ((f.tier ?? t.meta.tier) !== 'review' || !f.edits?.length) return f;
        const { edits: _held, ...rest } = f;
        const reason = f.tierReason ?? { code: 'uncertain' as const, detail: 'the finding needs the review tier' };
        if (!t.meta.safeWithEvidence)
          return {
            ...rest,
            message: `${f.message.replace(/\.$/, '')} (not applied: ${reason.detail}).`,
            skipped: reason,
          };
        // Say what would happen, why it is not proven, and how to get it (text output shows `detail`).
        const would = firstSentence(f.message);
        return {
          ...rest,
          tier: 'review' as const,
          message: `${f.message.replace(/\.$/, '')} (not applied at the safe level: ${reason.detail}).`,
          skipped: {
            code: reason.code,
            detail: `would apply: ${would}; not proven safe: ${reason.detail}; add --level review or --enable ${id}`,
          },
        };
      }),
  };
}

/**
 * `--verify`: keep only the rewrites a real build proves. Builds the original once and the full
 * rewrite; when the rewrite fails to build, fails the smoke test or is not smaller, searches for
 * the largest set of findings that passes (delta debugging: whole transforms first, then single
 * findings of the transforms that failed), re-running the engine with a `keepFinding` predicate
 * for each try. Tries that give the same text share one build; the engine's layer cache makes the
 * rest cheap (every try starts with the same instructions as the original up to the first edit).
 */
import { slimifySync, type ReportedFinding, type SlimifyOptions, type SlimifyResult } from '../index.js';
import type { EngineFinding } from '../engine/run.js';

/** Sizes of one built image: uncompressed (what `docker images` shows) and compressed (gzipped layers, what a pull costs). */
export interface ImageSizes {
  uncompressed: number;
  compressed: number;
}

/** What one build-and-smoke try gave. */
export interface TrialOutcome {
  built: boolean;
  /** Built and the smoke test passed. */
  ok: boolean;
  sizes?: ImageSizes;
  /** Why it is not ok (build or smoke failure), with the last lines of the log. */
  failure?: { reason: string; logTail: string[] };
  /** Anything else the builder measured (smoke kind, runtime figures); carried through to the report. */
  details?: Record<string, unknown>;
}

/** Builds and smoke-tests one Dockerfile text. `label` names the try in logs and tags. */
export type Trial = (text: string, label: string) => Promise<TrialOutcome>;

export interface DroppedFinding {
  transform: string;
  code: string;
  line: number;
  reason: string;
  logTail: string[];
}

export interface ProveResult {
  /** `verified`: the result's applied findings are proven; `unchanged`: nothing to prove; `error`: cannot verify. */
  status: 'verified' | 'unchanged' | 'error';
  /** The rewrite that keeps only proven findings (equal to the input when nothing was kept or on error). */
  result: SlimifyResult;
  /** Why it could not verify (status `error`), e.g. the original does not build. */
  error?: string;
  original?: TrialOutcome;
  /** The image of `result.output` (absent when nothing was kept). */
  rewritten?: TrialOutcome;
  dropped: DroppedFinding[];
  /** Number of images built (the original included). */
  builds: number;
}

export interface ProveInput {
  original: string;
  options: SlimifyOptions;
  trial: Trial;
  /** Progress lines for humans. */
  progress?: (line: string) => void;
}

/** A finding's identity across engine runs: transform, code and its position in the input. */
export function findingKey(f: Pick<EngineFinding, 'transform' | 'code' | 'line' | 'column'>): string {
  return `${f.transform}\u0000${f.code}\u0000${f.line}:${f.column}`;
}

const setKey = (keys: Iterable<string>) => [...keys].sort().join('\n');

interface Passing {
  keys: Set<string>;
  outcome: TrialOutcome;
}

export async function proveRewrite(input: ProveInput): Promise<ProveResult> {
  const say = input.progress ?? (() => {});
  const full = slimifySync(input.original, input.options);
  if (full.status !== 'changed') {
    return {
      status: full.status === 'error' ? 'error' : 'unchanged',
      result: full,
      error: full.error,
      dropped: [],
      builds: 0,
    };
  }
  let builds = 0;
  const built = new Map<string, TrialOutcome>(); // output text -> outcome
  const build = async (text: string, label: string): Promise<TrialOutcome> => {
    const seen = built.get(text);
    if (seen) return seen;
    builds++;
    say(`build ${builds}: ${label}`);
    const t = await input.trial(text, label);
    built.set(text, t);
    return t;
  };

  const original = await build(input.original, 'original');
  if (!original.built || !original.ok || !original.sizes) {
    const why = original.built
      ? `the smoke test fails in the original image too (${original.failure?.reason ?? 'no measurement'}): fix the smoke command`
      : `the original Dockerfile does not build (${original.failure?.reason ?? 'build failed'})`;
    return {
      status: 'error',
      result: { ...full, status: 'error', output: full.input, error: why },
      error: why,
      original,
      dropped: [],
      builds,
    };
  }
  const origSize = original.sizes.uncompressed;

  const rewrite = (keys: ReadonlySet<string>) =>
    slimifySync(input.original, { ...input.options, keepFinding: (f) => keys.has(findingKey(f)) });
  const sizes = new Map<string, number>([[setKey([]), origSize]]);
  const failures = new Map<string, { reason: string; logTail: string[] }>();

  /** Builds the rewrite keeping `keys`; it passes when it builds, passes the smoke test and is not bigger than `limit`. */
  const test = async (keys: Set<string>, limit: number, strict: boolean) => {
    const r = rewrite(keys);
    if (r.status === 'error')
      return { ok: false as const, failure: { reason: `the rewrite failed a safety check: ${r.error}`, logTail: [] } };
    const t = r.status === 'unchanged' ? original : await build(r.output, `${keys.size} finding(s)`);
    if (!t.ok || !t.sizes)
      return { ok: false as const, failure: t.failure ?? { reason: 'no measurement', logTail: [] } };
    const u = t.sizes.uncompressed;
    if (strict ? u >= limit : u > limit) {
      return {
        ok: false as const,
        failure: { reason: `the image is not smaller (${limit} -> ${u} bytes uncompressed)`, logTail: [] },
      };
    }
    sizes.set(setKey(keys), u);
    return { ok: true as const, outcome: t };
  };

  /** The largest union of `base` with some of `units` that passes (bisection, in order). */
  const maximize = async (base: Passing, units: string[][]): Promise<Passing> => {
    if (!units.length) return base;
    const keys = new Set([...base.keys, ...units.flat()]);
    const res = await test(keys, base.outcome.sizes!.uncompressed, false);
    if (res.ok) return { keys, outcome: res.outcome };
    if (units.length === 1) {
      for (const k of units[0]!) failures.set(k, res.failure);
      return base;
    }
    const half = Math.ceil(units.length / 2);
    const left = await maximize(base, units.slice(0, half));
    return maximize(left, units.slice(half));
  };

  const applied = full.findings.filter((f) => f.applied);
  const all = new Set(applied.map(findingKey));
  const start: Passing = { keys: new Set(), outcome: original };
  let kept: Passing;
  const first = await test(all, origSize, true);
  if (first.ok) kept = { keys: all, outcome: first.outcome };
  else {
    say(`the full rewrite does not pass (${first.failure.reason}); looking for the changes that do`);
    const byTransform = new Map<string, string[]>();
    for (const f of applied) byTransform.set(f.transform, [...(byTransform.get(f.transform) ?? []), findingKey(f)]);
    const groups = [...byTransform.values()];
    if (groups.length === 1) {
      for (const k of groups[0]!) failures.set(k, first.failure);
      kept = start;
    } else kept = await maximize(start, groups);
    // then single findings of the transforms that were dropped as a whole
    for (const g of groups) {
      if (g.length > 1 && !g.some((k) => kept.keys.has(k)))
        kept = await maximize(
          kept,
          g.map((k) => [k]),
        );
    }
    if (kept.keys.size && kept.outcome.sizes!.uncompressed >= origSize) kept = start;
  }

  const final = kept.keys.size ? rewrite(kept.keys) : rewrite(new Set());
  const dropped: DroppedFinding[] = [];
  const keptSize = kept.outcome.sizes!.uncompressed;
  const findings: ReportedFinding[] = final.findings.map((f) => {
    const key = findingKey(f);
    if (f.applied) {
      const without = sizes.get(setKey([...kept.keys].filter((k) => k !== key)));
      if (without === undefined) return f;
      return {
        ...f,
        estimate: {
          bytes: without - keptSize,
          basis: 'measured',
          note: 'measured: uncompressed image size without this change minus with it',
        },
      };
    }
    if (f.skipped?.code === 'unverified' && all.has(key)) {
      const why = failures.get(key) ?? (first.ok ? { reason: 'not proven', logTail: [] } : first.failure);
      dropped.push({ transform: f.transform, code: f.code, line: f.line, reason: why.reason, logTail: why.logTail });
      return { ...f, skipped: { code: 'unverified', detail: `left out: ${why.reason}` } };
    }
    return f;
  });
  // the file's saving is the measured one (uncompressed): original size minus the kept rewrite's
  const result: SlimifyResult = {
    ...final,
    findings,
    estimatedBytes: final.status === 'changed' ? origSize - keptSize : 0,
  };
  return {
    status: 'verified',
    result,
    original,
    rewritten: final.status === 'changed' ? kept.outcome : undefined,
    dropped,
    builds,
  };
}

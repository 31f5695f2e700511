/**
 * The transform contract: what a transform receives and what it returns.
 * Findings first, edits second (ESLint's context.report + fix): the diff, the JSON report,
 * the Markdown/SARIF output and the PR body all read the same findings.
 */
import type { SourceDockerfile } from '../parse/document.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Span } from '../text/span.js';
import type { Edit } from '../text/edits.js';
import type { SkipReason } from '../text/skip-reason.js';
import type { StageContextFacts } from '../context/facts.js';

export type { Span } from '../text/span.js';
export type { Edit } from '../text/edits.js';
export type { SkipCode, SkipReason } from '../text/skip-reason.js';

export type Tier = 'safe' | 'review';
export type Category = 'base' | 'layer' | 'stage';

export interface TransformMeta {
  /** kebab-case, equal to the folder name, stable forever (used in --only, ignore comments, JSON). */
  id: string;
  title: string;
  /** `safe` runs by default; `review` only with --level review or when named in --only. */
  tier: Tier;
  /**
   * A review-tier transform whose findings can be proven by evidence (the build context): it runs at
   * the safe level too, where only its findings marked `tier: 'safe'` keep their edits; the others
   * are reported as left undone with their `tierReason` and how to get them.
   */
  safeWithEvidence?: boolean;
  category: Category;
  /** One-line description for --list-transforms. */
  description: string;
  /** Path of the transform's README relative to the package root. */
  docs: string;
}

/** How a saving was estimated. `catalog`: from the shipped size table; `heuristic`: a documented rule of thumb. */
export interface Estimate {
  bytes: number | null;
  basis: 'catalog' | 'heuristic' | 'measured';
  note: string;
  /** Which size `bytes` is: `compressed` (pull size, base image tables) or `uncompressed` (on disk, the default). Reports never add the two. */
  size?: 'compressed' | 'uncompressed';
}

/** What a transform reports. The engine stamps the transform's id on it (see `Finding`). */
export interface FindingDraft {
  /** Stable machine code for this kind of finding, e.g. `apt-no-install-recommends`. */
  code: string;
  /** What and why, one or two sentences, for humans. */
  message: string;
  /** Where: the instruction (or part of it) the finding is about. */
  span: Span;
  /** The edits that implement the fix. Applied together or not at all. Absent for advisory/skip findings. */
  edits?: Edit[];
  /** A wider span that no other finding in the same pass may touch (structural rewrites). */
  lock?: Span;
  estimate?: Estimate;
  skipped?: SkipReason;
  /**
   * The build or run hazard the edits remove (a prompt that hangs the build, a stale package
   * index). An edit estimated at 0 bytes is applied only when it names one.
   */
  hazard?: string;
  /** The hadolint rule this corresponds to, e.g. `DL3015`. */
  hadolint?: string;
  /** Extra warnings to show with the finding (e.g. a frozen, unpatched tag). */
  warnings?: string[];
  /**
   * The tier this finding's edits need, when evidence sets it apart from the transform's tier: a
   * safe transform's `review` finding applies only with --level review (or the transform named in
   * --only/--enable); otherwise it is reported as skipped with `tierReason`. A `safeWithEvidence`
   * transform marks the findings its evidence proves `safe`; the rest need the review tier.
   */
  tier?: Tier;
  /** Why the finding needs its tier (the skip reason shown when the run's level does not reach it). */
  tierReason?: SkipReason;
}

/** A finding as the engine and the reports see it: the draft plus the id of the transform that made it. */
export interface Finding extends FindingDraft {
  /** Transform id (stamped by the engine from `meta.id`; transforms never write it). */
  transform: string;
}

export interface Context {
  /** This transform's options from the config file (`transforms.<id>` key), or {}. */
  options: Record<string, unknown>;
  /** Global options every transform may read. */
  target: 'slim' | 'alpine' | 'distroless';
  catalog: Catalog;
  /** Per-stage facts from the build context (src/context), or null/absent when there is none (stdin, a lone Dockerfile). */
  buildContext?: StageContextFacts[] | null;
}

export interface Transform {
  meta: TransformMeta;
  /** Findings without `transform`: the engine adds the id. */
  run(doc: SourceDockerfile, ctx: Context): FindingDraft[];
}

/**
 * The transform contract: what a transform receives and what it returns.
 * Findings first, edits second (ESLint's context.report + fix): the diff, the JSON report,
 * the Markdown/SARIF output and the PR body all read the same findings.
 */
import type { SourceDockerfile } from '../parse/document.js';
import type { Catalog } from '../catalog/catalog.js';
import type { StageContextFacts } from '../context/facts.js';

/** A half-open range [start, end) of UTF-16 offsets into the file text (BOM excluded). */
export interface Span {
  start: number;
  end: number;
}

/** Replace [start, end) with `text`. Offsets are into the file text the transform was given. */
export interface Edit extends Span {
  text: string;
}

export type Tier = 'safe' | 'review';
export type Category = 'base' | 'layer' | 'stage';

export interface TransformMeta {
  /** kebab-case, equal to the folder name, stable forever (used in --only, ignore comments, JSON). */
  id: string;
  title: string;
  /** `safe` runs by default; `review` only with --level review or when named in --only. */
  tier: Tier;
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
}

/** Why a transform saw something but made no edit. Typed so reports can group them. */
export type SkipCode =
  | 'variable' // an unresolvable ${VAR} in the part we would rewrite
  | 'digest' // the reference is pinned by digest
  | 'heredoc' // a heredoc body the rule does not understand
  | 'exec-form' // JSON-form RUN
  | 'non-posix-shell' // PowerShell / cmd stage
  | 'unparsable-shell' // the shell parser reported errors in the RUN body
  | 'template' // %%PLACEHOLDER%% style template
  | 'cache-mount' // a BuildKit cache mount serves this cache
  | 'ignored' // a slimify-ignore comment
  | 'unknown-image' // not in the catalog
  | 'no-target' // no smaller variant exists
  | 'needs-toolchain' // the stage needs something only the fat image has
  | 'builder-stage' // output is copied elsewhere; size does not count
  | 'uncertain' // the rule cannot prove the rewrite is safe
  | 'onbuild'
  | 'unverified' // --verify: a real build, smoke test or size check disproved it
  | 'other';

export interface SkipReason {
  code: SkipCode;
  detail: string;
}

export interface Finding {
  /** Transform id. */
  transform: string;
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
  /** The hadolint rule this corresponds to, e.g. `DL3015`. */
  hadolint?: string;
  /** Extra warnings to show with the finding (e.g. a frozen, unpatched tag). */
  warnings?: string[];
  /**
   * The tier this finding's edits need, when evidence sets it apart from the transform's tier: a
   * safe transform's `review` finding applies only with --level review (or the transform named in
   * --only/--enable); otherwise it is reported as skipped with `tierReason`.
   */
  tier?: Tier;
  /** Why the finding needs its tier (the skip reason shown when the run's level does not reach it). */
  tierReason?: SkipReason;
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
  run(doc: SourceDockerfile, ctx: Context): Finding[];
}

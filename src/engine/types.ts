/**
 * The transform contract: what a transform receives and what it returns.
 * Findings first, edits second (ESLint's context.report + fix): the diff, the JSON report,
 * the Markdown/SARIF output and the PR body all read the same findings.
 */
import type { SourceDockerfile } from '../parse/document.js';
import type { Catalog } from '../catalog/catalog.js';

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
  | 'no-saving' // the edit would save no byte in a shipped image and removes no hazard
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
  /**
   * The build or run hazard the edits remove (a prompt that hangs the build, a stale package
   * index). An edit estimated at 0 bytes is applied only when it names one.
   */
  hazard?: string;
  /** The hadolint rule this corresponds to, e.g. `DL3015`. */
  hadolint?: string;
  /** Extra warnings to show with the finding (e.g. a frozen, unpatched tag). */
  warnings?: string[];
}

export interface Context {
  /** This transform's options from the config file (`transforms.<id>` key), or {}. */
  options: Record<string, unknown>;
  /** Global options every transform may read. */
  target: 'slim' | 'alpine' | 'distroless';
  catalog: Catalog;
}

export interface Transform {
  meta: TransformMeta;
  run(doc: SourceDockerfile, ctx: Context): Finding[];
}

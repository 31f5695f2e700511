/**
 * The contract of one ecosystem of the split transform (ecosystems/*.ts): which build images it owns, the
 * one-stage plan (runtime image, artifacts, builder edits, or a typed reason to skip), and optionally the
 * multi-stage case where the final stage stays on the toolchain image but only runs a copied artifact.
 */
import type { Context, Edit, FindingDraft, SkipReason, Span } from '../../src/engine/types.js';
import type { SourceDockerfile, Stage } from '../../src/parse/document.js';
import type { StageFacts } from './stage-facts.js';
import type { StaticSite } from './ecosystems/static-site.js';

export const ID = 'split-runtime-stage';

export type EcosystemId = 'go' | 'node' | 'python' | 'java' | 'rust' | 'dotnet';

export interface Plan {
  ecosystem: EcosystemId;
  runtime: { repository: string; tag: string; shell: boolean; distroless: boolean };
  /** Absolute paths in the builder, copied to the same path in the runtime stage. */
  copies: string[];
  /** Edits inside the builder's existing text (CGO_ENABLED=0, strip flags). */
  builderEdits: Edit[];
  /** New instructions inserted before a builder instruction (python venv), keyed by its index in the stage. */
  builderInsert: { beforeIndex: number; lines: string[] } | null;
  /** New instructions appended at the end of the builder (npm prune). */
  builderAppend: string[];
  /** Instructions of the runtime stage after the COPY --from lines (venv PATH, library check). */
  runtimePrelude: string[];
  /** Build-only paths the build may write outside the copies (Go build cache, bin dirs of PATH binaries...). */
  ownPaths: string[];
  /** ENV names that only matter while building (not carried to the runtime stage). */
  buildOnlyEnv: RegExp;
  notes: string[];
  warnings: string[];
  /** Users the runtime image already has besides the Debian ones (`app`/`$APP_UID` on .NET 8+). */
  knownUsers?: string[];
  /**
   * Evidence (from the build context) that the runtime stage has everything the program needs: the
   * split is then safe-tier, unless rendering it adds a warning. Absent: `unproven` says what is missing.
   */
  proof?: string;
  unproven?: SkipReason;
}

export type PlanResult = { plan: Plan } | { site: StaticSite } | { skip: SkipReason; skeleton?: string } | null;

export type RebaseResult = { finding: FindingDraft } | { skip: SkipReason };

/** What a one-stage plan is given: the start command is one plain command with static words (checked before). */
export interface PlanInput {
  doc: SourceDockerfile;
  facts: StageFacts;
  ctx: Context;
  /** The start command (ENTRYPOINT + CMD) as static words. */
  argv: string[];
  /** The tag of the build image, null for none. */
  tag: string | null;
}

/** What the multi-stage rebase is given; `span` covers the final stage. */
export interface RebaseInput {
  doc: SourceDockerfile;
  stage: Stage;
  facts: StageFacts;
  ctx: Context;
  span: Span;
}

export interface Ecosystem {
  id: EcosystemId;
  /** Whether a stage on `repo:tag` (official name, or `registry/path`) builds with this ecosystem's toolchain. */
  owns(repo: string, tag: string | null): boolean;
  /** The one-stage split; null when there is nothing to split (the slim-base transforms cover it). */
  plan(input: PlanInput): PlanResult;
  /** The final stage only runs an artifact copied from a build stage: rebase it in place; null when it does not. */
  rebaseFinal?(input: RebaseInput): RebaseResult | null;
}

/** Size and depth limits of the build-context reader, so a huge repository cannot stall a run. */
export interface ContextLimits {
  /** Directory levels below the context root that are walked. */
  maxDepth: number;
  /** Directory entries looked at in total (files and folders). */
  maxEntries: number;
  /** Manifest files read and parsed. */
  maxManifests: number;
  /** Bytes of one manifest file; larger files are listed but not parsed. */
  maxFileBytes: number;
  /** Folders above the Dockerfile searched for compose and bake files (stops at the repository root). */
  maxParentLevels: number;
  /** Nesting of `-r`/`-c` includes in requirements files. */
  maxIncludeDepth: number;
}

export const DEFAULT_LIMITS: ContextLimits = {
  maxDepth: 8,
  maxEntries: 20_000,
  maxManifests: 200,
  maxFileBytes: 16 * 1024 * 1024,
  maxParentLevels: 4,
  maxIncludeDepth: 5,
};

/** Folders never walked: installed dependencies and VCS data hold no manifests of the project itself. */
export const SKIPPED_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  'vendor',
  '.yarn',
  '.pnpm-store',
  'target',
  '.gradle',
]);

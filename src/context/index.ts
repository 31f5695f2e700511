/** The build-context module: read a Dockerfile's context (async, at the edge) and derive per-stage facts (pure). */
export { readBuildContext, type ReadContextOptions } from './read.js';
export {
  stageContextFacts,
  type StageContextFacts,
  type InstallEvidence,
  type NativePackage,
  type ContextFile,
  type Ecosystem,
} from './facts.js';
export { parseDockerignore, isIgnored, type IgnorePattern } from './dockerignore.js';
export type { BuildContext, Manifest, ManifestKind, LockedPackage, PythonRequirement } from './types.js';
export { DEFAULT_LIMITS, type ContextLimits } from './limits.js';

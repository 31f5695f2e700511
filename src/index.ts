/**
 * The library API: text in, rewritten text and findings out. This file only re-exports
 * (the core is `src/api/slimify.ts`, the transform contract `src/engine/types.ts`).
 *
 *   import { slimify } from 'slimify';
 *   const result = await slimify(text, { level: 'safe' });
 */
export type {
  Finding,
  Edit,
  Span,
  Transform,
  TransformMeta,
  Context,
  Estimate,
  SkipReason,
  SkipCode,
  Tier,
} from './engine/types.js';
export type { SourceDockerfile, Stage, InstructionNode, ImageReference } from './parse/document.js';
export type { Catalog, TagStatus, ImageSize } from './catalog/catalog.js';
export { parseDockerfile } from './parse/document.js';
export { initShellParser } from './shell/parser.js';
export { selectTransforms } from './engine/select.js';
export { readBuildContext, stageContextFacts } from './context/index.js';
export type { BuildContext, StageContextFacts, ReadContextOptions } from './context/index.js';
export { transforms } from '../transforms/index.js';
export { slimify, slimifySync } from './api/slimify.js';
export type { SlimifyOptions, SlimifyResult, ReportedFinding } from './api/slimify.js';

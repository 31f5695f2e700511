/**
 * The ordered registry of transforms. Order is the tie-break when two findings touch the same
 * text in one pass: local edits (bases, layer hygiene) first, structural rewrites last.
 * Every folder under transforms/ must be listed here (a test checks it).
 */
import type { Transform } from '../src/engine/types.js';
import splitRuntimeStage from './split-runtime-stage/index.js';

export const transforms: readonly Transform[] = [
  // structural rewrites last
  splitRuntimeStage,
];

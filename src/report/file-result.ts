/** What the reports are made from: one entry per processed file. */
import type { SlimifyResult } from '../index.js';

export interface FileResult {
  /** Path as shown to the user (relative to the working folder, forward slashes), or `-` for stdin. */
  path: string;
  result: SlimifyResult;
  /** What else was left undone, found by the caller (e.g. a review-tier rewrite that would apply). */
  notes?: string[];
}

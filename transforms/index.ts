/**
 * The ordered registry of transforms. Order is the tie-break when two findings touch the same
 * text in one pass: local edits (bases, layer hygiene) first, structural rewrites last.
 * Every folder under transforms/ must be listed here (a test checks it).
 */
import type { Transform } from '../src/engine/types.js';
import slimBase from './slim-base/index.js';
import alpineBase from './alpine-base/index.js';
import foldCleanupRun from './fold-cleanup-run/index.js';
import copyChown from './copy-chown/index.js';
import addRemoteArchive from './add-remote-archive/index.js';
import mergeRun from './merge-run/index.js';

export const transforms: readonly Transform[] = [slimBase, alpineBase, foldCleanupRun, copyChown, addRemoteArchive, mergeRun];

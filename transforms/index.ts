/**
 * The ordered registry of transforms. Order is the tie-break when two findings touch the same
 * text in one pass: local edits (bases, layer hygiene) first, structural rewrites last.
 * Every folder under transforms/ must be listed here (a test checks it).
 */
import type { Transform } from '../src/engine/types.js';
import aptGetNotApt from './apt-get-not-apt/index.js';
import aptAssumeYes from './apt-assume-yes/index.js';
import aptRecommends from './apt-no-install-recommends/index.js';
import aptUpdate from './apt-update-with-install/index.js';
import aptLists from './apt-lists-cleanup/index.js';
import apkNoCache from './apk-no-cache/index.js';
import rpmCache from './rpm-cache-cleanup/index.js';
import rpmMinimal from './rpm-minimal-install/index.js';

export const transforms: readonly Transform[] = [aptGetNotApt, aptAssumeYes, aptRecommends, aptUpdate, aptLists, apkNoCache, rpmMinimal, rpmCache];

/**
 * The ordered registry of transforms. Order is the tie-break when two findings touch the same
 * text in one pass: bases first, then the builder/runtime split, then layer hygiene. The split comes
 * before the hygiene rules so that a stage it turns into a build stage is not tidied first: caches
 * cleaned in a build stage never ship (those edits would save nothing), and in the next pass the
 * hygiene rules see the build stage for what it is.
 * Every folder under transforms/ must be listed here (a test checks it).
 */
import type { Transform } from '../src/engine/types.js';
// Bases first: a smaller base is the biggest saving, and its edits are local to FROM (and ARG).
import slimBase from './slim-base/index.js';
import alpineBase from './alpine-base/index.js';
// The builder/runtime split: after the bases (a slim base, when it applies, is the simpler rewrite), before layer hygiene.
import splitRuntimeStage from './split-runtime-stage/index.js';
// Layer hygiene: OS package managers.
import aptGetNotApt from './apt-get-not-apt/index.js';
import aptAssumeYes from './apt-assume-yes/index.js';
import aptRecommends from './apt-no-install-recommends/index.js';
import aptUpdate from './apt-update-with-install/index.js';
import aptLists from './apt-lists-cleanup/index.js';
import apkNoCache from './apk-no-cache/index.js';
import rpmMinimal from './rpm-minimal-install/index.js';
import rpmCache from './rpm-cache-cleanup/index.js';
// Layer hygiene: language package managers.
import pipNoCacheDir from './pip-no-cache-dir/index.js';
import npmCacheClean from './npm-cache-clean/index.js';
import yarnCacheClean from './yarn-cache-clean/index.js';
import composerClearCache from './composer-clear-cache/index.js';
import gemNoDocument from './gem-no-document/index.js';
import goCleanCache from './go-clean-cache/index.js';
import cargoRegistryClean from './cargo-registry-clean/index.js';
import npmCi from './npm-ci/index.js';
import npmOmitDev from './npm-omit-dev/index.js';
import composerNoDev from './composer-no-dev/index.js';
import bundleWithoutDev from './bundle-without-dev/index.js';
// Layer hygiene: structure (after the cleanup rules, so they see the tidied RUNs).
import foldCleanupRun from './fold-cleanup-run/index.js';
import copyChown from './copy-chown/index.js';
import addRemoteArchive from './add-remote-archive/index.js';
import mergeRun from './merge-run/index.js';

export const transforms: readonly Transform[] = [
  slimBase,
  alpineBase,
  splitRuntimeStage,
  aptGetNotApt,
  aptAssumeYes,
  aptRecommends,
  aptUpdate,
  aptLists,
  apkNoCache,
  rpmMinimal,
  rpmCache,
  pipNoCacheDir,
  npmCacheClean,
  yarnCacheClean,
  composerClearCache,
  gemNoDocument,
  goCleanCache,
  cargoRegistryClean,
  npmCi,
  npmOmitDev,
  composerNoDev,
  bundleWithoutDev,
  foldCleanupRun,
  copyChown,
  addRemoteArchive,
  mergeRun,
];

/** composer-clear-cache: `composer clear-cache` in the RUN that ran `composer install`, so Composer's download cache does not stay in the layer. */
import type { Transform } from '../../src/engine/types.js';
import { cacheCleanupFindings, type CleanupRule } from '../../src/lang/cache-cleanup.js';
import { MB } from '../../src/packages/run-gate.js';

const ID = 'composer-clear-cache';
const FILLING = new Set(['install', 'i', 'update', 'u', 'upgrade', 'require', 'r', 'create-project', 'reinstall']);

export const composerRule: CleanupRule = {
  rule: { id: ID, code: 'composer-clear-cache' },
  tool: 'composer',
  mentions: /\bcomposer\b/,
  nestedPattern: /\bcomposer(\.phar)?\s+(install|update|require|create-project)\b/,
  fills(inv) {
    if ([...inv.globalOptions, ...inv.rest].some((w) => w.value === '--no-cache')) return false; // Composer 2 global option: no cache is written
    const sub = inv.subcommand?.value ?? '';
    if (FILLING.has(sub)) return true;
    return sub === 'global' && FILLING.has(inv.rest[0]?.value ?? '');
  },
  cleans: (inv) => ['clear-cache', 'clearcache', 'cc'].includes(inv.subcommand?.value ?? ''),
  rmMarkers: /composer\/cache|\.composer|\.cache\/composer|\/tmp\/cache/,
  cacheDirs: ['/root/.composer/cache', '/root/.cache/composer', '/tmp/cache'],
  cacheMarkers: ['composer'],
  cacheVars: ['COMPOSER_CACHE_DIR', 'COMPOSER_HOME'],
  cleanupCommand: (composer) => `${composer} clear-cache`,
  message:
    'composer install keeps a copy of every downloaded package archive in its cache (~/.composer/cache or ~/.cache/composer) inside this layer; `composer clear-cache` in the same RUN removes it. (`clear-cache` exists in Composer 1 and 2, unlike the Composer 2-only `--no-cache`.)',
  estimate: () => ({
    bytes: 20 * MB,
    basis: 'heuristic',
    note: 'heuristic: Composer caches the zip of every package it downloaded, about half the size of vendor/; counted as 20 MB per RUN',
  }),
};

const transform: Transform = {
  meta: {
    id: ID,
    title: 'composer clear-cache in the install layer',
    tier: 'safe',
    category: 'layer',
    description: 'Adds `composer clear-cache` after the last composer command of a RUN that installs packages.',
    docs: 'transforms/composer-clear-cache/README.md',
  },
  run: (doc) => cacheCleanupFindings(doc, composerRule),
};

export default transform;

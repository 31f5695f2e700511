/** npm-cache-clean: `npm cache clean --force` in the RUN that ran `npm install`/`npm ci`, so ~/.npm does not stay in the layer. */
import type { Transform } from '../../src/engine/types.js';
import { cacheCleanupFindings, positionalCount, type CleanupRule } from '../../src/lang/cache-cleanup.js';
import { MB } from '../../src/packages/run-gate.js';
import type { ToolInvocation } from '../../src/shell/lang-invocations.js';

const ID = 'npm-cache-clean';

/** npm subcommands (and their aliases) that download packages into the cache. */
const FILLING = new Set([
  'install',
  'i',
  'in',
  'ins',
  'inst',
  'insta',
  'instal',
  'isnt',
  'isnta',
  'isntal',
  'isntall',
  'add',
  'ci',
  'clean-install',
  'ic',
  'install-clean',
  'isntall-clean',
  'install-ci-test',
  'cit',
  'install-test',
  'it',
  'update',
  'up',
  'upgrade',
  'udpate',
]);

const NOTE =
  'heuristic: npm keeps the compressed tarball of every package it fetched in ~/.npm/_cacache, roughly a third of the ' +
  'installed node_modules; counted as 40 MB for an install of a whole package.json and 5 MB per named package';

function hasOption(inv: ToolInvocation, name: string): boolean {
  return [...inv.globalOptions, ...inv.rest].some((w) => w.value === name || (w.value ?? '').startsWith(`${name}=`));
}

export const npmRule: CleanupRule = {
  rule: { id: ID, code: 'npm-cache-clean' },
  tool: 'npm',
  mentions: /\bnpm\b/,
  nestedPattern: /\bnpm\s+(i|install|ci|add|update)\b/,
  fills: (inv) => inv.subcommand?.value != null && FILLING.has(inv.subcommand.value),
  cleans: (inv) => inv.subcommand?.value === 'cache' && ['clean', 'clear', 'rm'].includes(inv.rest[0]?.value ?? ''),
  rmMarkers: /\.npm(\/|\/\*|["']?$)|_cacache/,
  cacheDirs: ['/root/.npm', '/home/node/.npm'],
  cacheMarkers: ['.npm', 'npm-cache', 'npm_cache', '/npm'],
  cacheVars: ['npm_config_cache', 'NPM_CONFIG_CACHE'],
  precheck(_doc, _run, fillers) {
    if (fillers.some((f) => hasOption(f, '--cache')))
      return { code: 'uncertain', detail: 'npm is given its own --cache directory on the command line' };
    if (fillers.some((f) => f.rest.some((w) => /^npm(@.*)?$/.test(w.value ?? '')))) {
      return {
        code: 'uncertain',
        detail:
          'the RUN replaces npm itself; the new npm may not run on this Node.js version, so no npm command is added after it',
      };
    }
    if (fillers.some((f) => hasOption(f, '--offline') || hasOption(f, '--prefer-offline'))) {
      return {
        code: 'uncertain',
        detail: 'npm runs --offline/--prefer-offline: the cache is probably prepared on purpose',
      };
    }
    return null;
  },
  cleanupCommand: (npm) => `${npm} cache clean --force`,
  message:
    'npm install/ci leaves the downloaded tarballs in ~/.npm inside this layer; `npm cache clean --force` in the same RUN removes them before the layer is committed.',
  estimate(fillers) {
    const bytes = fillers.reduce(
      (sum, f) => sum + (positionalCount(f) === 0 ? 40 * MB : 5 * MB * positionalCount(f)),
      0,
    );
    return { bytes, basis: 'heuristic', note: NOTE };
  },
};

const transform: Transform = {
  meta: {
    id: ID,
    title: 'npm cache clean in the install layer',
    tier: 'safe',
    category: 'layer',
    description:
      'Adds `npm cache clean --force` after the last npm command of a RUN that installs packages, so ~/.npm is not kept in the layer.',
    docs: 'transforms/npm-cache-clean/README.md',
  },
  run: (doc) => cacheCleanupFindings(doc, npmRule),
};

export default transform;

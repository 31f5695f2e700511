/** yarn-cache-clean: `yarn cache clean` in the RUN that ran `yarn install` (Yarn 1), so the yarn cache does not stay in the layer (hadolint DL3060). */
import type { Transform } from '../../src/engine/types.js';
import { cacheCleanupFindings, positionalCount, type CleanupRule } from '../../src/lang/cache-cleanup.js';
import { instructionText, instructionsUpTo } from '../../src/lang/rule-kit.js';
import { MB } from '../../src/packages/run-gate.js';
import type { ToolInvocation } from '../../src/shell/lang-invocations.js';

const ID = 'yarn-cache-clean';

/** Flags only Yarn 1 (classic) knows: their presence tells us `yarn cache clean` cannot touch a Plug'n'Play cache. */
const YARN1_FLAGS = new Set([
  '--frozen-lockfile',
  '--pure-lockfile',
  '--production',
  '--prod',
  '--no-lockfile',
  '--ignore-optional',
  '--network-timeout',
  '--non-interactive',
  '--prefer-offline',
  '--ignore-engines',
  '--no-progress',
  '--silent',
  '--flat',
  '--har',
  '--ignore-scripts',
  '--check-files',
  '--no-bin-links',
  '--link-duplicates',
  '--modules-folder',
]);
/** Signs of Yarn 2+ (berry), whose Plug'n'Play installs load packages from the cache at run time. */
const BERRY =
  /\.yarnrc\.yml|\.yarn\/(releases|cache)|yarn\s+set\s+version|yarn\s+policies\s+set-version|corepack|yarn\s+dlx|--immutable|workspaces\s+focus|nodeLinker|YARN_ENABLE/;

const NOTE =
  'heuristic: Yarn 1 keeps every package it fetched unpacked in its cache (/usr/local/share/.cache/yarn for root), about the size ' +
  'of node_modules; counted as 60 MB for an install of a whole package.json and 5 MB per added package';

function words(inv: ToolInvocation): string[] {
  return [...inv.globalOptions, ...inv.rest].map((w) => w.value ?? w.text);
}

function isFilling(inv: ToolInvocation): boolean {
  if (!inv.subcommand) return true; // bare `yarn` installs
  const sub = inv.subcommand.value;
  if (sub === null) return false;
  if (sub.startsWith('-')) return false;
  if (sub === 'install' || sub === 'add' || sub === 'upgrade' || sub === 'import') return true;
  return sub === 'global' && ['add', 'upgrade'].includes(inv.rest[0]?.value ?? '');
}

export const yarnRule: CleanupRule = {
  rule: { id: ID, code: 'yarn-cache-clean', hadolint: 'DL3060' },
  tool: 'yarn',
  mentions: /\byarn(pkg)?\b/,
  nestedPattern: /\byarn\b/,
  fills: isFilling,
  cleans: (inv) => inv.subcommand?.value === 'cache' && inv.rest[0]?.value === 'clean',
  rmMarkers: /\.cache\/yarn|yarn-cache|\.yarn-cache|\.yarn\/cache|\/yarn\/v\d/,
  cacheDirs: ['/usr/local/share/.cache/yarn', '/root/.cache/yarn', '/home/node/.cache/yarn'],
  cacheMarkers: ['yarn'],
  cacheVars: ['YARN_CACHE_FOLDER'],
  precheck(doc, run, fillers) {
    if (fillers.some((f) => words(f).some((w) => w === '--cache-folder' || w.startsWith('--cache-folder=')))) {
      return {
        code: 'uncertain',
        detail: 'yarn is given its own --cache-folder; `yarn cache clean` would clean the default one',
      };
    }
    const before = instructionsUpTo(doc, run.ins);
    const text = before.map((i) => instructionText(doc, i)).join('\n');
    if (BERRY.test(text)) {
      return {
        code: 'uncertain',
        detail:
          "this looks like Yarn 2+ (berry): with Plug'n'Play the app loads its packages from the yarn cache, so cleaning it could break it",
      };
    }
    const yarn1 = fillers.some(
      (f) => f.subcommand?.value === 'global' || words(f).some((w) => YARN1_FLAGS.has(w.split('=')[0])),
    );
    if (yarn1) return null;
    const wholeContext = before.some(
      (i) =>
        (i.keyword === 'COPY' || i.keyword === 'ADD') &&
        !i.flags.some((f) => f.name === 'from') &&
        i.args.slice(0, -1).some((a) => /^(\.|\.\/|\*|\.\/\*)$/.test(a.value)),
    );
    if (wholeContext) {
      return {
        code: 'uncertain',
        detail:
          "the whole build context is copied before this RUN; it may carry a .yarnrc.yml that switches to Yarn 2+ (Plug'n'Play loads packages from the cache)",
      };
    }
    return null;
  },
  cleanupCommand: (yarn) => `${yarn} cache clean`,
  message:
    'yarn install leaves every fetched package in the yarn cache inside this layer; `yarn cache clean` in the same RUN removes it before the layer is committed.',
  estimate(fillers) {
    const bytes = fillers.reduce((sum, f) => {
      const n =
        f.subcommand?.value === 'add' || f.subcommand?.value === 'global'
          ? Math.max(1, positionalCount(f) - (f.subcommand?.value === 'global' ? 1 : 0))
          : 0;
      return sum + (n === 0 ? 60 * MB : 5 * MB * n);
    }, 0);
    return { bytes, basis: 'heuristic', note: NOTE };
  },
};

const transform: Transform = {
  meta: {
    id: ID,
    title: 'yarn cache clean in the install layer',
    tier: 'safe',
    category: 'layer',
    description:
      'Adds `yarn cache clean` after the last yarn command of a RUN that installs packages with Yarn 1 (hadolint DL3060).',
    docs: 'transforms/yarn-cache-clean/README.md',
  },
  run: (doc) => cacheCleanupFindings(doc, yarnRule),
};

export default transform;

/** cargo-registry-clean: remove Cargo's registry and git caches after the last cargo command of a stage that ends up in an image. */
import type { Transform } from '../../src/engine/types.js';
import { cacheCleanupFindings, type CleanupRule } from '../../src/lang/cache-cleanup.js';
import { MB } from '../../src/packages/run-gate.js';
import { toolUsedLater } from '../../src/lang/toolchain-use.js';

const ID = 'cargo-registry-clean';
const FILLING = new Set([
  'build',
  'b',
  'install',
  'fetch',
  'update',
  'run',
  'r',
  'test',
  't',
  'check',
  'c',
  'vendor',
  'generate-lockfile',
  'doc',
]);
const USES =
  /\bcargo\s+(\+\S+\s+)?(build|b|install|fetch|update|run|r|test|t|check|c|vendor|generate-lockfile|doc|clippy)\b/;
const CARGO_HOME = '${CARGO_HOME:-$HOME/.cargo}';

export const cargoRule: CleanupRule = {
  rule: { id: ID, code: 'cargo-registry-clean' },
  tool: 'cargo',
  mentions: USES,
  nestedPattern: USES,
  fills: (inv) => FILLING.has(inv.subcommand?.value ?? ''),
  cleans: () => false,
  rmMarkers: /cargo\/registry|CARGO_HOME\}?\/registry|\.cargo\b/,
  cacheDirs: ['/usr/local/cargo/registry', '/root/.cargo/registry', '/usr/local/cargo/git', '/root/.cargo/git'],
  cacheMarkers: ['cargo'],
  cacheVars: ['CARGO_HOME'],
  precheck: (doc, run) => toolUsedLater(doc, run.ins, 'cargo', USES),
  cleanupCommand: () => `rm -rf "${CARGO_HOME}/registry" "${CARGO_HOME}/git"`,
  anchor: 'end',
  message:
    'cargo leaves the crates.io index, the downloaded .crate files and their unpacked sources in $CARGO_HOME/registry (and git dependencies in $CARGO_HOME/git) in this layer of an image stage; nothing later in the stage uses cargo, so they can go. Installed binaries in $CARGO_HOME/bin stay.',
  estimate: () => ({
    bytes: 100 * MB,
    basis: 'heuristic',
    note: 'heuristic: the sparse or git index plus the sources of a few hundred crates; counted as 100 MB per RUN',
  }),
};

const transform: Transform = {
  meta: {
    id: ID,
    title: 'remove the cargo registry cache after the last cargo command of an image stage',
    tier: 'review',
    category: 'layer',
    description:
      'Removes $CARGO_HOME/registry and $CARGO_HOME/git in the RUN that last uses cargo in a stage that ends up in an image.',
    docs: 'transforms/cargo-registry-clean/README.md',
  },
  run: (doc) => cacheCleanupFindings(doc, cargoRule),
};

export default transform;

/** cargo-registry-clean: remove Cargo's registry and git caches after the last cargo command of a stage that ends up in an image. */
import type { Transform } from '../../src/engine/types.js';
import { cacheCleanupFindings, type CleanupRule } from '../../src/lang/cache-cleanup.js';
import { MB } from '../../src/packages/run-gate.js';
import { toolUsedLater } from '../../src/lang/toolchain-use.js';
import type { SourceDockerfile, InstructionNode } from '../../src/parse/document.js';
import { instructionsBefore } from '../../src/parse/stage-history.js';
import { cacheMountServing } from '../../src/parse/cache-mounts.js';
import { findInvocations, isInvocationFailure, type ToolInvocation } from '../../src/shell/lang-invocations.js';

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
/** Subcommands that build the project in the working directory: they fetch its dependencies only when no earlier layer did. */
const PROJECT = new Set(['build', 'b', 'test', 't', 'check', 'c', 'run', 'r', 'doc']);
const CACHE_DIRS = ['/usr/local/cargo/registry', '/root/.cargo/registry', '/usr/local/cargo/git', '/root/.cargo/git'];

/** The command runs without the network (`--offline`, `--frozen`, CARGO_NET_OFFLINE=true): it adds nothing to the registry. */
function offline(inv: ToolInvocation, vars: ReadonlyMap<string, string | null>): boolean {
  const env = inv.unwrapped.env.get('CARGO_NET_OFFLINE') ?? vars.get('CARGO_NET_OFFLINE');
  return inv.rest.some((w) => w.value === '--offline' || w.value === '--frozen') || env === 'true';
}

/** A build of the local project (`cargo build`, `cargo install --path .`), as opposed to fetching named crates. */
function projectBuild(inv: ToolInvocation): boolean {
  const sub = inv.subcommand?.value ?? '';
  if (PROJECT.has(sub)) return true;
  return sub === 'install' && inv.rest.some((w) => w.value === '--path' || w.value?.startsWith('--path='));
}

/**
 * The earlier RUN (in the stage or the stages it is built on) that already fetched the project's crates into
 * the registry of its own layer (`cargo fetch`, `cargo build`, `cargo chef cook`), with no COPY/ADD of
 * Cargo.toml or Cargo.lock after it; null when there is none.
 */
function fetchedEarlier(doc: SourceDockerfile, ins: InstructionNode): InstructionNode | null {
  let found: InstructionNode | null = null;
  for (const i of instructionsBefore(doc, ins)) {
    if ((i.keyword === 'COPY' || i.keyword === 'ADD') && i.args.some((a) => /Cargo\.(toml|lock)/.test(a.value))) {
      found = null;
      continue;
    }
    const script = i.keyword === 'RUN' ? i.run?.shell?.script : undefined;
    if (!script || script.hasErrors || cacheMountServing(i, CACHE_DIRS, ['cargo'])) continue;
    const fetched = findInvocations(script.commands).some(
      (v) =>
        !isInvocationFailure(v) &&
        v?.tool === 'cargo' &&
        (['fetch', 'vendor'].includes(v.subcommand?.value ?? '') ||
          (v.subcommand?.value === 'chef' && v.rest[0]?.value === 'cook') ||
          projectBuild(v)),
    );
    if (fetched) found = i;
  }
  return found;
}

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
  precheck(doc, run, fillers, vars) {
    const later = toolUsedLater(doc, run.ins, 'cargo', USES);
    if (later) return later;
    if (fillers.every((f) => offline(f, vars)))
      return {
        code: 'no-saving',
        detail:
          'every cargo command of this RUN runs offline (`--offline`, `--frozen` or CARGO_NET_OFFLINE=true): it reads crates fetched in an older layer and adds none to the registry, so removing it here frees nothing',
      };
    const earlier = fillers.every(projectBuild) ? fetchedEarlier(doc, run.ins) : null;
    if (earlier)
      return {
        code: 'no-saving',
        detail: `the RUN on line ${doc.lines.lineAt(earlier.span.start) + 1} already fetched the project's crates into the registry of its own layer, and this RUN only builds the project (no Cargo.toml/Cargo.lock copied since): removing the registry here frees nothing`,
      };
    return null;
  },
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

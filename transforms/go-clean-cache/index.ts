/** go-clean-cache: `go clean -cache -modcache` after the last go command of a stage that ends up in an image. */
import type { Transform } from '../../src/engine/types.js';
import { cacheCleanupFindings, type CleanupRule } from '../../src/lang/cache-cleanup.js';
import { rootOfficialImage } from '../../src/lang/rule-kit.js';
import { MB } from '../../src/packages/run-gate.js';
import { toolUsedLater } from '../../src/lang/toolchain-use.js';

const ID = 'go-clean-cache';
const FILLING = new Set(['build', 'install', 'get', 'test', 'run', 'vet', 'generate', 'list']);
const USES = /\bgo\s+(build|install|get|test|run|vet|generate|list|mod)\b/;

/** `go clean -cache/-modcache` with no package arguments cleans only the caches (golang.org/issue/29925); older go also cleaned the package in the current directory. */
const MIN_GO = [1, 14];

function goVersionOk(tag: string | null | undefined): boolean | null {
  if (!tag) return null;
  const m = /^(\d+)\.(\d+)/.exec(tag);
  if (!m) return /^(latest|alpine|bookworm|bullseye|trixie)/.test(tag) ? true : null;
  const [maj, min] = [Number(m[1]), Number(m[2])];
  return maj > MIN_GO[0] || (maj === MIN_GO[0] && min >= MIN_GO[1]);
}

export const goRule: CleanupRule = {
  rule: { id: ID, code: 'go-clean-cache' },
  tool: 'go',
  mentions: USES,
  nestedPattern: USES,
  fills(inv) {
    const sub = inv.subcommand?.value ?? '';
    if (FILLING.has(sub)) return true;
    return sub === 'mod' && ['download', 'tidy', 'vendor'].includes(inv.rest[0]?.value ?? '');
  },
  cleans: (inv) =>
    inv.subcommand?.value === 'clean' && inv.rest.some((w) => w.value === '-modcache' || w.value === '-cache'),
  rmMarkers: /go-build|pkg\/mod|\.cache\/go/,
  cacheDirs: ['/root/.cache/go-build', '/go/pkg/mod', '/root/go/pkg/mod'],
  cacheMarkers: ['go-build', 'pkg/mod', 'gocache', 'gomod', 'go/cache'],
  cacheVars: ['GOCACHE', 'GOMODCACHE'],
  precheck(doc, run) {
    const later = toolUsedLater(doc, run.ins, 'go', USES);
    if (later) return later;
    const root = rootOfficialImage(doc, run.stage);
    const stage = run.stage && doc.stages[run.stage.root];
    const ok = root === 'golang' ? goVersionOk(stage?.image?.parsed?.tag ?? 'latest') : null;
    if (ok !== true) {
      return {
        code: 'uncertain',
        detail: `the Go version is not known to be ${MIN_GO.join('.')} or newer (older go clean also deletes the binary built in the current directory)`,
      };
    }
    return null;
  },
  cleanupCommand: (go) => `${go} clean -cache -modcache`,
  anchor: 'end',
  message:
    'go build/go mod download leave the module cache (GOPATH/pkg/mod) and the build cache (~/.cache/go-build) in this layer of an image stage; nothing later in the stage uses go, so `go clean -cache -modcache` removes them. Review: the app must not read files from the module cache at run time.',
  estimate: () => ({
    bytes: 150 * MB,
    basis: 'heuristic',
    note: 'heuristic: a typical service has 50-100 MB of module sources and 100+ MB of build cache; counted as 150 MB per RUN',
  }),
};

const transform: Transform = {
  meta: {
    id: ID,
    title: 'go clean -cache -modcache after the last go build of an image stage',
    tier: 'review',
    category: 'layer',
    description:
      'Removes the Go module and build caches in the RUN that last uses go in a stage that ends up in an image.',
    docs: 'transforms/go-clean-cache/README.md',
  },
  run: (doc) => cacheCleanupFindings(doc, goRule),
};

export default transform;

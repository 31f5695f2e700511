/**
 * apt-lists-cleanup (hadolint DL3009): remove /var/lib/apt/lists/* at the end of the RUN that ran
 * `apt-get update`, so the package lists never reach the layer.
 */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import { aptConfiguredForCacheMounts, aptUsage, laterListReader } from '../../src/packages/apt-usage.js';
import { cacheMountServing, OS_PACKAGE_CACHE_DIRS } from '../../src/parse/cache-mounts.js';
import { gateRun, MB, stageBytes } from '../../src/packages/run-gate.js';
import { appendToRun } from '../../src/edit/append-command.js';

const ID = 'apt-lists-cleanup';
const UPDATE = /(^|[^\w./-])(apt-get|apt|aptitude)["',\s]+(-[^\s"',]+["',\s]+)*update\b/;
const NOTE =
  'Heuristic: ~30 MB per `apt-get update` (the Packages/Sources indexes are ~20 MB for Debian main, ~40 MB for Ubuntu main+universe, per architecture).';

const transform: Transform = {
  meta: {
    id: ID,
    title: 'Remove apt package lists in the RUN that downloads them',
    tier: 'safe',
    category: 'layer',
    description: 'Appends `rm -rf /var/lib/apt/lists/*` to a RUN that runs `apt-get update` (DL3009).',
    docs: 'transforms/apt-lists-cleanup/README.md',
  },
  run(doc) {
    const out: FindingDraft[] = [];
    const configured = aptConfiguredForCacheMounts(doc);
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const base = { code: ID, span: ins.span, hadolint: 'DL3009' };
      const gate = gateRun(doc, ins);
      if (!gate.body) {
        if (UPDATE.test(doc.text.slice(ins.span.start, ins.span.end))) {
          out.push(
            skipFinding(
              base,
              ins.span,
              gate.skipped.code,
              gate.skipped.detail,
              'This RUN runs `apt-get update` but slimify cannot add the list cleanup here.',
            ),
          );
        }
        continue;
      }
      const usage = aptUsage(doc, ins);
      if (!usage || !(usage.updates.length || usage.refreshes) || usage.cleansLists) continue;
      const message =
        '`apt-get update` leaves ~30 MB of package lists in /var/lib/apt/lists; removing them in the same RUN keeps them out of the layer (a later RUN cannot take them out again).';
      const skip = (code: NonNullable<FindingDraft['skipped']>['code'], detail: string) =>
        out.push(skipFinding(base, ins.span, code, detail, message));
      const mount = cacheMountServing(ins, OS_PACKAGE_CACHE_DIRS.apt);
      if (mount) {
        skip(
          'cache-mount',
          `a BuildKit cache mount on ${mount} keeps apt's files between builds; cleaning them would defeat it`,
        );
        continue;
      }
      if (configured) {
        skip(
          'cache-mount',
          'the file configures apt for cache mounts (docker-clean / Keep-Downloaded-Packages); its apt caches are managed on purpose',
        );
        continue;
      }
      if (usage.opaque) {
        skip('uncertain', usage.opaque);
        continue;
      }
      const reader = laterListReader(doc, ins);
      if (reader) {
        skip('uncertain', `the lists are still needed later: ${reader.why}`);
        continue;
      }
      const sudo = usage.updates.some((u) => u.wrappers.includes('sudo')) ? 'sudo ' : '';
      const plan = appendToRun(doc, ins, gate.body, `${sudo}rm -rf /var/lib/apt/lists/*`);
      if (!plan.edit) {
        skip(plan.skipped.code, plan.skipped.detail);
        continue;
      }
      out.push({ ...base, message, edits: [plan.edit], estimate: stageBytes(doc, ins, 30 * MB, NOTE) });
    }
    return out;
  },
};

export default transform;

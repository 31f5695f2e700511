/**
 * rpm-cache-cleanup (hadolint DL3032 yum, DL3040 dnf/microdnf, DL3036 zypper): clean the package
 * manager's cache at the end of the RUN that filled it.
 */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import { cacheMountServing, OS_PACKAGE_CACHE_DIRS } from '../../src/parse/cache-mounts.js';
import { gateRun, stageBytes } from '../../src/packages/run-gate.js';
import {
  CACHE_ESTIMATE,
  CLEANUP,
  cleansCache,
  FETCHING,
  RPM_TOOLS,
  type RpmTool,
} from '../../src/packages/rpm-managers.js';
import { appendToRun } from '../../src/edit/append-command.js';
import { findCommands, findInStrings, hasFlag } from '../../src/shell/find-commands.js';

const ID = 'rpm-cache-cleanup';
const HADOLINT: Record<RpmTool, string> = { yum: 'DL3032', dnf: 'DL3040', microdnf: 'DL3040', zypper: 'DL3036' };
const MENTION =
  /(^|[^\w./-])(yum|dnf|microdnf|zypper)["',\s]+(-[^\s"',]+["',\s]+)*(install|update|upgrade|in|up|dup|dist-upgrade)\b/;

const transform: Transform = {
  meta: {
    id: ID,
    title: 'Clean the yum/dnf/microdnf/zypper cache in the same RUN',
    tier: 'safe',
    category: 'layer',
    description:
      'Appends `yum clean all && rm -rf /var/cache/yum` (dnf, microdnf, zypper alike) to a RUN that installs packages (DL3032, DL3040, DL3036).',
    docs: 'transforms/rpm-cache-cleanup/README.md',
  },
  run(doc) {
    const out: FindingDraft[] = [];
    const keepcache = /keepcache\s*=\s*(1|true|yes)/i.test(doc.text);
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const gate = gateRun(doc, ins);
      if (!gate.body) {
        const m = MENTION.exec(doc.text.slice(ins.span.start, ins.span.end));
        if (m) {
          const tool = m[2] as RpmTool;
          out.push(
            skipFinding(
              { code: ID, hadolint: HADOLINT[tool] },
              ins.span,
              gate.skipped.code,
              gate.skipped.detail,
              `This RUN runs \`${tool}\` but slimify cannot add the cache cleanup here.`,
            ),
          );
        }
        continue;
      }
      const body = gate.body;
      const all = findCommands(body.script, [...RPM_TOOLS]);
      const fetching = all.filter(
        (i) =>
          i.subcommand !== null &&
          FETCHING[i.tool as RpmTool].includes(i.subcommand) &&
          !hasFlag(i.argv, { long: ['--downloadonly'] }),
      );
      const tools = [...new Set(fetching.map((i) => i.tool as RpmTool))].filter(
        (t) => !cleansCache(t, all, body.script.commands),
      );
      if (!tools.length) continue;
      const tool = tools[0];
      const message = `\`${tools.join('`, `')}\` keeps repository metadata and packages in its cache; cleaning it in the same RUN keeps them out of the layer (a later RUN cannot take them out again).`;
      const rule = { code: ID, hadolint: HADOLINT[tool] };
      const base = { ...rule, span: ins.span, message };
      const skip = (code: NonNullable<FindingDraft['skipped']>['code'], detail: string) =>
        out.push(skipFinding(rule, ins.span, code, detail, message));
      const mount = cacheMountServing(ins, OS_PACKAGE_CACHE_DIRS.rpm);
      if (mount) {
        skip(
          'cache-mount',
          `a BuildKit cache mount on ${mount} keeps the cache between builds; cleaning it would defeat the mount`,
        );
        continue;
      }
      if (keepcache) {
        skip('uncertain', 'the file sets keepcache: the cache is kept on purpose');
        continue;
      }
      if (findInStrings(body.script, [...RPM_TOOLS]).length) {
        skip('uncertain', 'the package manager also runs inside a quoted string that slimify does not rewrite');
        continue;
      }
      const reader = laterCacheOnly(doc, ins.index, ins.stage, tools);
      if (reader) {
        skip('uncertain', `the RUN on line ${reader} uses the cache only (-C/--cacheonly)`);
        continue;
      }
      const sudo = fetching.some((i) => i.wrappers.includes('sudo')) ? 'sudo ' : '';
      const commands = tools.flatMap((t) => CLEANUP[t].map((c) => sudo + c));
      const plan = appendToRun(doc, ins, body, commands);
      if (!plan.edit) {
        skip(plan.skipped.code, plan.skipped.detail);
        continue;
      }
      const bytes = tools.reduce((s, t) => s + CACHE_ESTIMATE[t].bytes, 0);
      out.push({
        ...base,
        edits: [plan.edit],
        estimate: stageBytes(doc, ins, bytes, tools.map((t) => CACHE_ESTIMATE[t].note).join(' ')),
      });
    }
    return out;
  },
};

/** Line of a later RUN in the stage that runs one of the tools with `-C`/`--cacheonly`, or null. */
function laterCacheOnly(
  doc: Parameters<Transform['run']>[0],
  index: number,
  stage: number,
  tools: RpmTool[],
): number | null {
  for (const i of doc.instructions) {
    if (i.index <= index || i.stage !== stage || !i.run?.shell) continue;
    const uses = findCommands(i.run.shell.script, tools).some(
      (inv) =>
        hasFlag(inv.before, { short: 'C', long: ['--cacheonly'] }) || hasFlag(inv.after, { long: ['--cacheonly'] }),
    );
    if (uses) return doc.lines.lineAt(i.span.start) + 1;
  }
  return null;
}

export default transform;

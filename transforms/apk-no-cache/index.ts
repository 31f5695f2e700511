/**
 * apk-no-cache (hadolint DL3019): `apk add --no-cache` fetches the index for this command only and
 * keeps nothing in /var/cache/apk, so the `apk update` before it and the `rm -rf /var/cache/apk/*`
 * after it become useless and go. Also reports `apk add --virtual X` whose `apk del X` is in another RUN.
 */
import type { Edit, FindingDraft, Transform } from '../../src/engine/types.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import type { ShellBody } from '../../src/parse/document.js';
import { cacheMountServing, OS_PACKAGE_CACHE_DIRS } from '../../src/parse/cache-mounts.js';
import { afterWord, gateRun, MB, stageBytes } from '../../src/packages/run-gate.js';
import { findCommands, findInStrings, hasFlag, operands, type ToolInvocation } from '../../src/shell/find-commands.js';
import { commandBasename } from '../../src/shell/wrapped-command.js';
import { removeChainItem } from '../../src/edit/remove-chain-item.js';
import { baseRelease, olderThan } from '../../src/parse/legacy-base.js';
import { OPTION_SINCE, pinVerdict } from '../../src/lang/tool-pins.js';
import { instructionsBefore } from '../../src/parse/stage-history.js';

const ID = 'apk-no-cache';
const ADD = /(^|[^\w./-])apk["',\s]+(-[^\s"',]+["',\s]+)*add\b/;
const APK_CACHE = /^\/var\/cache\/apk(\/\*?)?$/;
/** apk subcommands that read the repository index (and, without --no-cache, store it in /var/cache/apk). */
const READS_INDEX = new Set(['upgrade', 'fix', 'fetch', 'search', 'dot', 'policy', 'version', 'list']);

const transform: Transform = {
  meta: {
    id: ID,
    title: 'apk add --no-cache',
    tier: 'safe',
    category: 'layer',
    description:
      'Uses `apk add --no-cache` and drops the now useless `apk update` and `rm -rf /var/cache/apk/*` (DL3019); reports build dependencies added and deleted in different RUNs.',
    docs: 'transforms/apk-no-cache/README.md',
  },
  run(doc) {
    const out: FindingDraft[] = [];
    // A persistent apk cache configured on purpose (`ln -s /var/cache/apk /etc/apk/cache`, `--cache-dir`).
    const configured = /\/etc\/apk\/cache|--cache-dir/.test(doc.text);
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const base = { code: ID, hadolint: 'DL3019', span: ins.span };
      const gate = gateRun(doc, ins);
      if (!gate.body) {
        if (
          ADD.test(doc.text.slice(ins.span.start, ins.span.end)) &&
          !/--no-cache/.test(doc.text.slice(ins.span.start, ins.span.end))
        ) {
          out.push(
            skipFinding(
              base,
              ins.span,
              gate.skipped.code,
              gate.skipped.detail,
              'This RUN runs `apk add` but slimify cannot add `--no-cache` here.',
            ),
          );
        }
        continue;
      }
      const body = gate.body;
      const script = body.script;
      const apk = findCommands(script, 'apk');
      out.push(...virtualSplit(doc, ins.index, ins.stage, apk, body));
      // `apk add --no-network` reads no index and fetches nothing, so it leaves nothing in /var/cache/apk.
      const adds = apk.filter(
        (i) =>
          i.subcommand === 'add' &&
          !hasFlag(i.argv, { long: ['--no-cache'] }) &&
          !hasFlag(i.argv, { long: ['--no-network'] }),
      );
      if (!adds.length) continue;
      const message =
        '`apk add` without `--no-cache` leaves the package index (~2.5 MB) in /var/cache/apk; `--no-cache` fetches it for this command only, so no `apk update` or cache cleanup is needed.';
      const skip = (code: NonNullable<FindingDraft['skipped']>['code'], detail: string) =>
        out.push(skipFinding(base, ins.span, code, detail, message));
      const mount = cacheMountServing(ins, OS_PACKAGE_CACHE_DIRS.apk);
      if (mount) {
        skip(
          'cache-mount',
          `a BuildKit cache mount on ${mount} keeps apk's cache between builds; --no-cache would bypass it`,
        );
        continue;
      }
      // `--no-cache` came with apk-tools 2.6 (Alpine 3.3); older apk stops with "unrecognized option".
      const old = olderThan(baseRelease(doc, doc.stages[ins.stage] ?? null), { alpine: [3, 3] });
      if (old) {
        skip('uncertain', `${old}: apk there predates --no-cache (apk-tools 2.6, Alpine 3.3) and would reject it`);
        continue;
      }
      const pinned = pinVerdict(doc, ins, OPTION_SINCE.apkNoCache, 'apk-tools', adds[0].command.span.start);
      if (pinned?.allows === 'no') {
        skip(
          'uncertain',
          `line ${pinned.pin.line} pins apk-tools (${pinned.pin.text}) to a version without --no-cache (apk-tools 2.6+)`,
        );
        continue;
      }
      if (configured) {
        skip('cache-mount', 'the file configures a persistent apk cache (/etc/apk/cache or --cache-dir)');
        continue;
      }
      if (findInStrings(script, ['apk']).length) {
        skip('uncertain', 'apk also runs inside a quoted string (`sh -c "..."`) that slimify does not rewrite');
        continue;
      }
      // apk keeps the index it reads in /var/cache/apk unless that command runs with --no-cache: an
      // `apk update`, `apk -U upgrade` or `apk upgrade` that stays in the RUN writes it anyway, so
      // --no-cache on the adds alone saves nothing and the cleanup must stay (issue 11, class 3).
      const others = apk.filter((i) => i.subcommand !== 'update' && i.subcommand !== 'add' && i.subcommand !== 'del');
      const indexWriter = others.find(
        (i) => READS_INDEX.has(i.subcommand ?? '') && !hasFlag(i.argv, { long: ['--no-cache'] }),
      );
      if (indexWriter) {
        skip(
          'no-saving',
          `\`apk ${indexWriter.subcommand}\` in this RUN reads the package index without --no-cache and keeps it in /var/cache/apk; --no-cache on \`apk add\` alone would save nothing`,
        );
        continue;
      }
      // The index an earlier layer wrote stays in that layer: when this RUN fetches no index of its own
      // (no `apk update`, no -U), `apk add` reads that one and writes nothing, so --no-cache frees nothing.
      const fetchesIndex = apk.some(
        (i) => i.subcommand === 'update' || hasFlag(i.argv, { short: 'U', long: ['--update-cache', '--update'] }),
      );
      const earlier = fetchesIndex ? null : earlierIndexLayer(doc, ins);
      if (earlier !== null) {
        skip(
          'no-saving',
          `the package index in /var/cache/apk comes from the \`apk update\` on line ${earlier}, in its own layer, and this RUN fetches none; --no-cache here would free nothing (drop that \`apk update\` and put --no-cache on every \`apk add\` to free it)`,
        );
        continue;
      }
      const edits: Edit[] = adds.map((i) => {
        const at = afterWord(body, i.argv[i.subcommandIndex]);
        return { start: at, end: at, text: ' --no-cache' };
      });
      // `apk update` / `rm -rf /var/cache/apk/*` as their own top-level items go when every other
      // apk command of the RUN is an add (now --no-cache) or a del: nothing else reads the index.
      const updates = apk.filter((i) => i.subcommand === 'update');
      const removable = new Set<number>();
      let removedUpdates = 0;
      if (!others.length) {
        for (const u of updates) {
          const item = script.chain[u.command.chainIndex];
          if (item.simple !== u.command || u.wrappers.length) continue;
          removable.add(u.command.chainIndex);
          removedUpdates++;
        }
      }
      if (removedUpdates === updates.length) {
        script.chain.forEach((item, index) => {
          const c = item.simple;
          if (!c || commandBasename(c.name) !== 'rm') return;
          const paths = c.args.filter((a) => !(a.value ?? a.text).startsWith('-'));
          if (paths.length && paths.every((a) => APK_CACHE.test(a.value ?? a.text))) removable.add(index);
        });
      }
      // Keep at least one item, and never two adjacent removals that would eat each other's joins.
      const removals: Edit[] = [];
      const removed = new Set<number>();
      for (const index of [...removable].sort((a, b) => a - b)) {
        if (removals.length + 1 >= script.chain.length) break;
        const e = removeChainItem(doc, body, index);
        if (e && !removals.some((r) => r.end >= e.start && e.end >= r.start)) {
          removals.push(e);
          removed.add(index);
        }
      }
      const keptUpdate = updates.find((u) => !removed.has(u.command.chainIndex));
      if (keptUpdate) {
        skip(
          'no-saving',
          '`apk update` stays in this RUN (another apk command or a wrapper needs it) and writes the index into /var/cache/apk; --no-cache on `apk add` alone would save nothing',
        );
        continue;
      }
      const hadCleanup = removesApkCache(body);
      const n = adds.reduce((k, i) => k + Math.max(1, operands(i).length), 0);
      out.push({
        ...base,
        message,
        edits: [...edits, ...removals],
        estimate: stageBytes(
          doc,
          ins,
          hadCleanup ? 0 : Math.round(2.5 * MB),
          hadCleanup
            ? `The RUN already removed /var/cache/apk; no size change, one idiomatic flag instead of update + cleanup (${n} package(s)).`
            : 'Heuristic: ~2.5 MB for the APKINDEX files of main and community kept in /var/cache/apk.',
        ),
      });
    }
    return out;
  },
};

function removesApkCache(body: ShellBody): boolean {
  return body.script.commands.some(
    (c) => commandBasename(c.name) === 'rm' && c.args.some((a) => APK_CACHE.test(a.value ?? a.text)),
  );
}

/** `apk add --virtual NAME` in this RUN whose `apk del NAME` is in a later RUN of the stage: the packages stay in this layer. */
function virtualSplit(
  doc: Parameters<Transform['run']>[0],
  index: number,
  stage: number,
  apk: ToolInvocation[],
  body: ShellBody,
): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const add of apk) {
    if (add.subcommand !== 'add') continue;
    const words = add.after;
    const at = words.findIndex((w) => w.value === '--virtual' || w.value === '-t');
    const name =
      at !== -1
        ? words[at + 1]?.value
        : words.find((w) => w.value?.startsWith('--virtual='))?.value?.slice('--virtual='.length);
    if (!name) continue;
    if (apk.some((d) => d.subcommand === 'del' && d.after.some((w) => w.value === name))) continue;
    const later = doc.instructions.find(
      (i) =>
        i.index > index &&
        i.stage === stage &&
        i.keyword === 'RUN' &&
        i.run?.shell &&
        findCommands(i.run.shell.script, 'apk', { subcommands: ['del'] }).some((d) =>
          d.after.some((w) => w.value === name),
        ),
    );
    if (!later) continue;
    out.push({
      code: 'apk-virtual-split',
      message: `Build dependencies \`${name}\` are added here but deleted in the RUN on line ${doc.lines.lineAt(later.span.start) + 1}: deleting them in another layer does not make the image smaller. Add, use and \`apk del ${name}\` in one RUN.`,
      span: body.fileSpan(add.command.span.start, add.command.span.end),
      skipped: { code: 'uncertain', detail: 'merging RUN instructions is left to the RUN-merging transform or to you' },
      estimate: {
        bytes: null,
        basis: 'heuristic',
        note: 'The size of the virtual package group: unknown without resolving the packages.',
      },
    });
  }
  return out;
}

export default transform;

/**
 * The 1-based line of an earlier RUN of the stage's filesystem (base stages included) that fetched the
 * apk index without --no-cache (`apk update`, `apk add -U`, `apk upgrade -U`) and did not remove
 * /var/cache/apk afterwards in the same RUN; null when there is none.
 */
function earlierIndexLayer(
  doc: Parameters<Transform['run']>[0],
  ins: Parameters<typeof instructionsBefore>[1],
): number | null {
  let line: number | null = null;
  for (const i of instructionsBefore(doc, ins)) {
    const script = i.keyword === 'RUN' ? i.run?.shell?.script : undefined;
    if (!script || script.hasErrors) continue;
    const apk = findCommands(script, 'apk');
    const writes = apk.some(
      (a) =>
        !hasFlag(a.argv, { long: ['--no-cache'] }) &&
        (a.subcommand === 'update' || hasFlag(a.argv, { short: 'U', long: ['--update-cache', '--update'] })),
    );
    const cleans = script.commands.some(
      (c) => commandBasename(c.name) === 'rm' && c.args.some((w) => APK_CACHE.test(w.value ?? '')),
    );
    if (writes && !cleans) line = doc.lines.lineAt(i.span.start) + 1;
    else if (cleans) line = null;
  }
  return line;
}

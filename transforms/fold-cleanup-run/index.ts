/** fold-cleanup-run: a RUN that only deletes files is folded into the earlier RUN of the stage, where the deletion actually saves space. */
import type { FindingDraft } from '../../src/engine/types.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import type { InstructionNode, SourceDockerfile } from '../../src/parse/document.js';
import { adjacentJoinEdits, moveJoinEdits, planWraps, runPart } from '../../src/edit/run-join.js';
import { cleanupOnly } from '../../src/shell/cleanup-commands.js';
import { createdRemovals, removals, type Removal } from '../../src/shell/created-paths.js';
import { alreadyKept } from '../../src/packages/kept-caches.js';
import { notInFinalImage } from '../../src/parse/stage-ships.js';
import { instructionsBefore, resolvePath, workdirAt } from '../../src/parse/stage-history.js';

const ID = 'fold-cleanup-run';

/** Instructions that only set image metadata and do not run anything at build time. */
const METADATA = new Set([
  'LABEL',
  'EXPOSE',
  'MAINTAINER',
  'STOPSIGNAL',
  'CMD',
  'ENTRYPOINT',
  'HEALTHCHECK',
  'ENV',
  'ARG',
]);

/** Rough size of well-known caches, for the estimate (see README). */
const KNOWN_SIZES: [RegExp, number, string][] = [
  [
    /^\/var\/lib\/apt\/lists(\/\*?)?$/,
    20_000_000,
    'apt package lists ≈ 20 MB (Debian/Ubuntu main + updates + security)',
  ],
];

/**
 * The COPY/ADD (before `earlier`, in its stage and the stages it is built on) that put the very path
 * a removal of `later` deletes: the destination file, or `dest/<source name>` for a destination
 * directory. Deleting such a path in a RUN cannot free the COPY/ADD layer's bytes.
 */
function copiedBy(
  doc: SourceDockerfile,
  earlier: InstructionNode,
  later: InstructionNode,
): (r: Removal) => InstructionNode | null {
  const placed: [string, InstructionNode][] = [];
  for (const c of instructionsBefore(doc, earlier)) {
    if ((c.keyword !== 'COPY' && c.keyword !== 'ADD') || c.heredoc) continue;
    const args = c.args.map((x) => x.value);
    if (args.length < 2) continue;
    const dest = args[args.length - 1];
    const sources = args.slice(0, -1);
    const dir = resolvePath(workdirAt(doc, c), dest);
    if (!dir || dir.includes('$')) continue;
    if (sources.length === 1 && !dest.endsWith('/')) placed.push([dir, c]);
    for (const src of sources) {
      const name = src.replace(/\/+$/, '').slice(src.replace(/\/+$/, '').lastIndexOf('/') + 1);
      if (name && name !== '.' && !/[*?[$]/.test(name)) placed.push([resolvePath(dir, name)!, c]);
    }
  }
  const wd = workdirAt(doc, later);
  return (r) => {
    if (r.kind !== 'path' || /[*?[$]/.test(r.target)) return null;
    const target = resolvePath(wd, r.target.replace(/^~(?=\/|$)/, '/root'));
    return [...placed].reverse().find(([p]) => p === target)?.[1] ?? null;
  };
}

const transform = {
  meta: {
    id: ID,
    title: 'Fold a cleanup-only RUN into the RUN that made the files',
    tier: 'safe' as const,
    category: 'layer' as const,
    description:
      'A RUN that only deletes files (rm -rf, apt-get clean/purge, ...) is moved into the earlier RUN so the files never reach a layer.',
    docs: 'transforms/fold-cleanup-run/README.md',
  },
  run(doc: SourceDockerfile): FindingDraft[] {
    const out: FindingDraft[] = [];
    for (const b of doc.instructions) {
      if (b.keyword !== 'RUN' || b.stage < 0) continue;
      const script = b.run?.shell?.script;
      const cleanup = script ? cleanupOnly(script) : null;
      if (!cleanup) continue;
      const bLine = doc.lines.lineAt(b.span.start) + 1;
      const skip = (code: NonNullable<FindingDraft['skipped']>['code'], detail: string): void => {
        out.push(
          skipFinding(
            { code: 'cleanup-in-own-layer' },
            b.span,
            code,
            detail,
            `The RUN on line ${bLine} only deletes files (${[...new Set(cleanup.kinds)].join(', ')}); in a layer of its own that does not make the image smaller, and it was not folded: ${detail}.`,
          ),
        );
      };
      // COPY --from copies a stage's files as they end up; folding only changes which layer held them.
      const notFinal = notInFinalImage(doc, doc.stages[b.stage]);
      if (notFinal) {
        skip('no-saving', `${notFinal}, and folding changes only its layers, not its files`);
        continue;
      }
      // Walk back over metadata-only instructions to the RUN that precedes it.
      const stage = doc.stages[b.stage];
      const pos = stage.instructions.indexOf(b);
      let k = pos - 1;
      const between: InstructionNode[] = [];
      while (k >= 0 && METADATA.has(stage.instructions[k].keyword)) between.push(stage.instructions[k--]);
      const a = k >= 0 ? stage.instructions[k] : null;
      if (!a || a.keyword === 'FROM') {
        skip('uncertain', 'no earlier RUN in this stage');
        continue;
      }
      if (a.keyword !== 'RUN') {
        skip('uncertain', `a ${a.keyword} instruction comes between it and the previous RUN`);
        continue;
      }
      if (between.length) {
        const envLike = between.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG');
        if (envLike.length && (!cleanup.envFree || script!.text.includes('$'))) {
          skip('uncertain', `an ${envLike[0].keyword} between them could change what the cleanup commands do`);
          continue;
        }
      }
      const pa = runPart(doc, a);
      const pb = runPart(doc, b);
      if (!('ins' in pa)) {
        skip(pa.code, `the previous RUN: ${pa.detail}`);
        continue;
      }
      if (!('ins' in pb)) {
        skip(pb.code, pb.detail);
        continue;
      }
      const copy = copiedBy(doc, a, b);
      const created = createdRemovals([pa.body.script], script!, (r) => copy(r) !== null);
      const held = created.map((m) => [m, alreadyKept(doc, a, m.removal)] as const);
      const made = held.find(([, why]) => !why)?.[0];
      if (created.length && !made) {
        skip('no-saving', held[0][1]!);
        continue;
      }
      if (!made) {
        const placed = removals(script!)
          .map((r) => [r, copy(r)] as const)
          .find(([, c]) => c);
        skip(
          'no-saving',
          placed
            ? `\`${placed[0].target}\` was put there by the ${placed[1]!.keyword} on line ${doc.lines.lineAt(placed[1]!.span.start) + 1}, and the RUN on line ${doc.lines.lineAt(a.span.start) + 1} does not write it; deleting it in any later RUN cannot free the ${placed[1]!.keyword} layer's bytes`
            : `the RUN on line ${doc.lines.lineAt(a.span.start) + 1} did not create what it deletes (no package cache it fills, no path it writes: download, clone, extract destination, copy target, redirection, build directory; a path it only reads was made in an older layer); the files sit in an older layer either way`,
        );
        continue;
      }
      const wraps = planWraps(doc, [pa, pb]);
      if (!Array.isArray(wraps)) {
        skip(wraps.code, wraps.detail);
        continue;
      }
      const adjacent = !between.length;
      const edits = adjacent ? adjacentJoinEdits(doc, [pa, pb], wraps) : moveJoinEdits(doc, pa, pb, wraps);
      const paths = script!.commands.flatMap((c) => (c.name?.value === 'rm' ? c.args.map((w) => w.value ?? '') : []));
      const known = KNOWN_SIZES.filter(([re]) => paths.some((p) => re.test(p)));
      const span = { start: a.span.start, end: b.span.end };
      out.push({
        code: 'fold-cleanup-run',
        message:
          `The RUN on line ${bLine} only deletes files (${[...new Set(cleanup.kinds)].join(', ')}). Deleting in a later layer does not shrink the image: ` +
          `the files stay in the earlier layer. Folded into the RUN on line ${doc.lines.lineAt(a.span.start) + 1}` +
          (adjacent
            ? ''
            : `, moved above ${between
                .map((i) => i.keyword)
                .reverse()
                .join(', ')} (metadata only)`) +
          `, the files never reach a layer (${made.evidence}).`,
        span,
        lock: adjacent ? undefined : span,
        edits,
        hadolint: adjacent ? 'DL3059' : undefined,
        estimate: known.length
          ? {
              bytes: known.reduce((s, [, n]) => s + n, 0),
              basis: 'heuristic',
              note: known.map(([, , note]) => note).join('; ') + ', when the earlier RUN created them',
            }
          : {
              bytes: null,
              basis: 'heuristic',
              note: 'saves what the deleted paths hold in the earlier layer (when that RUN created them); not known statically',
            },
      });
    }
    return out;
  },
};

export default transform;

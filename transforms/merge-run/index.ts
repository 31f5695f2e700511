/** merge-run: consecutive RUN instructions of a stage become one RUN (hadolint DL3059). */
import { notInFinalImage } from '../../src/parse/stage-ships.js';
import type { FindingDraft, SkipReason, Transform } from '../../src/engine/types.js';
import type { InstructionNode, SourceDockerfile } from '../../src/parse/document.js';
import { adjacentJoinEdits, planWraps, runPart, type RunPart, type Wrap } from '../../src/edit/run-join.js';
import { readIgnoreRules } from '../../src/engine/ignore-comments.js';
import { createdRemovals } from '../../src/shell/created-paths.js';
import { alreadyKept } from '../../src/packages/kept-caches.js';
import { stageReachesImage } from '../../src/lang/rule-kit.js';
import { hadolintIgnores } from '../../src/parse/hadolint-ignore.js';
import { readCommands, type CommandRead } from '../../src/shell/command-reader.js';
import { findInvocation, isInvocationFailure } from '../../src/shell/lang-invocations.js';

const ID = 'merge-run';

const PIP = /^pip[0-9.]*$/;
const NPM = /^npm$/;

/** What the RUNs of a group run, read through wrappers and `sh -c` strings. */
function reads(group: RunPart[]): CommandRead[] {
  return group.flatMap((part) => readCommands(part.body.script.commands));
}

/**
 * True when the RUN's own shell looks the program up (and remembers where): a plain command, or one
 * behind the builtins `exec`/`command`. Behind `sudo`, `env`, `xargs` or in a `sh -c` string another
 * process searches PATH afresh and finds the new copy.
 */
function shellLooksUp(r: CommandRead): boolean {
  return r.shells.length === 0 && r.wrappers.every((w) => w === 'exec' || w === 'command');
}

/** True when the command installs `tool` itself (`pip install -U pip`, `npm i -g npm@10`). */
function upgradesItself(r: CommandRead, tool: 'pip' | 'npm', self: RegExp): boolean {
  const inv = findInvocation(r.command);
  if (!inv || isInvocationFailure(inv) || inv.tool !== tool) return false;
  const sub = inv.subcommand?.value;
  const subs = tool === 'pip' ? ['install'] : ['install', 'i', 'update', 'add'];
  return !!sub && subs.includes(sub) && inv.rest.some((w) => self.test(w.value ?? w.text));
}

/**
 * Command names (pip*, npm) that the RUNs of a group both run and replace with a new copy, which usually lands
 * elsewhere on PATH (`pip install -U pip` on Debian/Ubuntu puts the new pip in /usr/local/bin, the
 * packaged one stays in /usr/bin; `npm i -g npm` with a packaged node likewise). sh remembers where it
 * found a command, so in one shell a later `pip` still runs the old one; pip >= 10 then fails with
 * "ImportError: cannot import name main". A new RUN is a new shell that finds the new copy.
 */
function staleCommands(group: RunPart[]): RegExp[] {
  const cmds = reads(group);
  const runs = (re: RegExp) => cmds.some((c) => shellLooksUp(c) && re.test(c.program ?? ''));
  const out: RegExp[] = [];
  const upgradesPip =
    group.some((part) => /get-pip\.py/.test(part.body.script.text)) ||
    cmds.some(
      (c) =>
        upgradesItself(c, 'pip', /^pip([=<>!~].*)?$/) ||
        (c.program === 'easy_install' && c.argv.some((w) => /^pip([=<>!~].*)?$/.test(w.value ?? w.text))),
    );
  if (upgradesPip && runs(PIP)) out.push(PIP);
  if (cmds.some((c) => upgradesItself(c, 'npm', /^npm(@.*)?$/))) out.push(NPM);
  return out;
}

function runsAny(part: RunPart, res: RegExp[]): string | null {
  for (const c of readCommands(part.body.script.commands)) {
    const n = c.program;
    if (n && shellLooksUp(c) && res.some((re) => re.test(n))) return n;
  }
  return null;
}

const transform: Transform = {
  meta: {
    id: ID,
    title: 'Merge consecutive RUN instructions',
    tier: 'review',
    category: 'layer',
    description:
      'Joins consecutive RUN instructions of a stage into one RUN with && (DL3059), keeping how failures fail.',
    docs: 'transforms/merge-run/README.md',
  },
  run(doc) {
    const out: FindingDraft[] = [];
    const ignore = readIgnoreRules(doc);
    const ignored = (ins: InstructionNode) => {
      const scope = ignore.instructions.get(ins.index);
      return scope === true || (scope instanceof Set && scope.has(ID)) || hadolintIgnores(doc, ins, 'DL3059');
    };
    for (const seq of consecutiveRuns(doc)) {
      let group: RunPart[] = [];
      const reported = new Set<number>();
      const reportedPairs = new Set<number>();
      const flush = () => {
        if (group.length >= 2) out.push(mergeFinding(doc, group));
        group = [];
      };
      const stage = doc.stages[seq[0].stage];
      // A stage only copied from, or a test/lint stage nothing shipping is built on: its layers never ship.
      const notFinal = stageReachesImage(doc, stage) ? notInFinalImage(doc, stage) : null;
      if (!stageReachesImage(doc, stage) || notFinal) {
        const first = seq[0];
        const last = seq[seq.length - 1];
        out.push({
          code: 'consecutive-run',
          message: `${seq.length} consecutive RUN instructions (lines ${doc.lines.lineAt(first.span.start) + 1}-${doc.lines.lineAt(last.span.end) + 1}) were left separate: ${notFinal ?? 'the stage is only copied from'}, so its layers never ship.`,
          span: { start: first.span.start, end: last.span.end },
          skipped: notFinal
            ? { code: 'no-saving', detail: `${notFinal}; its layer count does not matter` }
            : {
                code: 'builder-stage',
                detail: 'the stage never ships (only COPY --from or mounts use it); its layer count does not matter',
              },
          hadolint: 'DL3059',
        });
        continue;
      }
      const skip = (a: InstructionNode, b: InstructionNode, reason: SkipReason, blame?: InstructionNode) => {
        if ((blame && reported.has(blame.index)) || reportedPairs.has(a.index)) return;
        if (blame) reported.add(blame.index);
        reportedPairs.add(a.index);
        out.push({
          code: 'consecutive-run',
          message: `RUN on line ${doc.lines.lineAt(a.span.start) + 1} and the next RUN were left separate: ${reason.detail}.`,
          span: { start: a.span.start, end: b.span.end },
          skipped: reason,
          hadolint: 'DL3059',
        });
      };
      seq.forEach((ins, j) => {
        const prev = seq[j - 1];
        if (ignored(ins)) {
          flush();
          return;
        }
        const part = runPart(doc, ins);
        if (!('ins' in part)) {
          flush();
          if (prev && !ignored(prev)) skip(prev, ins, part, ins);
          else if (seq[j + 1] && !ignored(seq[j + 1])) skip(ins, seq[j + 1], part, ins);
          return;
        }
        if (!group.length) {
          group = [part];
          return;
        }
        const stale = runsAny(part, staleCommands(group));
        if (stale) {
          flush();
          skip(prev, ins, {
            code: 'uncertain',
            detail: `an earlier RUN replaces ${stale} with a new copy; in one shell this RUN would still run the old ${stale} the shell already looked up`,
          });
          group = [part];
          return;
        }
        const wraps = planWraps(doc, [...group, part]);
        if (Array.isArray(wraps)) {
          group.push(part);
          return;
        }
        flush();
        skip(prev, ins, wraps);
        group = [part];
      });
      flush();
    }
    return out;
  },
};

/** Maximal runs of RUN instructions with nothing but comments and blank lines between them, per stage. */
function consecutiveRuns(doc: SourceDockerfile): InstructionNode[][] {
  const out: InstructionNode[][] = [];
  let current: InstructionNode[] = [];
  for (const ins of doc.instructions) {
    const prev = current[current.length - 1];
    if (ins.keyword === 'RUN' && ins.stage >= 0 && prev && prev.index === ins.index - 1 && prev.stage === ins.stage) {
      current.push(ins);
      continue;
    }
    if (current.length >= 2) out.push(current);
    current = ins.keyword === 'RUN' && ins.stage >= 0 ? [ins] : [];
  }
  if (current.length >= 2) out.push(current);
  return out;
}

/**
 * The part of the group worth joining: from the first RUN that creates something a later RUN of the
 * group deletes or rewrites (chown -R, chmod -R) to the last such RUN. Joined, those files never
 * reach a layer. Null when no RUN of the group touches what an earlier one created.
 */
function savingRange(doc: SourceDockerfile, group: RunPart[]): { lo: number; hi: number; evidence: string } | null {
  let lo = Infinity;
  let hi = -1;
  let evidence = '';
  for (let j = 1; j < group.length; j++) {
    for (let i = 0; i < j; i++) {
      // A delete that frees nothing even when joined (an index an older layer keeps) is no reason to join.
      const hit = createdRemovals([group[i].body.script], group[j].body.script).find(
        (h) => !alreadyKept(doc, group[i].ins, h.removal),
      );
      if (!hit) continue;
      if (i < lo) lo = i;
      if (j > hi) hi = j;
      if (!evidence)
        evidence = `\`${hit.removal.by} ${hit.removal.target}\` on line ${lineOf(doc, group[j])} deletes or rewrites what the RUN on line ${lineOf(doc, group[i])} created (${hit.evidence})`;
    }
  }
  return hi === -1 ? null : { lo, hi, evidence };
}

function lineOf(doc: SourceDockerfile, p: RunPart): number {
  return doc.lines.lineAt(p.ins.span.start) + 1;
}

function mergeFinding(doc: SourceDockerfile, whole: RunPart[]): FindingDraft {
  const firstAll = whole[0].ins;
  const lastAll = whole[whole.length - 1].ins;
  const range = savingRange(doc, whole);
  const lines = (a: InstructionNode, b: InstructionNode) =>
    `lines ${doc.lines.lineAt(a.span.start) + 1}-${doc.lines.lineAt(b.span.end) + 1}`;
  const planned = range ? planWraps(doc, whole.slice(range.lo, range.hi + 1)) : null;
  if (!range || !Array.isArray(planned)) {
    return {
      code: 'consecutive-run',
      message: `${whole.length} consecutive RUN instructions (${lines(firstAll, lastAll)}) could be one RUN, but no RUN deletes or rewrites what an earlier one created: joining them would only cut the layer count, not the image size.`,
      span: { start: firstAll.span.start, end: lastAll.span.end },
      skipped: {
        code: 'no-saving',
        detail: range
          ? `the RUNs that would save space cannot be joined on their own: ${(planned as SkipReason).detail}`
          : 'merging would only cut the layer count (no RUN deletes or rewrites what an earlier one created)',
      },
      hadolint: 'DL3059',
    };
  }
  const group = whole.slice(range.lo, range.hi + 1);
  const wraps: Wrap[] = planned;
  const edits = adjacentJoinEdits(doc, group, wraps);
  const first = group[0].ins;
  const last = group[group.length - 1].ins;
  const wrapped = wraps.filter((w) => w !== 'none').length;
  const evidence = range.evidence;
  return {
    code: 'merge-run',
    message:
      `${group.length} consecutive RUN instructions (${lines(first, last)}) can be one RUN: ${evidence}; ` +
      'joined, those files never stay in an earlier layer. The build still fails exactly when one of them failed before' +
      (wrapped ? ' (bodies that change shell state are wrapped in ( … ), bodies with ; or || in { …; })' : '') +
      '.',
    span: { start: first.span.start, end: last.span.end },
    edits,
    hadolint: 'DL3059',
    estimate: {
      bytes: null,
      basis: 'heuristic',
      note: 'a later RUN deletes or rewrites files an earlier one created: merged, they are never stored in a layer; their size is not known statically (see fold-cleanup-run)',
    },
  };
}

export default transform;

/**
 * apt-update-with-install: every RUN that installs with apt fetches its own package lists
 * (`apt-get update && apt-get install ...`), and a RUN that only runs `apt-get update` for later
 * RUNs goes away once none of them needs it. Then the lists can be removed in the RUN that made them.
 */
import type { FindingDraft, SkipReason, Transform } from '../../src/engine/types.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import type { InstructionNode, SourceDockerfile } from '../../src/parse/document.js';
import { aptUsage, laterListReader } from '../../src/packages/apt-usage.js';
import { cacheMountServing, OS_PACKAGE_CACHE_DIRS } from '../../src/parse/cache-mounts.js';
import { gateRun } from '../../src/packages/run-gate.js';
import { errexitBefore } from '../../src/shell/state-effects.js';
import type { ToolInvocation } from '../../src/shell/find-commands.js';
import { instructionsBefore } from '../../src/parse/stage-history.js';
import { baseRelease, olderThan } from '../../src/parse/legacy-base.js';

const ID = 'apt-update-with-install';

const transform: Transform = {
  meta: {
    id: ID,
    title: 'Run apt-get update in the RUN that installs',
    tier: 'safe',
    category: 'layer',
    description:
      'Adds `apt-get update &&` to a RUN that installs with lists fetched by an earlier RUN, and drops a RUN that only ran `apt-get update` once nothing relies on it.',
    docs: 'transforms/apt-update-with-install/README.md',
  },
  run(doc) {
    const out: FindingDraft[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const gate = gateRun(doc, ins);
      if (!gate.body) continue; // apt-lists-cleanup and the other apt rules report unreadable RUNs
      const usage = aptUsage(doc, ins);
      if (!usage) continue;
      const script = gate.body.script;
      const base = { span: ins.span };

      // A RUN that is exactly `apt-get update`.
      const onlyUpdate =
        script.chain.length === 1 &&
        usage.updates.length === 1 &&
        script.commands.length === 1 &&
        !usage.consumers.length;
      if (onlyUpdate) {
        const message =
          'This RUN only runs `apt-get update`: its ~30 MB of lists stay in the image, and every later RUN that installs now fetches its own.';
        const skip = (skipped: SkipReason) =>
          out.push(skipFinding({ code: 'apt-update-alone' }, ins.span, skipped.code, skipped.detail, message));
        if (cacheMountServing(ins, OS_PACKAGE_CACHE_DIRS.apt)) {
          skip({ code: 'cache-mount', detail: 'the RUN refreshes lists kept in a BuildKit cache mount' });
          continue;
        }
        const listsMount = stageListsMount(doc, ins);
        if (listsMount) {
          skip({
            code: 'cache-mount',
            detail: `the RUN on line ${listsMount} keeps /var/lib/apt on a BuildKit cache mount in this stage`,
          });
          continue;
        }
        const reader = laterListReader(doc, ins);
        if (reader) {
          skip({ code: 'uncertain', detail: `a later RUN still relies on these lists: ${reader.why}` });
          continue;
        }
        if (!hasLaterSelfUpdatedConsumer(doc, ins)) {
          skip({
            code: 'uncertain',
            detail: 'no later RUN installs with apt: the lists may be kept on purpose for images built FROM this one',
          });
          continue;
        }
        const del = deleteInstruction(doc, ins);
        if (!del) {
          skip({ code: 'uncertain', detail: 'the RUN has comment lines inside it; slimify does not delete comments' });
          continue;
        }
        out.push({
          ...base,
          code: 'apt-update-alone',
          message,
          edits: [del],
          hazard: 'a cached `RUN apt-get update` layer leaves later installs with stale package lists',
          estimate: {
            bytes: 0,
            basis: 'heuristic',
            note: 'No saving by itself: the later installs now fetch the lists in their own RUN, where apt-lists-cleanup removes them (~30 MB, counted there).',
          },
        });
        continue;
      }

      // A RUN that installs with lists fetched by an earlier RUN.
      if (!usage.consumers.length || usage.selfUpdated || usage.opaque) continue;
      const first = usage.consumers.find((c) => c.tool === 'apt-get' || c.tool === 'apt');
      if (!first || first !== usage.consumers[0]) continue; // apt-cache/aptitude first: leave it
      // Only a RUN that installs packages gets its own update (not `apt list`, `apt-get download`, ...).
      if (!INSTALLS.has(first.subcommand ?? '')) continue;
      const earlier = earlierUpdate(doc, ins);
      if (!earlier) continue; // the base image may ship lists; no evidence this file fetched them
      const message = `This RUN runs \`${first.tool} ${first.subcommand}\` with package lists fetched by the RUN on line ${doc.lines.lineAt(earlier.span.start) + 1}; fetching them in the same RUN keeps the install working once those lists are removed, and lets the lists be removed here.`;
      const skip = (skipped: SkipReason) =>
        out.push(skipFinding({ code: 'apt-update-missing' }, ins.span, skipped.code, skipped.detail, message));
      if (cacheMountServing(ins, OS_PACKAGE_CACHE_DIRS.apt)) {
        skip({ code: 'cache-mount', detail: 'the RUN uses apt lists kept in a BuildKit cache mount' });
        continue;
      }
      const listsMount = stageListsMount(doc, ins);
      if (listsMount) {
        skip({
          code: 'cache-mount',
          detail: `the RUN on line ${listsMount} keeps /var/lib/apt on a BuildKit cache mount in this stage; the author manages the lists there`,
        });
        continue;
      }
      const transport = httpsTransportHazard(doc, ins, usage.consumers);
      if (transport) {
        skip({ code: 'uncertain', detail: transport });
        continue;
      }
      const chainIndex = first.command.chainIndex;
      const item = script.chain[chainIndex];
      if (item.opBefore === '||') {
        skip({
          code: 'uncertain',
          detail: 'the install is the fallback of `||`; adding a command before it would change what runs',
        });
        continue;
      }
      if (first.command.context.background) {
        skip({ code: 'uncertain', detail: 'the install runs in the background' });
        continue;
      }
      // Same wrappers and global options as the install, when the install starts the item.
      let prefix: string;
      if (first.command.span.start === item.span.start && !first.viaXargs && first.subcommandIndex !== -1) {
        const sub = first.argv[first.subcommandIndex];
        prefix = script.text.slice(first.command.span.start, sub.span.start) + 'update';
      } else {
        prefix = `${first.wrappers.includes('sudo') ? 'sudo ' : ''}${first.tool} update`;
      }
      const semicolon =
        chainIndex > 0 && (item.opBefore === ';' || item.opBefore === '\n') && errexitBefore(script, chainIndex);
      const at = gate.body.toFile[item.span.start];
      out.push({
        ...base,
        code: 'apt-update-missing',
        message,
        edits: [{ start: at, end: at, text: `${prefix}${semicolon ? ';' : ' &&'} ` }],
        hazard: 'the install reads package lists from a cached earlier layer (stale lists fail with 404)',
        estimate: {
          bytes: 0,
          basis: 'heuristic',
          note: 'No saving by itself: it lets apt-lists-cleanup remove the lists of the earlier RUN (~30 MB).',
        },
      });
    }
    return out;
  },
};

/** apt subcommands that install or upgrade packages: the RUNs that get their own `apt-get update`. */
const INSTALLS = new Set(['install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'satisfy']);

/** Line (1-based) of a RUN in the stage chain of `ins` (its own stage and the ones it is built on, and later RUNs of its stage) with a cache mount on /var/lib/apt, or null. */
function stageListsMount(doc: SourceDockerfile, ins: InstructionNode): number | null {
  const runs = [
    ...instructionsBefore(doc, ins),
    ...doc.stages[ins.stage].instructions.filter((i) => i.index > ins.index),
  ];
  const hit = runs.find((i) => i.keyword === 'RUN' && cacheMountServing(i, ['/var/lib/apt/lists']));
  return hit ? doc.lines.lineAt(hit.span.start) + 1 : null;
}

/**
 * apt learned https by itself in 1.5 (Debian 10, Ubuntu 17.10); before, `apt-get update` fails on
 * an https source until apt-transport-https is installed. A RUN that installs the transport may be
 * the one that makes the https sources readable: an update in front of it would fail.
 */
function httpsTransportHazard(doc: SourceDockerfile, ins: InstructionNode, consumers: ToolInvocation[]): string | null {
  const installsTransport = consumers.some((c) =>
    c.after.some((w) => (w.value ?? '').startsWith('apt-transport-https')),
  );
  if (!installsTransport) return null;
  const rel = baseRelease(doc, doc.stages[ins.stage] ?? null);
  const old = olderThan(rel, APT_HTTPS_BUILTIN);
  if (rel && (rel.distro === 'debian' || rel.distro === 'ubuntu') && !old) return null;
  return `the RUN installs apt-transport-https and ${old ?? 'the base release is not known'}: with an https source, apt older than 1.5 cannot run \`apt-get update\` before the transport is installed`;
}

/** First releases whose apt (1.5+) reads https sources without apt-transport-https. */
const APT_HTTPS_BUILTIN = { debian: [10, 0], ubuntu: [17, 10] } as const satisfies Record<string, [number, number]>;

/** The nearest earlier RUN in this stage or the stages it is built on that fetched apt lists. */
function earlierUpdate(doc: SourceDockerfile, ins: InstructionNode): InstructionNode | null {
  const stages = new Set(doc.stages[ins.stage]?.chain ?? []);
  for (let i = ins.index - 1; i >= 0; i--) {
    const other = doc.instructions[i];
    if (other.keyword !== 'RUN' || !stages.has(other.stage)) continue;
    const u = aptUsage(doc, other);
    if (u && (u.updates.length || u.refreshes)) return other;
  }
  return null;
}

function hasLaterSelfUpdatedConsumer(doc: SourceDockerfile, ins: InstructionNode): boolean {
  const stages = new Set<number>([ins.stage, ...(doc.stages[ins.stage]?.descendants ?? [])]);
  return doc.instructions.some(
    (i) =>
      i.index > ins.index &&
      i.keyword === 'RUN' &&
      stages.has(i.stage) &&
      (aptUsage(doc, i)?.consumers.length ?? 0) > 0,
  );
}

/** An edit that removes the instruction's whole lines, or null when comment lines sit inside it. */
function deleteInstruction(
  doc: SourceDockerfile,
  ins: InstructionNode,
): { start: number; end: number; text: string } | null {
  if (doc.comments.some((c) => c.span.start > ins.span.start && c.span.start < ins.span.end)) return null;
  const first = doc.lines.lineAt(ins.span.start);
  const last = doc.lines.lineAt(ins.span.end);
  const start = doc.lines.starts[first];
  if (last + 1 < doc.lines.starts.length) return { start, end: doc.lines.starts[last + 1], text: '' };
  // Last line of a file without a final newline: take the line break before it instead.
  const prevEnd = first > 0 ? doc.lines.lineEnd(first - 1) : start;
  return { start: prevEnd, end: doc.text.length, text: '' };
}

export default transform;

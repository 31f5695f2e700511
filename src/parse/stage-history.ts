/** What happens in a stage around an instruction: the instructions of the stages it is built on and its own earlier ones, the ones that run on top of it later, and the WORKDIR in effect. */
import { posix } from 'node:path';
import type { InstructionNode, SourceDockerfile } from './document.js';

/** Instructions that ran before `ins` in its filesystem: base stages (`FROM builder`) first, then its own stage. FROM lines excluded. */
export function instructionsBefore(doc: SourceDockerfile, ins: InstructionNode): InstructionNode[] {
  const chain = doc.stages[ins.stage]?.chain ?? [];
  return chain.flatMap((i) =>
    doc.stages[i].instructions.filter((x) => x.keyword !== 'FROM' && (i !== ins.stage || x.index < ins.index)),
  );
}

/** Stages built on `stage` (FROM <stage>), transitively, in file order. */
export function descendantStages(doc: SourceDockerfile, stage: number): number[] {
  return [...(doc.stages[stage]?.descendants ?? [])];
}

/** Instructions that run on top of `ins`'s layer, in file order: later in its stage, and in the stages built on it. */
export function laterInstructions(doc: SourceDockerfile, ins: InstructionNode): InstructionNode[] {
  if (ins.stage < 0) return [];
  const stages = new Set([ins.stage, ...descendantStages(doc, ins.stage)]);
  return doc.instructions.filter((i) => i.index > ins.index && stages.has(i.stage));
}

/** True when the filesystem of `ins`'s stage starts from an external image (not scratch), whose contents we do not know. */
export function startsFromImage(doc: SourceDockerfile, ins: InstructionNode): boolean {
  const s = doc.stages[ins.stage];
  return !!s && !doc.stages[s.root].scratch;
}

/** The working directory at `ins` (absolute, normalised), or null when it depends on the base image or a variable. */
export function workdirAt(doc: SourceDockerfile, ins: InstructionNode): string | null {
  let dir: string | null = startsFromImage(doc, ins) ? null : '/';
  for (const i of instructionsBefore(doc, ins)) {
    if (i.keyword !== 'WORKDIR') continue;
    const value = i.args.map((a) => a.value).join(' ');
    if (!value || value.includes('$')) return null;
    dir = resolvePath(dir, value);
  }
  return dir;
}

/** Resolves `path` against `dir` (null when relative to an unknown directory); normalised, no trailing slash. */
export function resolvePath(dir: string | null, path: string): string | null {
  if (path.startsWith('/')) return normalise(path);
  if (dir === null) return null;
  return normalise(posix.join(dir, path));
}

function normalise(p: string): string {
  const n = posix.normalize(p);
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
}

/** `inner` is `outer` or lies below it. */
export function isWithin(inner: string, outer: string): boolean {
  return inner === outer || outer === '/' || inner.startsWith(outer + '/');
}

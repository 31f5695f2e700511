/** What happened in a stage before an instruction: the instructions of the stages it is built on and its own earlier ones, and the WORKDIR in effect. */
import { posix } from 'node:path';
import type { InstructionNode, SourceDockerfile } from './document.js';

/** Instructions that ran before `ins` in its filesystem: base stages (`FROM builder`) first, then its own stage. FROM lines excluded. */
export function instructionsBefore(doc: SourceDockerfile, ins: InstructionNode): InstructionNode[] {
  const chain: number[] = [];
  let s: number | null = ins.stage;
  while (s !== null && s >= 0 && !chain.includes(s)) {
    chain.unshift(s);
    s = doc.stages[s].baseStage;
  }
  return chain.flatMap((i) => doc.stages[i].instructions.filter((x) => x.keyword !== 'FROM' && (i !== ins.stage || x.index < ins.index)));
}

/** True when the filesystem of `ins`'s stage starts from an external image (not scratch), whose contents we do not know. */
export function startsFromImage(doc: SourceDockerfile, ins: InstructionNode): boolean {
  let s = doc.stages[ins.stage];
  while (s && s.baseStage !== null) s = doc.stages[s.baseStage];
  return !!s && !s.scratch;
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

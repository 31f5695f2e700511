/** The npm version a RUN will call, as far as the Dockerfile tells: from the official `node` image tag, or an earlier `npm install -g npm@X`. */
import type { InstructionNode, SourceDockerfile } from '../parse/document.js';
import { instructionsBefore } from '../parse/stage-history.js';
import { rootImage } from '../parse/legacy-base.js';
import { rootOfficialImage } from './rule-kit.js';

export interface NpmVersion {
  /** [major, minor] of npm; for "latest"-style tags a floor (npm 9 for Node.js 18). */
  version: [number, number];
  /** Where it was read from, for messages. */
  source: string;
}

/** Node.js LTS codenames -> major. */
const CODENAMES: Record<string, number> = {
  argon: 4,
  boron: 6,
  carbon: 8,
  dubnium: 10,
  erbium: 12,
  fermium: 14,
  gallium: 16,
  hydrogen: 18,
  iron: 20,
  jod: 22,
  krypton: 24,
};
/** Tags that follow the newest release line (the floor used is Node.js 18 / npm 9). */
const MOVING = new Set(['latest', 'lts', 'current', 'alpine', 'slim', 'bookworm', 'bullseye', 'trixie']);

/** npm bundled with a Node.js major (the first release of that line; later minors only got newer npm). */
function npmOfNode(major: number): [number, number] {
  if (major <= 0) return [1, 0];
  if (major <= 4) return [2, 14];
  if (major <= 7) return [3, 10];
  if (major === 8) return [5, 0];
  if (major === 9) return [5, 3];
  if (major <= 14) return [6, 0];
  if (major <= 17) return [7, 0];
  if (major === 18) return [8, 6];
  if (major === 19) return [8, 19];
  return [9, 6];
}

/** The Node.js major an official `node` image tag names, or null when the tag does not say. */
export function nodeMajorOfTag(tag: string | null): number | null {
  if (tag === null || tag === '') return 18;
  const t = tag.toLowerCase();
  let m: RegExpExecArray | null;
  if ((m = /^(\d+)(?:\.(\d+))?/.exec(t))) return Number(m[1]) === 0 ? 0 : Number(m[1]);
  const first = t.split(/[-_.]/)[0];
  if (first in CODENAMES) return CODENAMES[first];
  if (MOVING.has(first) || /^alpine\d/.test(first)) return 18;
  return null;
}

/** An `npm@<version>` an earlier instruction (or the RUN itself, before `before`) installs: the npm that then runs. */
function upgradedNpm(text: string): NpmVersion | 'unknown' | null {
  const all = [...text.matchAll(/\bnpm@(\S+)/g)];
  if (!all.length) {
    return /\bnpm\s+(i|install|update|up|upgrade)\s+(-g|--global)\s+npm\b|\bnpm\s+(-g|--global)\s+(i|install)\s+npm\b/.test(
      text,
    )
      ? { version: [9, 0], source: 'npm install -g npm (latest)' }
      : null;
  }
  const v = all[all.length - 1][1].replace(/["';&|)]+$/, '');
  if (v === 'latest') return { version: [9, 0], source: 'npm@latest' };
  const m = /^[\^~>=]*(\d+)(?:\.(\d+))?/.exec(v);
  if (!m) return 'unknown';
  return { version: [Number(m[1]), Number(m[2] ?? 0)], source: `npm@${v}` };
}

/**
 * The npm version `ins` runs (`beforeInRun`: the RUN's own text before the npm command), or null
 * when unknown: no official node base image with a readable tag, or an npm upgrade we cannot read.
 */
export function npmVersionAt(doc: SourceDockerfile, ins: InstructionNode, beforeInRun = ''): NpmVersion | null {
  const text = [
    ...instructionsBefore(doc, ins)
      .filter((i) => i.keyword === 'RUN')
      .map((i) => doc.text.slice(i.span.start, i.span.end)),
    beforeInRun,
  ].join('\n');
  const up = upgradedNpm(text);
  if (up === 'unknown') return null;
  if (up) return up;
  const stage = ins.stage >= 0 ? doc.stages[ins.stage] : null;
  if (rootOfficialImage(doc, stage) !== 'node') return null;
  const ref = rootImage(doc, stage);
  if (!ref || ref.includes('$')) return null;
  const noDigest = ref.split('@')[0];
  const colon = noDigest.lastIndexOf(':');
  const tag = colon > noDigest.lastIndexOf('/') ? noDigest.slice(colon + 1) : null;
  const major = nodeMajorOfTag(tag);
  if (major === null) return null;
  return {
    version: npmOfNode(major),
    source: `${ref} (Node.js ${major === 0 ? '0.x' : major}${tag && !/^\d/.test(tag) ? ' or newer' : ''})`,
  };
}

/** `v` is at least `min`. */
export function atLeast(v: [number, number], min: [number, number]): boolean {
  return v[0] > min[0] || (v[0] === min[0] && v[1] >= min[1]);
}

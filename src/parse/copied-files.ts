/** Which COPY/ADD before an instruction put a file of a given name into a directory: named explicitly, matched by a glob, or maybe by a whole-context copy. */
import { posix } from 'node:path';
import type { InstructionNode, SourceDockerfile } from './document.js';
import { instructionsBefore, resolvePath, workdirAt } from './stage-history.js';

export interface CopiedFile {
  /** A COPY/ADD that names the file (`COPY package-lock.json ./`), or null. */
  named: InstructionNode | null;
  /** A COPY/ADD whose glob source may match it (`COPY package*.json ./`), or null. */
  glob: InstructionNode | null;
  /** A COPY/ADD of a whole folder (`COPY . .`) into `dir` or above it, or null. */
  folder: InstructionNode | null;
}

/** Sources and the destination of a COPY/ADD of the build context (not `--from`), or null. */
function copyParts(ins: InstructionNode): { sources: string[]; dest: string } | null {
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return null;
  if (ins.flags.some((f) => f.name === 'from')) return null;
  const args = ins.args.map((a) => a.value);
  if (args.length < 2 || ins.heredoc) return null;
  return { sources: args.slice(0, -1), dest: args[args.length - 1] };
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
}

/**
 * How the file `name` (a basename) may have reached directory `dir` (absolute) before `ins`.
 * A destination not ending in `/` with a single source is taken as the target file's path only when
 * its basename is that source's basename; otherwise as a directory.
 */
export function copiedFileInto(doc: SourceDockerfile, ins: InstructionNode, dir: string, name: string): CopiedFile {
  const out: CopiedFile = { named: null, glob: null, folder: null };
  for (const c of instructionsBefore(doc, ins)) {
    const parts = copyParts(c);
    if (!parts) continue;
    const dest = resolvePath(workdirAt(doc, c), parts.dest.replace(/^\.\/?$/, '.'));
    if (dest === null) continue;
    for (const src of parts.sources) {
      const clean = src.replace(/^\.\//, '').replace(/\/+$/, '');
      const base = posix.basename(clean);
      if (clean === '' || clean === '.' || clean === '*') {
        if (dest === dir || dir.startsWith(dest === '/' ? '/' : dest + '/')) out.folder = c;
        continue;
      }
      const singleFileDest =
        parts.sources.length === 1 && !parts.dest.endsWith('/') && posix.basename(parts.dest) === base && base !== '.';
      const landsIn = singleFileDest ? posix.dirname(dest) : dest;
      if (base === name && landsIn === dir) out.named = c;
      else if (/[*?[]/.test(base) && landsIn === dir && globToRegExp(base).test(name)) out.glob = c;
    }
  }
  return out;
}

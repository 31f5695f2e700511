/**
 * When deleting a cache in the RUN that filled it still frees nothing: a package index an older
 * layer already holds, or downloaded .deb files that the image's apt deletes by itself. Used by
 * fold-cleanup-run and merge-run, which only act when the delete keeps bytes out of a layer.
 */
import type { InstructionNode, SourceDockerfile } from '../parse/document.js';
import { instructionsBefore } from '../parse/stage-history.js';
import { keepsIndex, packageIndexOf, removesAptDownloads, type Removal } from '../shell/created-paths.js';
import { aptCleansDownloads } from './apt-usage.js';

/**
 * Why deleting `r` in the RUN `filler` frees nothing although `filler` filled it, or null. A package
 * index refreshed in the same build is found current and rewritten little, and the older layer keeps
 * its copy whatever later layers do.
 */
export function alreadyKept(doc: SourceDockerfile, filler: InstructionNode, r: Removal): string | null {
  const line = (i: InstructionNode) => doc.lines.lineAt(i.span.start) + 1;
  const index = packageIndexOf(r);
  if (index) {
    const older = instructionsBefore(doc, filler).find(
      (i) => i.keyword === 'RUN' && i.run?.shell?.script && keepsIndex(i.run.shell.script, r),
    );
    if (older)
      return `the RUN on line ${line(older)} already fetched ${index} and keeps that copy in its layer; the RUN on line ${line(filler)} only refreshes it, so deleting it there frees nothing (clean up in line ${line(older)} instead)`;
  }
  const stage = doc.stages[filler.stage];
  if (stage && removesAptDownloads(r)) {
    const image = aptCleansDownloads(doc, stage);
    if (image)
      return `${image} deletes downloaded packages after every install (/etc/apt/apt.conf.d/docker-clean), so \`${r.by}\` finds nothing to free`;
  }
  return null;
}

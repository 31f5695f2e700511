/** The working directory in effect at each instruction of a stage (WORKDIR resolution, as Docker does it). */
import { posix } from 'node:path';
import type { SourceDockerfile, Stage } from './document.js';
import { logicalText } from './run-body.js';

/** Default WORKDIR of official images that set one (docker-library Dockerfiles); others start at `/`. */
const IMAGE_WORKDIR: Record<string, string | null> = {
  golang: '/go',
  gradle: null, // varies between tags: unknown
};

/**
 * `before[i]` is the working directory before the stage's i-th instruction and `final` the one its
 * container starts in; null when it depends on a variable or on a base image we do not know.
 */
export function stageWorkdirs(
  doc: SourceDockerfile,
  stage: Stage,
): { before: (string | null)[]; final: string | null } {
  let cwd: string | null;
  if (stage.baseStage !== null) cwd = null;
  else if (stage.scratch) cwd = '/';
  else {
    const name = stage.image?.official ?? '';
    cwd = name in IMAGE_WORKDIR ? IMAGE_WORKDIR[name] : stage.image?.official ? '/' : null;
  }
  const before: (string | null)[] = [];
  for (const ins of stage.instructions) {
    before.push(cwd);
    if (ins.keyword !== 'WORKDIR' || !ins.argsSpan) continue;
    const value = logicalText(doc.text, ins.argsSpan.start, ins.argsSpan.end, doc.escapeChar).text.trim();
    if (/[$"'\s]/.test(value) || !value) cwd = null;
    else if (value.startsWith('/')) cwd = posix.normalize(value);
    else cwd = cwd === null ? null : posix.join(cwd, value);
  }
  return { before, final: cwd };
}

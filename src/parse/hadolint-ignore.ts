/** Reads `# hadolint ignore=DL3059,DL3008` comments directly above an instruction, so slimify respects a rule the author silenced. */
import type { InstructionNode, SourceDockerfile } from './document.js';

/** True when a `hadolint ignore=` comment directly above `ins` lists `rule`. */
export function hadolintIgnores(doc: SourceDockerfile, ins: InstructionNode, rule: string): boolean {
  void doc;
  return ins.leadingComments.some((c) => {
    const m = /^hadolint\s+ignore\s*=\s*([A-Z0-9,\s]+)/i.exec(c.text.trim());
    return !!m && m[1].split(/[\s,]+/).some((r) => r.toUpperCase() === rule);
  });
}

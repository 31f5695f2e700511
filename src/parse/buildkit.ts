/** Whether a Dockerfile evidently targets BuildKit (dockerfile frontend ≥ 1.3), so BuildKit-only flags such as `COPY --chmod` may be used. */
import type { SourceDockerfile } from './document.js';

/** The reason BuildKit is evident (for messages), or null when it is not. */
export function buildkitEvidence(doc: SourceDockerfile): string | null {
  const syntax = doc.directives.find((d) => d.name.toLowerCase() === 'syntax');
  if (syntax) {
    const m = /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?:(.+)$/.exec(syntax.value.trim());
    if (m) {
      const tag = m[1];
      const v = /^(\d+)(?:\.(\d+))?/.exec(tag);
      if (
        /^(latest|labs|master)/.test(tag) ||
        (v && (Number(v[1]) > 1 || (Number(v[1]) === 1 && (v[2] === undefined || Number(v[2]) >= 3))))
      ) {
        return `the # syntax=${syntax.value} directive`;
      }
    }
  }
  for (const ins of doc.instructions) {
    const flag = ins.flags.find((f) =>
      ['mount', 'chmod', 'link', 'parents', 'exclude', 'checksum'].includes(f.name.toLowerCase()),
    );
    if (flag) return `${ins.keyword} --${flag.name} on line ${doc.lines.lineAt(ins.span.start) + 1}`;
    if (ins.heredoc) return `the heredoc on line ${doc.lines.lineAt(ins.span.start) + 1}`;
  }
  return null;
}

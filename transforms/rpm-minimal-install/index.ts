/**
 * rpm-minimal-install: install only what was asked for and what it requires: no weak
 * dependencies (dnf/microdnf `--setopt=install_weak_deps=...`), no documentation (`--nodocs`),
 * no recommended packages (zypper `--no-recommends`).
 */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import { afterWord, gateRun, MB, stageBytes } from '../../src/packages/run-gate.js';
import { findCommands, hasFlag, operands } from '../../src/shell/find-commands.js';

const ID = 'rpm-minimal-install';
const INSTALL: Record<string, readonly string[]> = {
  dnf: ['install', 'in'],
  microdnf: ['install'],
  zypper: ['install', 'in'],
};

const transform: Transform = {
  meta: {
    id: ID,
    title: 'dnf/microdnf/zypper: no weak dependencies, no docs',
    tier: 'review',
    category: 'layer',
    description:
      'Adds `--setopt=install_weak_deps=False --nodocs` to dnf install, `--nodocs --setopt=install_weak_deps=0` to microdnf install, `--no-recommends` to zypper install.',
    docs: 'transforms/rpm-minimal-install/README.md',
  },
  run(doc) {
    const out: FindingDraft[] = [];
    // Set for the whole file in dnf.conf / zypp.conf.
    const weakConfigured = /install_weak_deps/.test(doc.text);
    const docsConfigured = /tsflags\s*=\s*nodocs/.test(doc.text);
    const zypperConfigured = /onlyRequires/.test(doc.text);
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const gate = gateRun(doc, ins);
      if (!gate.body) continue;
      const body = gate.body;
      for (const inv of findCommands(body.script, ['dnf', 'microdnf', 'zypper'])) {
        if (!inv.subcommand || !INSTALL[inv.tool].includes(inv.subcommand)) continue;
        const add: string[] = [];
        if (inv.tool === 'zypper') {
          if (!zypperConfigured && !hasFlag(inv.after, { long: ['--no-recommends', '--recommends'] }))
            add.push('--no-recommends');
        } else {
          const weak = weakConfigured || inv.argv.some((w) => /install_weak_deps/.test(w.text));
          const nodocs =
            docsConfigured ||
            hasFlag(inv.argv, { long: ['--nodocs', '--no-docs'] }) ||
            inv.argv.some((w) => /tsflags=nodocs/.test(w.text));
          if (inv.tool === 'dnf') {
            if (!weak) add.push('--setopt=install_weak_deps=False');
            if (!nodocs) add.push('--nodocs');
          } else {
            if (!nodocs) add.push('--nodocs');
            if (!weak) add.push('--setopt=install_weak_deps=0');
          }
        }
        if (!add.length) continue;
        const span = body.fileSpan(inv.command.span.start, inv.command.span.end);
        const message = `\`${inv.tool} install\` also installs ${inv.tool === 'zypper' ? 'recommended packages' : 'weak dependencies and documentation'}; \`${add.join(' ')}\` installs only what is required. Review: a build may rely on a weak dependency or a file under /usr/share/doc.`;
        if (inv.dynamicOptions) {
          out.push(
            skipFinding(
              { code: ID },
              span,
              'variable',
              'options come from a variable and may already set this',
              message,
            ),
          );
          continue;
        }
        const n = Math.max(1, operands(inv).length);
        const at = afterWord(body, inv.argv[inv.subcommandIndex]);
        out.push({
          code: ID,
          span,
          message,
          edits: [{ start: at, end: at, text: ` ${add.join(' ')}` }],
          estimate: stageBytes(
            doc,
            ins,
            Math.min(100 * MB, n * 5 * MB),
            `Heuristic: ~5 MB of weak/recommended dependencies and docs per named package (${n}), capped at 100 MB.`,
          ),
        });
      }
    }
    return out;
  },
};

export default transform;

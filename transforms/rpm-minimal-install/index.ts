/**
 * rpm-minimal-install: install only what was asked for and what it requires: no weak
 * dependencies (dnf/microdnf `--setopt=install_weak_deps=...`), no documentation (`--nodocs`),
 * no recommended packages (zypper `--no-recommends`).
 */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import { afterWord, gateRun, MB, stageBytes } from '../../src/packages/run-gate.js';
import { findCommands, hasFlag, operands } from '../../src/shell/find-commands.js';
import { dnfRelease, microdnfWithoutSetopt } from './dnf-release.js';
import { laterPackageUse } from './later-packages.js';

const ID = 'rpm-minimal-install';
const RULE = { code: ID };
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
      'Adds `--setopt=install_weak_deps=False --nodocs` to dnf install (`--setopt=tsflags=nodocs` where dnf may predate 2.0), `--nodocs --setopt=install_weak_deps=0` to microdnf install, `--no-recommends` to zypper install.',
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
      const release = dnfRelease(doc, doc.stages[ins.stage] ?? null);
      for (const inv of findCommands(body.script, ['dnf', 'microdnf', 'zypper'])) {
        if (!inv.subcommand || !INSTALL[inv.tool].includes(inv.subcommand)) continue;
        const span = body.fileSpan(inv.command.span.start, inv.command.span.end);
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
            // `--nodocs` is dnf 2.0+; the tsflags setting works in every dnf.
            if (!nodocs) add.push(release.kind === 'modern' ? '--nodocs' : '--setopt=tsflags=nodocs');
          } else {
            if (!nodocs) add.push('--nodocs');
            if (!weak) add.push('--setopt=install_weak_deps=0');
          }
        }
        if (!add.length) continue;
        if (inv.tool === 'dnf' && release.kind === 'pre-dnf') {
          out.push(
            skipFinding(
              RULE,
              span,
              'uncertain',
              `${release.why}; a dnf installed there predates weak dependencies and --nodocs`,
            ),
          );
          continue;
        }
        const oldMicrodnf = inv.tool === 'microdnf' ? microdnfWithoutSetopt(doc, doc.stages[ins.stage] ?? null) : null;
        if (oldMicrodnf) {
          out.push(skipFinding(RULE, span, 'uncertain', oldMicrodnf));
          continue;
        }
        const version =
          inv.tool === 'dnf' && add.includes('--setopt=tsflags=nodocs')
            ? release.kind === 'dnf1'
              ? ` (${release.why}; \`--setopt=tsflags=nodocs\` works in every dnf)`
              : ` (\`--setopt=tsflags=nodocs\`, not \`--nodocs\`: ${release.image ? `the dnf version of ${release.image} is not known` : 'the base image is not known'} and \`--nodocs\` needs dnf 2.0+)`
            : '';
        const message = `\`${inv.tool} install\` also installs ${inv.tool === 'zypper' ? 'recommended packages' : 'weak dependencies and documentation'}; \`${add.join(' ')}\` installs only what is required${version}. Review: a build may rely on a weak dependency or a file under /usr/share/doc.`;
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
        // Without weak/recommended packages, a later command that names a package the stage never
        // installs by name (rpm -e, rpm -q, dnf remove, zypper rm) may find it missing and fail.
        const dropsPackages = add.some((a) => a.includes('install_weak_deps') || a === '--no-recommends');
        const use = dropsPackages ? laterPackageUse(doc, ins, body, inv.command) : null;
        if (use) {
          const where = use.ins === ins ? 'later in this RUN' : `on line ${doc.lines.lineAt(use.ins.span.start) + 1}`;
          const shown = use.names.slice(0, 4).join(', ') + (use.names.length > 4 ? `, ... (${use.names.length})` : '');
          const flag = add.find((a) => a.includes('install_weak_deps') || a === '--no-recommends')!;
          out.push(
            skipFinding(
              RULE,
              span,
              'uncertain',
              use.weak
                ? `\`${use.what}\` ${where} comes from ${use.weak.provider}, which ${use.weak.of} brings in only as a weak dependency and this stage never installs by name; with \`${flag}\` it is missing and that command fails (name ${use.weak.provider} in the install to get the change)`
                : `\`${use.what}\` ${where} names ${shown}, not installed by name in this stage; with \`${flag}\` a package that came in only as a ${inv.tool === 'zypper' ? 'recommended package' : 'weak dependency'} is missing and that command fails`,
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

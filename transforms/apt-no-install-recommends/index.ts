/**
 * apt-no-install-recommends (hadolint DL3015): `apt-get install --no-install-recommends`, so apt
 * installs what was asked for and its dependencies, not the packages it merely recommends.
 */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import { findCommands, findInStrings, hasFlag, operands, optionValues } from '../../src/shell/find-commands.js';
import { afterWord, gateRun, MB, stageBytes } from '../../src/packages/run-gate.js';

const ID = 'apt-no-install-recommends';
const INSTALL = /(^|[^\w./-])(apt-get|apt)["',\s]+(-[^\s"',]+["',\s]+)*install\b/;
const PER_PACKAGE = 5 * MB;
const CAP = 100 * MB;

const transform: Transform = {
  meta: {
    id: ID,
    title: 'Install apt packages without recommended packages',
    tier: 'review',
    category: 'layer',
    description: 'Adds `--no-install-recommends` to `apt-get install` (DL3015).',
    docs: 'transforms/apt-no-install-recommends/README.md',
  },
  run(doc) {
    const out: FindingDraft[] = [];
    // `APT::Install-Recommends` set in an apt.conf snippet (or an option) decides for the whole file.
    if (/Install-Recommends/.test(doc.text)) return out;
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const base = { code: ID, hadolint: 'DL3015' };
      const gate = gateRun(doc, ins);
      if (!gate.body) {
        if (INSTALL.test(doc.text.slice(ins.span.start, ins.span.end))) {
          out.push({
            ...base,
            span: ins.span,
            message: 'This RUN installs apt packages but slimify cannot add `--no-install-recommends` here.',
            skipped: gate.skipped,
          });
        }
        continue;
      }
      const body = gate.body;
      for (const c of findInStrings(body.script, ['apt-get', 'apt'])) {
        out.push({
          ...base,
          span: body.fileSpan(c.span.start, c.span.end),
          message: 'apt runs inside a quoted string here.',
          skipped: {
            code: 'uncertain',
            detail: `apt runs inside a string (\`${c.name?.text} ...\`) that slimify does not rewrite`,
          },
        });
      }
      for (const inv of findCommands(body.script, ['apt-get', 'apt'], { subcommands: ['install'] })) {
        if (hasFlag(inv.argv, { long: ['--no-install-recommends', '--install-recommends'] })) continue;
        if (optionValues(inv.argv, '-o', '--option').some((v) => v === null || /Install-Recommends/.test(v))) continue;
        const span = body.fileSpan(inv.command.span.start, inv.command.span.end);
        const pkgs = operands(inv);
        const message = `\`${inv.tool} install\` also installs the packages its targets recommend (documentation, optional tools); \`--no-install-recommends\` installs only what is required. Review: a build may rely on a recommended package (e.g. ca-certificates for HTTPS).`;
        if (inv.dynamicOptions) {
          out.push({
            ...base,
            span,
            message,
            skipped: { code: 'variable', detail: 'options come from a variable and may already set this' },
          });
          continue;
        }
        const n = Math.max(1, pkgs.length);
        const bytes = Math.min(CAP, n * PER_PACKAGE);
        out.push({
          ...base,
          span,
          message,
          edits: [
            {
              start: afterWord(body, inv.argv[inv.subcommandIndex]),
              end: afterWord(body, inv.argv[inv.subcommandIndex]),
              text: ' --no-install-recommends',
            },
          ],
          estimate: stageBytes(
            doc,
            ins,
            bytes,
            `Heuristic: ~5 MB of recommended packages per named package (${n}${pkgs.some((p) => p.value === null) || inv.viaXargs ? ', variables/xargs counted as one' : ''}), capped at 100 MB.`,
          ),
        });
      }
    }
    return out;
  },
};

export default transform;

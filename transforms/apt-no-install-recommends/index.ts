/**
 * apt-no-install-recommends (hadolint DL3015): `apt-get install --no-install-recommends`, so apt
 * installs what was asked for and its dependencies, not the packages it merely recommends.
 */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import { findCommands, findInStrings, hasFlag, operands, optionValues } from '../../src/shell/find-commands.js';
import { afterWord, gateRun, MB, stageBytes } from '../../src/packages/run-gate.js';
import { planAdditions, rootImage, siteOf, type InstallSite } from './needs.js';
import { debianSuites, recommendsNothing, suiteOf } from '../../src/catalog/debian/lookup.js';
import { notInFinalImage, stageShips } from '../../src/parse/stage-ships.js';
import { laterInstructions } from '../../src/parse/stage-history.js';
import type { InstructionNode, SourceDockerfile } from '../../src/parse/document.js';
import type { ShellScript } from '../../src/shell/model.js';

/** Where a `dpkg -i`/`--install` runs after `offset` in this RUN or in a later RUN on top of it ("later in this RUN", "on line N"), or null. */
function localDebInstallAfter(
  doc: SourceDockerfile,
  ins: InstructionNode,
  script: ShellScript,
  offset: number,
): string | null {
  const installs = (s: ShellScript) =>
    findCommands(s, 'dpkg').filter((d) =>
      d.argv.some((w) => w.value === '--install' || /^-[a-zA-Z]*i/.test(w.value ?? '')),
    );
  // `dpkg -i x.deb || apt-get install -f`: apt then resolves the missing dependencies itself.
  const fixes = (s: ShellScript) =>
    findCommands(s, ['apt-get', 'apt']).some((a) =>
      a.argv.some((w) => w.value === '--fix-broken' || /^-[a-zA-Z]*f[a-zA-Z]*$/.test(w.value ?? '')),
    );
  if (installs(script).some((d) => d.command.span.start >= offset) && !fixes(script)) return 'later in this RUN';
  for (const i of laterInstructions(doc, ins)) {
    const later = i.run?.shell?.script;
    if (later && installs(later).length && !fixes(later)) return `on line ${doc.lines.lineAt(i.span.start) + 1}`;
  }
  return null;
}

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
    const sites: InstallSite[] = [];
    const pending: { site: InstallSite; at: number }[] = [];
    // `APT::Install-Recommends` set in an apt.conf snippet (or an option) decides for the whole file.
    if (/Install-Recommends/.test(doc.text)) return out;
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const base = { code: ID, hadolint: 'DL3015' };
      const gate = gateRun(doc, ins);
      if (!gate.body) {
        if (INSTALL.test(doc.text.slice(ins.span.start, ins.span.end))) {
          out.push(
            skipFinding(
              base,
              ins.span,
              gate.skipped.code,
              gate.skipped.detail,
              'This RUN installs apt packages but slimify cannot add `--no-install-recommends` here.',
            ),
          );
        }
        continue;
      }
      const body = gate.body;
      for (const c of findInStrings(body.script, ['apt-get', 'apt'])) {
        out.push(
          skipFinding(
            base,
            body.fileSpan(c.span.start, c.span.end),
            'uncertain',
            `apt runs inside a string (\`${c.name?.text} ...\`) that slimify does not rewrite`,
            'apt runs inside a quoted string here.',
          ),
        );
      }
      for (const inv of findCommands(body.script, ['apt-get', 'apt'], { subcommands: ['install'] })) {
        if (
          hasFlag(inv.argv, { long: ['--no-install-recommends', '--install-recommends'] }) ||
          optionValues(inv.argv, '-o', '--option').some((v) => v === null || /Install-Recommends/.test(v))
        ) {
          sites.push(siteOf(ins, body, inv, false));
          continue;
        }
        const span = body.fileSpan(inv.command.span.start, inv.command.span.end);
        const pkgs = operands(inv);
        const message = `\`${inv.tool} install\` also installs the packages its targets recommend (documentation, optional tools); \`--no-install-recommends\` installs only what is required. Review: a build may rely on a recommended package (e.g. ca-certificates for HTTPS).`;
        if (inv.dynamicOptions) {
          out.push(
            skipFinding(base, span, 'variable', 'options come from a variable and may already set this', message),
          );
          sites.push(siteOf(ins, body, inv, false));
          continue;
        }
        // A stage that stageShips counts (nothing copies from it) but that does not reach the final image: a test
        // or lint stage. Builders are left as decided (their estimate is 0 bytes through stageBytes).
        const stage = doc.stages[ins.stage];
        const notFinal = stage && stageShips(doc, stage) ? notInFinalImage(doc, stage) : null;
        if (notFinal) {
          sites.push(siteOf(ins, body, inv, false));
          out.push({
            ...base,
            span,
            message,
            skipped: { code: 'no-saving', detail: `${notFinal}; the recommended packages installed here never ship` },
          });
          continue;
        }
        // Nothing any package here recommends (Debian data): the flag would install the same packages.
        const { suite, hasData } = suiteOf(rootImage(doc, ins.stage));
        const named = siteOf(ins, body, inv, false);
        if (
          pkgs.length &&
          !named.openList &&
          named.packages.length === pkgs.length &&
          named.packages.every((p) => recommendsNothing(suite, p))
        ) {
          sites.push(named);
          out.push({
            ...base,
            span,
            message,
            skipped: {
              code: 'no-saving',
              detail: `${hasData ? `on ${suite}` : `in every Debian suite of the data (${debianSuites().join(', ')}; ${suite ? `${suite} has no data` : 'the base image names no suite'}, so this is taken to hold there too)`} none of ${named.packages.map((p) => `\`${p}\``).join(', ')} brings a package through a Recommends (src/catalog/debian data: no package their install adds recommends anything beyond the base system), so \`--no-install-recommends\` would install the same packages`,
            },
          });
          continue;
        }
        // `dpkg -i x.deb` resolves nothing: a dependency of x that only a Recommends brought in would be missing.
        const dpkg = localDebInstallAfter(doc, ins, body.script, inv.command.span.end);
        if (dpkg) {
          sites.push(siteOf(ins, body, inv, false));
          out.push(
            skipFinding(
              base,
              span,
              'uncertain',
              `\`dpkg -i\` ${dpkg} installs a .deb without resolving its dependencies; one that only a Recommends of these packages provides would be missing`,
              message,
            ),
          );
          continue;
        }
        const site = siteOf(ins, body, inv, true);
        sites.push(site);
        const n = Math.max(1, pkgs.length);
        const bytes = Math.min(CAP, n * PER_PACKAGE);
        pending.push({ site, at: out.length });
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
    const plan = planAdditions(doc, sites);
    for (const { site, at } of pending) {
      const finding = out[at];
      const add = plan.get(site);
      if (add && 'skip' in add) {
        out[at] = {
          ...finding,
          edits: undefined,
          estimate: undefined,
          skipped: { code: 'uncertain', detail: add.skip },
        };
        continue;
      }
      if (add && add.packages.length) {
        const ops = operands(site.inv);
        const last = ops[ops.length - 1];
        const text = ' ' + add.packages.join(' ');
        if (last) finding.edits!.push({ start: afterWord(site.body, last), end: afterWord(site.body, last), text });
        else finding.edits![0].text += text;
        finding.message += ` Adds ${add.packages.map((p) => `\`${p}\``).join(', ')} explicitly: ${add.reasons.join('; ')}.`;
      }
    }
    return out;
  },
};

export default transform;

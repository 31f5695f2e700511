/**
 * apt-get-not-apt (hadolint DL3027): scripts use `apt-get`, whose command line is stable;
 * `apt` is for people at a terminal and warns "apt does not have a stable CLI interface".
 */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import { findCommands } from '../../src/shell/find-commands.js';
import { gateRun } from '../../src/packages/run-gate.js';

const ID = 'apt-get-not-apt';
/** `apt` subcommands that `apt-get` runs the same way. `upgrade` differs (apt adds new dependencies), `list`/`search`/`show` do not exist in apt-get. */
const SAME = [
  'install',
  'reinstall',
  'remove',
  'purge',
  'update',
  'autoremove',
  'autopurge',
  'clean',
  'autoclean',
  'source',
  'build-dep',
  'download',
  'satisfy',
  'dist-upgrade',
];

const transform: Transform = {
  meta: {
    id: ID,
    title: 'Use apt-get instead of apt in scripts',
    tier: 'safe',
    category: 'layer',
    description: 'Replaces `apt` with `apt-get` for subcommands both run the same way (DL3027).',
    docs: 'transforms/apt-get-not-apt/README.md',
  },
  run(doc) {
    const out: FindingDraft[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const gate = gateRun(doc, ins);
      if (!gate.body) continue;
      const body = gate.body;
      for (const inv of findCommands(body.script, 'apt')) {
        const span = body.fileSpan(inv.command.span.start, inv.command.span.end);
        const message =
          '`apt` is meant for interactive use and warns that its command line is not stable; scripts should use `apt-get`.';
        const rule = { code: ID, hadolint: 'DL3027' };
        const base = { ...rule, span, message };
        if (!inv.subcommand || !SAME.includes(inv.subcommand)) {
          if (inv.subcommand === 'upgrade' || inv.subcommand === 'full-upgrade') {
            out.push(
              skipFinding(
                rule,
                span,
                'uncertain',
                `\`apt ${inv.subcommand}\` also installs new dependencies; \`apt-get ${inv.subcommand === 'upgrade' ? 'upgrade' : 'dist-upgrade'}\` would behave differently`,
                message,
              ),
            );
          }
          continue;
        }
        const w = inv.toolWord;
        if (w.text !== w.value || !w.text.endsWith('apt')) {
          out.push(
            skipFinding(rule, span, 'uncertain', `the command word \`${w.text}\` is quoted or unusual`, message),
          );
          continue;
        }
        const at = body.toFile[w.span.end - 1] + 1;
        out.push({
          ...base,
          edits: [{ start: at, end: at, text: '-get' }],
          hazard: 'apt has no stable command-line interface for scripts (it warns so)',
          estimate: { bytes: 0, basis: 'heuristic', note: 'No size effect: a stable command line for scripts.' },
        });
      }
    }
    return out;
  },
};

export default transform;

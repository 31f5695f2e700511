/**
 * apt-assume-yes (hadolint DL3014): `apt-get install -y`. A build has no terminal: when apt asks
 * "Do you want to continue?" it reads end-of-file and aborts the build.
 */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import { findCommands, hasFlag, optionValues } from '../../src/shell/find-commands.js';
import { afterWord, gateRun } from '../../src/packages/run-gate.js';

const ID = 'apt-assume-yes';
const PROMPTING = [
  'install',
  'reinstall',
  'remove',
  'purge',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'autoremove',
  'autopurge',
  'build-dep',
];

const transform: Transform = {
  meta: {
    id: ID,
    title: 'Answer apt prompts with -y',
    tier: 'safe',
    category: 'layer',
    description:
      'Adds `-y` to apt-get/apt commands that would otherwise prompt and abort a non-interactive build (DL3014).',
    docs: 'transforms/apt-assume-yes/README.md',
  },
  run(doc) {
    const out: FindingDraft[] = [];
    if (/Assume-Yes/i.test(doc.text)) return out; // configured in apt.conf for the whole file
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const gate = gateRun(doc, ins);
      if (!gate.body) continue;
      const body = gate.body;
      for (const inv of findCommands(body.script, ['apt-get', 'apt'], { subcommands: PROMPTING })) {
        const words = inv.argv;
        if (hasFlag(words, { short: 'y', long: ['--yes', '--assume-yes'] })) continue;
        // Quiet level 2 implies -y (apt-get(8)).
        if (
          words.some((w) => /^-[a-zA-Z]*q[a-zA-Z]*q/.test(w.value ?? '') || /^(-q=|--quiet=)[2-9]$/.test(w.value ?? ''))
        )
          continue;
        if (optionValues(words, '-o', '--option').some((v) => v === null || /Assume-Yes/i.test(v))) continue;
        // Something already answers on stdin: `yes | apt-get ...`, `echo y | apt-get ...`.
        if (inv.command.context.pipeline && inv.command.context.pipelineIndex > 0 && !inv.viaXargs) continue;
        if (
          inv.command.redirects.some(
            (r) =>
              /^\d*<(?!<)/.test(body.text.slice(r.start, r.end)) || body.text.slice(r.start, r.end).startsWith('<<'),
          )
        )
          continue;
        const span = body.fileSpan(inv.command.span.start, inv.command.span.end);
        const message = `\`${inv.tool} ${inv.subcommand}\` without \`-y\` asks for confirmation whenever it installs or removes more than what was named; a build has no terminal, so apt aborts.`;
        if (inv.dynamicOptions) {
          out.push(
            skipFinding(
              { code: ID, hadolint: 'DL3014' },
              span,
              'variable',
              'options come from a variable and may already contain -y',
              message,
            ),
          );
          continue;
        }
        const at = afterWord(body, inv.argv[inv.subcommandIndex]);
        out.push({
          code: ID,
          hadolint: 'DL3014',
          span,
          message,
          edits: [{ start: at, end: at, text: ' -y' }],
          hazard: 'the build aborts at the confirmation prompt',
          estimate: {
            bytes: 0,
            basis: 'heuristic',
            note: 'No size effect: it keeps the build from aborting at a prompt.',
          },
        });
      }
    }
    return out;
  },
};

export default transform;

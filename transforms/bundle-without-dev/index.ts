/** bundle-without-dev: `ENV BUNDLE_WITHOUT=development:test` before the first `bundle install` of a production Ruby stage that ships, so dev/test gems stay out of the image and `bundle exec` agrees at run time. */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import {
  instructionText,
  instructionsUpTo,
  shellRuns,
  stageReachesImage,
  type RuleInfo,
} from '../../src/lang/rule-kit.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import { devStageName } from '../../src/lang/dev-stage.js';
import { laterUse } from '../../src/lang/later-use.js';
import { findInvocation, isInvocationFailure, nestedShellMention } from '../../src/shell/lang-invocations.js';
import { stageVariables } from '../../src/parse/stage-env.js';
import { indentOfLine } from '../../src/edit/style.js';
import { MB } from '../../src/packages/run-gate.js';
import { installDropsSetting, laterDroppedSetting } from './env-reach.js';

const ID = 'bundle-without-dev';
const RULE: RuleInfo = { id: ID, code: 'bundle-without-dev' };

/** Bundler settings by which the author already chose the groups. */
const GROUP_VARS = /^BUNDLE_(WITHOUT|WITH|ONLY)$/;
/** Options of `bundle install` that choose groups, or make the rewrite pointless. */
const GROUP_OPTIONS = /^--(without|with|only)(=|$)/;
/** `bundle config [set] [--local|--global] without|with|only ...` anywhere before, or in the RUN. */
const CONFIG_GROUPS = /\bbundle\s+config\b[^\n&;|]*\b(without|with|only)\b/;
/** Environment variables that name the Ruby app environment. */
const ENV_VARS = ['RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'HANAMI_ENV'];

/** Later uses that need development/test gems. A text search; a false match only skips. */
const DEV_USE = new RegExp(
  [
    String.raw`(?<![\w.-])(?:rspec|rubocop|guard|spring|byebug|pry|minitest|cucumber|brakeman|standardrb|erb_lint|reek|simplecov|capybara|webpack-dev-server|foreman)(?![\w-])`,
    String.raw`\brake\s+(?:test|spec|db:seed|db:setup|db:reset|lint)\b`,
    String.raw`\brails\s+(?:test|t|console|c|server|s)\b`,
    String.raw`\bbundle\s+(?:config|update|add|lock)\b`,
  ].join('|'),
);

const NOTE =
  'heuristic: development and test groups (rspec, rubocop, capybara, byebug, web-console, with native extensions) are commonly ' +
  '20-80 MB of installed gems; counted as 30 MB';

const transform: Transform = {
  meta: {
    id: ID,
    title: 'BUNDLE_WITHOUT=development:test in a production Ruby stage',
    tier: 'review',
    category: 'layer',
    description:
      'Adds `ENV BUNDLE_WITHOUT=development:test` before the first `bundle install` of a shipping stage whose RAILS_ENV/RACK_ENV is production.',
    docs: 'transforms/bundle-without-dev/README.md',
  },
  run(doc) {
    const { runs, skips } = shellRuns(doc, RULE, /\bbundler?\b[\s\S]*\binstall\b/);
    const out: FindingDraft[] = [
      ...skips.filter((s) => /\bbundler?["',\s]+install\b/.test(doc.text.slice(s.span.start, s.span.end))),
    ];
    const doneStages = new Set<number>();
    for (const { ins, body, stage } of runs) {
      for (const cmd of body.script.commands) {
        const span = body.fileSpan(cmd.span.start, cmd.span.end);
        const skip = (code: Parameters<typeof skipFinding>[2], detail: string) =>
          out.push(skipFinding(RULE, span, code, detail));
        if (nestedShellMention(cmd, /\bbundler?\s+install\b/)) {
          skip(
            'uncertain',
            'bundle install runs inside a command string handed to another shell (sh -c / su -c); the string is not rewritten',
          );
          continue;
        }
        const inv = findInvocation(cmd);
        if (!inv || inv.tool !== 'bundle') continue;
        if (isInvocationFailure(inv)) {
          if (/\binstall\b/.test(body.text.slice(cmd.span.start, cmd.span.end)))
            skip('uncertain', `this bundle command could not be read: ${inv.reason}`);
          continue;
        }
        // `bundle` alone installs too.
        if (inv.subcommand && inv.subcommand.value !== 'install') continue;
        if (doneStages.has(ins.stage)) continue;
        if ([...inv.globalOptions, ...inv.rest].some((w) => GROUP_OPTIONS.test(w.value ?? w.text))) continue;
        const env = new Map([...stageVariables(doc, ins), ...inv.unwrapped.env]);
        if ([...env.keys()].some((k) => GROUP_VARS.test(k))) continue;
        const before = instructionsUpTo(doc, ins)
          .filter((i) => i !== ins && i.keyword === 'RUN')
          .map((i) => instructionText(doc, i));
        if ([...before, body.text.slice(0, cmd.span.start)].some((t) => CONFIG_GROUPS.test(t))) continue;
        if (!stageReachesImage(doc, stage)) {
          skip(
            'builder-stage',
            `stage ${stage?.name ?? stage?.index} is only copied from; what it copies out (the whole bundle for tests?) is not known`,
          );
          continue;
        }
        const devStage = devStageName(doc, stage);
        if (devStage) {
          skip('uncertain', `the stage is (or is built on) "${devStage}", which reads as a development or test image`);
          continue;
        }
        const envs = ENV_VARS.filter((k) => env.has(k)).map((k) => [k, env.get(k)] as const);
        const notProd = envs.find(([, v]) => v !== 'production');
        if (!envs.length || notProd) {
          skip(
            'uncertain',
            notProd
              ? `${notProd[0]} is ${notProd[1] === null ? 'given at build time' : `"${notProd[1]}"`}, not production: the app may load development/test gems`
              : 'neither RAILS_ENV nor RACK_ENV is set to production before the install; Rails and Rack default to development, which may load development gems',
          );
          continue;
        }
        const use = laterUse(doc, ins, body, cmd, DEV_USE);
        if (use) {
          const where =
            use.ins === ins
              ? 'later in this RUN'
              : `in the ${use.ins.keyword} on line ${doc.lines.lineAt(use.ins.span.start) + 1}`;
          skip('needs-toolchain', `\`${use.match.trim()}\` runs ${where} and may need development/test gems`);
          continue;
        }
        // ENV does not reach a process started through sudo (env_reset), `su -`, `env -i`, doas.
        const installDrop = installDropsSetting(cmd);
        if (installDrop) {
          skip(
            'uncertain',
            `bundle install runs under a wrapper that drops ENV BUNDLE_WITHOUT (${installDrop}): the install would still add the development and test gems`,
          );
          continue;
        }
        const dropped = laterDroppedSetting(
          doc,
          ins,
          body.script.commands.filter((c) => c.span.start >= cmd.span.end),
        );
        if (dropped) {
          const where =
            dropped.ins === ins
              ? 'later in this RUN'
              : `in the ${dropped.ins.keyword} on line ${doc.lines.lineAt(dropped.ins.span.start) + 1}`;
          skip(
            'uncertain',
            `\`${dropped.program}\` ${where} ${dropped.maybe ? 'may not see' : 'does not see'} ENV BUNDLE_WITHOUT (${dropped.why}); Bundler there expects the development and test gems that would be left out and stops with Bundler::GemNotFound`,
          );
          continue;
        }
        doneStages.add(ins.stage);
        const indent = indentOfLine(doc, ins.span.start);
        out.push({
          code: RULE.code,
          message:
            `This stage runs with ${envs.map(([k]) => k).join('/')}=production and ends up in an image, yet bundle install also installs the development and test ` +
            'groups. `ENV BUNDLE_WITHOUT=development:test` leaves them out, and, being ENV, it also tells `bundle exec` at run time not to expect them ' +
            '(`bundle install --without` alone is deprecated and would not). Review: a Gemfile whose production code needs a gem from those groups would break.',
          span,
          edits: [
            {
              start: ins.span.start,
              end: ins.span.start,
              text: `ENV BUNDLE_WITHOUT=development:test${doc.eol}${indent}`,
            },
          ],
          estimate: { bytes: 30 * MB, basis: 'heuristic', note: NOTE },
        });
      }
    }
    return out;
  },
};

export default transform;

/** gem-no-document: `gem install --no-document`, so rdoc/ri documentation is not generated into the image. */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import { findInvocation, isInvocationFailure, nestedShellMention } from '../../src/shell/lang-invocations.js';
import { baseRelease, olderThan } from '../../src/parse/legacy-base.js';
import { OPTION_SINCE, pinVerdict } from '../../src/lang/tool-pins.js';
import {
  instructionText,
  instructionsUpTo,
  rootOfficialImage,
  shellRuns,
  stageReachesImage,
  type RuleInfo,
} from '../../src/lang/rule-kit.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import { MB } from '../../src/packages/run-gate.js';

const ID = 'gem-no-document';
const RULE: RuleInfo = { id: ID, code: 'gem-no-document' };
/** Any of these means the author already decided about documentation. */
const DOC_FLAGS = /^(-N|--(no-)?(doc[a-z]*|ri|rdoc)(=.*)?)$/; // optparse also accepts abbreviations such as --no-doc
/**
 * Releases whose packaged RubyGems predates --no-document (RubyGems 2.0, 2013): Ubuntu 12.04 and 14.04
 * (`ruby` is 1.9.3 with RubyGems 1.8), Debian 7, CentOS 6 (RubyGems 1.3). Older gem stops with
 * "invalid option: --no-document".
 */
const OLD_GEM_RELEASES = { ubuntu: [14, 10], debian: [8, 0], centos: [7, 0] } as const satisfies Record<
  string,
  [number, number]
>;
/** An earlier RUN that replaces RubyGems or builds/installs another Ruby (the packaged gem may not be the one that runs). */
const GEM_REPLACED = /gem\s+update\s+--system|rubygems-update|ruby-build|rbenv|rvm|ruby-install|ruby-\d\.\d[\d.]*\.tar/;

const NOTE =
  'heuristic: RubyGems generates rdoc HTML and ri data for each installed gem, commonly 0.5-3 MB per gem (much more for rails); ' +
  'counted as 2 MB per named gem';

/** Official images built FROM the ruby image, so they keep its gemrc. */
const RUBY_BASED = new Set(['ruby', 'redmine', 'rails']);

const transform: Transform = {
  meta: {
    id: ID,
    title: 'gem install --no-document',
    tier: 'safe',
    category: 'layer',
    description: 'Adds --no-document to gem install so rdoc/ri documentation is not generated into the image.',
    docs: 'transforms/gem-no-document/README.md',
  },
  run(doc) {
    const { runs, skips } = shellRuns(doc, RULE, /\bgem\b[\s\S]*\binstall\b/);
    const out: FindingDraft[] = [...skips];
    for (const { ins, body, stage } of runs) {
      // The official ruby images (and redmine and rails, built on them) ship /usr/local/etc/gemrc with `install: --no-document`.
      if (RUBY_BASED.has(rootOfficialImage(doc, stage) ?? '')) continue;
      const before = instructionsUpTo(doc, ins).filter((i) => i.index < ins.index || i === ins);
      const tooOld = olderThan(baseRelease(doc, stage), OLD_GEM_RELEASES);
      const replaced = tooOld !== null && before.some((i) => i !== ins && GEM_REPLACED.test(instructionText(doc, i)));
      if (
        before.some(
          (i) => /gemrc/.test(instructionText(doc, i)) && /no-(document|rdoc|ri)/.test(instructionText(doc, i)),
        )
      )
        continue;
      for (const cmd of body.script.commands) {
        const span = body.fileSpan(cmd.span.start, cmd.span.end);
        if (nestedShellMention(cmd, /\bgem\s+install\b/)) {
          out.push(
            skipFinding(
              RULE,
              span,
              'uncertain',
              'gem install runs inside a command string handed to another shell (sh -c / su -c); the string is not rewritten',
            ),
          );
          continue;
        }
        const inv = findInvocation(cmd);
        if (!inv || inv.tool !== 'gem') continue;
        if (isInvocationFailure(inv)) {
          out.push(skipFinding(RULE, span, 'uncertain', `this gem command could not be read: ${inv.reason}`));
          continue;
        }
        if (inv.subcommand?.value !== 'install') continue;
        if ([...inv.globalOptions, ...inv.rest].some((w) => DOC_FLAGS.test(w.value ?? ''))) continue;
        if (!stageReachesImage(doc, stage)) {
          out.push(
            skipFinding(
              RULE,
              span,
              'builder-stage',
              `stage ${stage?.name ?? stage?.index} is only copied from; its gem documentation does not reach the final image`,
            ),
          );
          continue;
        }
        const pinned = pinVerdict(doc, ins, OPTION_SINCE.gemNoDocument, 'gem', cmd.span.start);
        if (pinned?.allows === 'no') {
          out.push(
            skipFinding(
              RULE,
              span,
              'uncertain',
              `line ${pinned.pin.line} pins RubyGems (${pinned.pin.text}) to a version without --no-document (RubyGems 2.0+); use --no-ri --no-rdoc there`,
            ),
          );
          continue;
        }
        if (tooOld && (!replaced || pinned?.allows === 'unknown') && pinned?.allows !== 'yes') {
          out.push(
            skipFinding(
              RULE,
              span,
              'uncertain',
              `${tooOld}: its packaged RubyGems (1.x) has no --no-document (RubyGems 2.0+) and would stop with "invalid option"; use --no-ri --no-rdoc there`,
            ),
          );
          continue;
        }
        const gems = inv.rest.filter((w) => !(w.value ?? w.text).startsWith('-')).length;
        const at = body.fileSpan(inv.subcommand.span.start, inv.subcommand.span.end).end;
        out.push({
          code: RULE.code,
          message:
            'gem install generates rdoc and ri documentation for every gem it installs; nobody reads it inside a container. --no-document (RubyGems 2.0+) skips it.',
          span,
          edits: [{ start: at, end: at, text: ' --no-document' }],
          estimate: { bytes: Math.max(1, gems) * 2 * MB, basis: 'heuristic', note: NOTE },
        });
      }
    }
    return out;
  },
};

export default transform;

/** npm-ci: `npm install` of a whole project whose lockfile was copied in -> `npm ci` (exact, reproducible install from the lockfile). */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import { instructionText, shellRuns, type RuleInfo } from '../../src/lang/rule-kit.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import { npmInstalls, optionName } from '../../src/lang/npm-installs.js';
import { atLeast, npmVersionAt } from '../../src/lang/npm-version.js';
import { OPTION_SINCE } from '../../src/lang/tool-pins.js';
import { copiedFileInto } from '../../src/parse/copied-files.js';
import { instructionsBefore, isWithin, resolvePath } from '../../src/parse/stage-history.js';
import { stageVariables } from '../../src/parse/stage-env.js';
import { cacheMountTargets } from '../../src/parse/cache-mounts.js';

const ID = 'npm-ci';
const RULE: RuleInfo = { id: ID, code: 'npm-ci' };
const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/**
 * Options of `npm install` that `npm ci` takes with the same meaning. Anything else (`--no-save`,
 * `--save*`, `-g`/`--global`, `--no-package-lock`, `--package-lock-only`, `--force`, `--prefix` ...)
 * is left for a human: npm ci rejects it, ignores it or it changes what is installed.
 */
const CI_OPTIONS = new Set([
  '--production',
  '--only',
  '--omit',
  '--include',
  '--also',
  '--ignore-scripts',
  '--no-audit',
  '--audit',
  '--no-fund',
  '--fund',
  '--loglevel',
  '--silent',
  '--quiet',
  '-q',
  '-s',
  '--verbose',
  '-d',
  '-dd',
  '--no-progress',
  '--progress',
  '--unsafe-perm',
  '--registry',
  '--legacy-peer-deps',
  '--strict-peer-deps',
  '--no-optional',
  '--prefer-offline',
  '--offline',
  '--prefer-online',
  '--foreground-scripts',
  '--no-update-notifier',
  '--update-notifier',
  '--no-color',
  '--color',
  '--fetch-retries',
  '--fetch-timeout',
  '--network-concurrency',
  '--maxsockets',
  '--cache',
]);
/** npm options that take their value as the next word. */
const TAKES_VALUE = new Set([
  '--loglevel',
  '--registry',
  '--only',
  '--omit',
  '--include',
  '--also',
  '--cache',
  '--fetch-retries',
  '--fetch-timeout',
  '--network-concurrency',
  '--maxsockets',
]);

const NOTE =
  'npm ci installs exactly the locked tree; it does not by itself make the image smaller, so no size is estimated';

const transform: Transform = {
  meta: {
    id: ID,
    title: 'npm ci instead of npm install when the lockfile is copied',
    tier: 'review',
    category: 'layer',
    description:
      'Replaces `npm install` (no package arguments) with `npm ci` when package-lock.json/npm-shrinkwrap.json is copied into its directory and npm is 5.7 or newer.',
    docs: 'transforms/npm-ci/README.md',
  },
  run(doc) {
    const { runs, skips } = shellRuns(doc, RULE, /\bnpm\b[\s\S]*\b(i|install)\b/);
    const out: FindingDraft[] = [
      ...skips.filter((s) => /\bnpm["',\s]+(i|install)\b/.test(doc.text.slice(s.span.start, s.span.end))),
    ];
    for (const { ins, body } of runs) {
      const scan = npmInstalls(doc, ins, body);
      for (const u of scan.unreadable)
        out.push(skipFinding(RULE, body.fileSpan(u.command.span.start, u.command.span.end), 'uncertain', u.reason));
      for (const inst of scan.installs) {
        if (inst.kind !== 'install') continue;
        const span = body.fileSpan(inst.command.span.start, inst.command.span.end);
        const skip = (code: Parameters<typeof skipFinding>[2], detail: string) =>
          out.push(skipFinding(RULE, span, code, detail));
        const sub = inst.inv.subcommand!;
        if (sub.value !== sub.text) {
          skip('uncertain', 'the subcommand word is quoted or escaped');
          continue;
        }
        if (inst.inv.globalOptions.length) {
          skip(
            'uncertain',
            `npm is given options before the subcommand (${inst.inv.globalOptions.map((w) => w.text).join(' ')})`,
          );
          continue;
        }
        const bad = inst.options.find((w, i) => {
          const name = optionName(w);
          if (CI_OPTIONS.has(name)) return false;
          // the value word of an option such as `--loglevel warn` is not in options; nothing to check
          return !(i > 0 && TAKES_VALUE.has(optionName(inst.options[i - 1])) && !(w.value ?? w.text).startsWith('-'));
        });
        if (bad) {
          skip('uncertain', `npm install is given ${bad.text}, which npm ci rejects, ignores or treats differently`);
          continue;
        }
        if (inst.dir === null) {
          skip('uncertain', `cannot tell which directory npm install runs in: ${inst.dirReason}`);
          continue;
        }
        const dir = inst.dir;
        const nm = resolvePath(dir, 'node_modules')!;
        const mounted = cacheMountTargets(ins)
          .map((t) => resolvePath(dir, t))
          .find((t) => t !== null && (isWithin(nm, t) || isWithin(t, nm)));
        if (mounted) {
          skip(
            'cache-mount',
            `a cache mount at ${mounted} holds node_modules; npm ci starts by deleting node_modules and cannot remove a mount point`,
          );
          continue;
        }
        const copies = LOCKFILES.map((f) => ({ file: f, c: copiedFileInto(doc, ins, dir, f) }));
        const named = copies.find((x) => x.c.named);
        if (!named) {
          const glob = copies.find((x) => x.c.glob);
          const folder = copies.find((x) => x.c.folder);
          skip(
            'uncertain',
            glob
              ? `${instructionText(doc, glob.c.glob!).split(/\r?\n/)[0]} may or may not bring a lockfile into ${dir}; npm ci fails without one (name package-lock.json in the COPY to opt in)`
              : folder
                ? `the lockfile can only come from a whole-folder copy (${instructionText(doc, folder.c.folder!).split(/\r?\n/)[0]}); the build context is not visible, and npm ci fails without a lockfile`
                : `no package-lock.json or npm-shrinkwrap.json is copied into ${dir}; npm ci needs one`,
          );
          continue;
        }
        const earlier = instructionsBefore(doc, ins).filter((i) => i.index > named.c.named!.index);
        const beforeInRun = body.text.slice(0, inst.command.span.start);
        const touched = earlier.find(
          (i) => i.keyword === 'RUN' && /package-lock|npm-shrinkwrap|node_modules/.test(instructionText(doc, i)),
        );
        if (touched || /package-lock|npm-shrinkwrap|node_modules/.test(beforeInRun)) {
          skip('uncertain', 'the lockfile or node_modules is touched between the COPY and this install');
          continue;
        }
        if (
          instructionsBefore(doc, ins).some((i) => /node_modules/.test(instructionText(doc, i)) && i.keyword !== 'RUN')
        ) {
          skip('uncertain', 'node_modules is placed in the image before this install; npm ci would delete it first');
          continue;
        }
        const vars = stageVariables(doc, ins);
        const lockVar = [...vars.keys(), ...inst.inv.unwrapped.env.keys()].find((k) =>
          /^npm_config_(package_lock|shrinkwrap)$/i.test(k),
        );
        if (lockVar) {
          skip('uncertain', `${lockVar} is set; npm may be told to ignore the lockfile`);
          continue;
        }
        const npm = npmVersionAt(doc, ins, beforeInRun);
        if (!npm) {
          skip(
            'uncertain',
            'the npm version is unknown (the stage is not built on an official node image with a readable tag); npm ci needs npm 5.7 or newer',
          );
          continue;
        }
        if (!atLeast(npm.version, [OPTION_SINCE.npmCi.since[0], OPTION_SINCE.npmCi.since[1]])) {
          skip('uncertain', `npm from ${npm.source} may be older than 5.7, which has no npm ci`);
          continue;
        }
        const at = body.fileSpan(sub.span.start, sub.span.end);
        out.push({
          code: RULE.code,
          message:
            `${named.file} is copied into ${dir}: \`npm ci\` installs exactly what it locks, never rewrites it, and starts from an empty node_modules. ` +
            'Review: npm ci stops with an error when package.json and the lockfile disagree, where npm install would quietly update the lockfile.',
          span,
          edits: [{ start: at.start, end: at.end, text: 'ci' }],
          estimate: { bytes: null, basis: 'heuristic', note: NOTE },
        });
      }
    }
    return out;
  },
};

export default transform;

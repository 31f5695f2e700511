/** composer-no-dev: `composer install` in a stage that ships and runs no dev tooling afterwards -> `--no-dev`, so require-dev packages stay out of the image. */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import type { SourceDockerfile } from '../../src/parse/document.js';
import { shellRuns, stageReachesImage, type RuleInfo } from '../../src/lang/rule-kit.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import { devStageName } from '../../src/lang/dev-stage.js';
import { laterUse, packageBinOnPath, runtimeSet } from '../../src/lang/later-use.js';
import { findInvocation, isInvocationFailure, nestedShellMention } from '../../src/shell/lang-invocations.js';
import { stageVariables } from '../../src/parse/stage-env.js';
import { cacheMountTargets } from '../../src/parse/cache-mounts.js';
import { MB } from '../../src/packages/run-gate.js';

const ID = 'composer-no-dev';
const RULE: RuleInfo = { id: ID, code: 'composer-no-dev' };

/** Options by which the author already chose about require-dev. */
const CHOSEN = new Set(['--no-dev', '--dev', '--update-no-dev']);

/**
 * Later uses that may need require-dev packages or the dev environment: any composer command other
 * than cache/autoload housekeeping, artisan, Symfony's console, and the usual PHP dev tools.
 * A text search; a false match only skips.
 */
const DEV_USE = new RegExp(
  [
    String.raw`\bcomposer(?:\.phar)?(?![\w.])(?!\s+(?:install|i|clear-cache|clearcache|cc|dump-autoload|dumpautoload|dump|diagnose|check-platform-reqs|--version|-V)\b)`,
    String.raw`\bartisan\b`,
    String.raw`\bbin/console\b`,
    String.raw`(?<![\w.-])(?:phpunit|pest|paratest|phpstan|psalm|php-cs-fixer|phpcs|phpcbf|rector|infection|behat|codecept|phpspec|dusk|phpmd|grumphp)(?![\w-])`,
    String.raw`vendor/bin\b`,
  ].join('|'),
);

/** A debugger or coverage driver (installed only to debug or measure tests), named in a RUN: a text search; a false match only skips. */
const COVERAGE_DRIVER = /(?<![\w-])(?:php[\d.]*-)?(xdebug|pcov)(?![\w-])/;
/** A COPY/ADD source under a tests folder (composer files of a test setup: `tests/composer/composer-5.6.json`). */
const TEST_SOURCE = /(^|\/)tests?\//;

/**
 * Why the stage (its chain of base stages included) looks like an image for running tests: it
 * installs xdebug or pcov, or copies its composer files from a tests folder. Null when nothing says so.
 */
function testImageSign(doc: SourceDockerfile, stageIndex: number): string | null {
  for (const s of doc.stages[stageIndex]?.chain ?? [stageIndex]) {
    for (const i of doc.stages[s].instructions) {
      const text = doc.text.slice(i.span.start, i.span.end);
      if (i.keyword === 'RUN') {
        const m = COVERAGE_DRIVER.exec(text);
        if (m) return `line ${doc.lines.lineAt(i.span.start) + 1} installs ${m[1]} (a debugger and coverage driver)`;
      }
      if ((i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.some((f) => f.name === 'from')) {
        const src = i.args.slice(0, -1).find((a) => TEST_SOURCE.test(a.value) && /composer/i.test(a.value));
        if (src) return `line ${doc.lines.lineAt(i.span.start) + 1} copies its composer files from ${src.value}`;
      }
    }
  }
  return null;
}

const NOTE =
  'heuristic: require-dev commonly holds phpunit, static analysers and fixers with their dependencies, 10-40 MB of vendor/; ' +
  'counted as 20 MB per composer install';

const transform: Transform = {
  meta: {
    id: ID,
    title: 'composer install --no-dev in a shipping stage',
    tier: 'review',
    category: 'layer',
    description:
      'Adds `--no-dev` to `composer install` in a stage that ends up in an image when no composer script, artisan, console or PHP dev tool runs afterwards.',
    docs: 'transforms/composer-no-dev/README.md',
  },
  run(doc) {
    const { runs, skips } = shellRuns(doc, RULE, /\bcomposer\b[\s\S]*\binstall\b/);
    const out: FindingDraft[] = [
      ...skips.filter((s) => /\bcomposer(\.phar)?["',\s]+install\b/.test(doc.text.slice(s.span.start, s.span.end))),
    ];
    for (const { ins, body, stage } of runs) {
      for (const cmd of body.script.commands) {
        const span = body.fileSpan(cmd.span.start, cmd.span.end);
        const skip = (code: Parameters<typeof skipFinding>[2], detail: string) =>
          out.push(skipFinding(RULE, span, code, detail));
        if (nestedShellMention(cmd, /\bcomposer(\.phar)?\s+install\b/)) {
          skip(
            'uncertain',
            'composer install runs inside a command string handed to another shell (sh -c / su -c); the string is not rewritten',
          );
          continue;
        }
        const inv = findInvocation(cmd);
        if (!inv || inv.tool !== 'composer') continue;
        if (isInvocationFailure(inv)) {
          if (/\binstall\b/.test(body.text.slice(cmd.span.start, cmd.span.end)))
            skip('uncertain', `this composer command could not be read: ${inv.reason}`);
          continue;
        }
        const sub = inv.subcommand?.value;
        if (sub !== 'install' && sub !== 'i') continue;
        if ([...inv.globalOptions, ...inv.rest].some((w) => CHOSEN.has(w.value ?? w.text))) continue;
        const env = new Map([...stageVariables(doc, ins), ...inv.unwrapped.env]);
        if (env.has('COMPOSER_NO_DEV')) continue;
        if (!stageReachesImage(doc, stage)) {
          skip(
            'builder-stage',
            `stage ${stage?.name ?? stage?.index} is only copied from; what it copies out (vendor/ for tests?) is not known`,
          );
          continue;
        }
        const devStage = devStageName(doc, stage);
        if (devStage) {
          skip('uncertain', `the stage is (or is built on) "${devStage}", which reads as a development or test image`);
          continue;
        }
        const testSign = testImageSign(doc, ins.stage);
        if (testSign) {
          skip('uncertain', `${testSign}, which reads as a test image: require-dev (phpunit) is likely what it is for`);
          continue;
        }
        const mounted = cacheMountTargets(ins).find((t) => /(^|\/)vendor\/?$/.test(t));
        if (mounted) {
          skip('cache-mount', `vendor/ is on a cache mount (${mounted}), so it is not part of the image`);
          continue;
        }
        const appEnv = env.get('APP_ENV');
        if (appEnv !== undefined && !/^prod(uction)?$/.test(appEnv ?? '')) {
          skip(
            'uncertain',
            `APP_ENV is ${appEnv === null ? 'given at build time' : `"${appEnv}"`}: a dev/test environment may load require-dev packages (Symfony bundles, Laravel providers)`,
          );
          continue;
        }
        const onPath = packageBinOnPath(doc, ins, 'vendor/bin');
        if (onPath) {
          skip(
            'needs-toolchain',
            `the ENV on line ${doc.lines.lineAt(onPath.ins.span.start) + 1} puts vendor/bin on PATH (${onPath.value}), so the image is set up to run the project's vendor binaries by name (phpunit, codecept: require-dev)`,
          );
          continue;
        }
        // No start command in the file and a base whose start command is not known: it may run a dev tool.
        const official = doc.stages[doc.stages[ins.stage]?.root ?? -1]?.image?.official;
        if (!runtimeSet(doc, ins) && official !== 'php' && official !== 'composer') {
          skip(
            'needs-toolchain',
            'the file sets no CMD or ENTRYPOINT and its base image is not an official php image: what the container runs (a test runner?) is not known',
          );
          continue;
        }
        const use = laterUse(doc, ins, body, cmd, DEV_USE);
        if (use) {
          const where =
            use.ins === ins
              ? 'later in this RUN'
              : `in the ${use.ins.keyword} on line ${doc.lines.lineAt(use.ins.span.start) + 1}`;
          skip('needs-toolchain', `\`${use.match.trim()}\` runs ${where} and may need require-dev packages`);
          continue;
        }
        const at = body.fileSpan(inv.subcommand!.span.start, inv.subcommand!.span.end).end;
        out.push({
          code: RULE.code,
          message:
            'This stage ends up in an image and no composer script, artisan/console command or PHP dev tool runs after this install, so require-dev ' +
            'packages (phpunit, analysers) are dead weight: `--no-dev` leaves them out (consider `--optimize-autoloader` too). Review: composer.json is not ' +
            'visible; post-install scripts or an APP_ENV=dev at run time that load dev packages would fail.',
          span,
          edits: [{ start: at, end: at, text: ' --no-dev' }],
          estimate: { bytes: 20 * MB, basis: 'heuristic', note: NOTE },
        });
      }
    }
    return out;
  },
};

export default transform;

/** npm-omit-dev: `npm ci`/`npm install` of a whole project in a stage that ships and builds nothing afterwards -> `--omit=dev` (npm 7+) or `--production` (npm 6), so devDependencies stay out of the image. */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import { shellRuns, stageReachesImage, type RuleInfo } from '../../src/lang/rule-kit.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import { npmInstalls, optionName } from '../../src/lang/npm-installs.js';
import { atLeast, npmVersionAt } from '../../src/lang/npm-version.js';
import { OPTION_SINCE } from '../../src/lang/tool-pins.js';
import { globalNodePackages, laterUse, packageBinOnPath, runtimeDevTool } from '../../src/lang/later-use.js';
import { stageVariables } from '../../src/parse/stage-env.js';
import { cacheMountTargets } from '../../src/parse/cache-mounts.js';
import { isWithin, resolvePath } from '../../src/parse/stage-history.js';
import { devStageName } from '../../src/lang/dev-stage.js';
import { MB } from '../../src/packages/run-gate.js';

const ID = 'npm-omit-dev';
const RULE: RuleInfo = { id: ID, code: 'npm-omit-dev' };

/** Options by which the author already chose which dependency types to install. */
const CHOSEN = new Set(['--omit', '--production', '--only', '--include', '--also', '--dev', '--save-dev', '-D']);
/** Variables (npm config or NODE_ENV) that already decide about dev dependencies. */
const CONFIG_VARS = /^npm_config_(production|omit|only|include|also|dev)$/i;

/**
 * Later uses that (may) need devDependencies: npm scripts other than start, test runs, npx, other
 * package managers, and the usual build/dev tools. A text search; a false match only skips.
 */
const DEV_USE = new RegExp(
  [
    String.raw`\bnpm\s+(?:--?[\w-]+(?:=\S+)?\s+)*(?:run|run-script|rum|urn)\s+(?!start\b)[\w:.@/-]+`,
    String.raw`\bnpm\s+(?:test|t|tst|rebuild|explore|exec|x|link|pack|publish)\b`,
    String.raw`(?<![\w./-])(?:npx|pnpm|pnpx|yarn|tsc|webpack|webpack-cli|vite|babel|babel-node|ts-node|tsx|nodemon|jest|mocha|vitest|eslint|prettier|gulp|grunt|rollup|esbuild|parcel|react-scripts|vue-cli-service|nuxt|prisma|node-gyp|lerna|nx|turbo)(?![\w.-])`,
    String.raw`(?<![\w./-])(?:polymer|knex|sequelize|typeorm|gatsby|ember|bower|db-migrate|migrate-mongo|node-pre-gyp|ncc|tsup|swc|svelte-kit|astro|remix|electron-builder)(?![\w.-])`,
    String.raw`\bnext\s+(?:build|dev|lint)\b`,
    String.raw`\bng\s+(?:build|serve|test)\b`,
    String.raw`\bnest\s+(?:build|start)\b`,
    String.raw`node_modules/\.bin`,
  ].join('|'),
);

const NOTE =
  'heuristic: devDependencies (compilers, bundlers, test runners, linters, type definitions) are commonly a third to two thirds ' +
  'of node_modules; counted as 50 MB per install of a whole package.json';

const transform: Transform = {
  meta: {
    id: ID,
    title: 'npm install without devDependencies in a shipping stage',
    tier: 'review',
    category: 'layer',
    description:
      'Adds `--omit=dev` (npm 7+; `--production` for npm 6) to a whole-project `npm ci`/`npm install` in a stage that ends up in an image and builds nothing afterwards.',
    docs: 'transforms/npm-omit-dev/README.md',
  },
  run(doc) {
    const { runs, skips } = shellRuns(doc, RULE, /\bnpm\b[\s\S]*\b(i|install|ci)\b/);
    const out: FindingDraft[] = [
      ...skips.filter((s) => /\bnpm["',\s]+(i|install|ci)\b/.test(doc.text.slice(s.span.start, s.span.end))),
    ];
    for (const { ins, body, stage } of runs) {
      const scan = npmInstalls(doc, ins, body);
      for (const u of scan.unreadable)
        out.push(skipFinding(RULE, body.fileSpan(u.command.span.start, u.command.span.end), 'uncertain', u.reason));
      for (const inst of scan.installs) {
        const span = body.fileSpan(inst.command.span.start, inst.command.span.end);
        const skip = (code: Parameters<typeof skipFinding>[2], detail: string) =>
          out.push(skipFinding(RULE, span, code, detail));
        if ([...inst.inv.globalOptions, ...inst.options].some((w) => CHOSEN.has(optionName(w)))) continue;
        // A global install of the current folder never installs its devDependencies.
        if (
          [...inst.inv.globalOptions, ...inst.options].some((w) =>
            ['-g', '--global', '--location'].includes(optionName(w)),
          )
        )
          continue;
        const env = new Map([...stageVariables(doc, ins), ...inst.inv.unwrapped.env]);
        if ([...env.keys()].some((k) => CONFIG_VARS.test(k))) continue;
        if (env.has('NODE_ENV')) {
          const v = env.get('NODE_ENV');
          if (v === 'production') continue;
          skip(
            'uncertain',
            `NODE_ENV is set to ${v === null || v === undefined ? 'a value given at build time' : `"${v}"`}; the author chose the environment, so the dependency types are left as they are`,
          );
          continue;
        }
        if (!stageReachesImage(doc, stage)) {
          skip(
            'builder-stage',
            `stage ${stage?.name ?? stage?.index} is only copied from; what it copies out is not known, and its devDependencies do not reach the image by themselves`,
          );
          continue;
        }
        const devStage = devStageName(doc, stage);
        if (devStage) {
          skip('uncertain', `the stage is (or is built on) "${devStage}", which reads as a development or test image`);
          continue;
        }
        const nm = inst.dir === null ? null : resolvePath(inst.dir, 'node_modules');
        const mounted = cacheMountTargets(ins).find(
          (t) => /node_modules/.test(t) || (nm !== null && isWithin(nm, resolvePath(inst.dir, t) ?? '\0')),
        );
        if (mounted) {
          skip('cache-mount', `node_modules is on a cache mount (${mounted}), so it is not part of the image`);
          continue;
        }
        const use = laterUse(doc, ins, body, inst.command, DEV_USE);
        if (use) {
          const where =
            use.ins === ins
              ? 'later in this RUN'
              : `in the ${use.ins.keyword} on line ${doc.lines.lineAt(use.ins.span.start) + 1}`;
          skip('needs-toolchain', `\`${use.match.trim()}\` runs ${where} and may need devDependencies`);
          continue;
        }
        const onPath = packageBinOnPath(doc, ins, 'node_modules/.bin');
        if (onPath) {
          skip(
            'needs-toolchain',
            `the ENV on line ${doc.lines.lineAt(onPath.ins.span.start) + 1} puts node_modules/.bin on PATH (${onPath.value}), so the image is set up to run package binaries by name, which may be devDependencies`,
          );
          continue;
        }
        const rt = runtimeDevTool(doc, ins, globalNodePackages(doc, ins));
        if (rt) {
          skip(
            'needs-toolchain',
            rt.ins
              ? `the image starts \`${rt.program}\` (${rt.ins.keyword} on line ${doc.lines.lineAt(rt.ins.span.start) + 1}); without reading package.json slimify cannot tell it needs no devDependencies`
              : 'the file sets no CMD or ENTRYPOINT: the start command comes from outside and may need devDependencies',
          );
          continue;
        }
        const beforeInRun = body.text.slice(0, inst.command.span.start);
        const npm = npmVersionAt(doc, ins, beforeInRun);
        if (!npm) {
          skip(
            'uncertain',
            'the npm version is unknown (the stage is not built on an official node image with a readable tag), so the right flag (--omit=dev for npm 7+, --production before) is not known',
          );
          continue;
        }
        const flag = atLeast(npm.version, [OPTION_SINCE.npmOmitDev.since[0], OPTION_SINCE.npmOmitDev.since[1]])
          ? '--omit=dev'
          : '--production';
        const sub = inst.inv.subcommand!;
        const at = body.fileSpan(sub.span.start, sub.span.end).end;
        out.push({
          code: RULE.code,
          message:
            `This stage ends up in an image and nothing after this ${inst.kind === 'ci' ? 'npm ci' : 'npm install'} builds or tests the project, so devDependencies ` +
            `are dead weight: \`${flag}\` installs only what the app needs at run time. Review: an \`npm start\` script, a postinstall/prepare script ` +
            'or a runtime require() of a devDependency (package.json is not visible here) would break.',
          span,
          edits: [{ start: at, end: at, text: ` ${flag}` }],
          estimate: { bytes: 50 * MB, basis: 'heuristic', note: NOTE },
        });
      }
    }
    return out;
  },
};

export default transform;

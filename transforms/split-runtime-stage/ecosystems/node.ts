/** Node: dependencies installed and built with npm or yarn classic, pruned to production, shipped on the slim image. */
import { posix } from 'node:path';
import { isMinimalTag, parseTag, slimCandidates } from '../../../src/catalog/variants.js';
import type { Ecosystem, PlanInput, PlanResult } from '../ecosystem.js';
import { appFiles, otherPackages, outermost, runtimeCandidate, skip } from '../plan-helpers.js';
import { commandsNamed } from '../stage-facts.js';
import { staticSite } from './static-site.js';

function planNode({ facts, ctx, argv, tag }: PlanInput): PlanResult {
  // A front end whose container only serves the built files: nginx serves them (static-site.ts).
  const site = staticSite(facts, ctx, argv);
  if (site) return 'site' in site ? site : skip(site.skip.code, site.skip.detail, site.skeleton);
  const npmInstalls = commandsNamed(facts, ['npm'], ['ci', 'install', 'i', 'clean-install']);
  const yarnSkeleton =
    'Suggested shape: build with dev dependencies `AS build`, then `FROM node:<v>-slim`, reinstall production dependencies (`yarn workspaces focus --production` / `pnpm install --prod`) and `COPY --from=build /app/dist /app/dist`.';
  if (commandsNamed(facts, ['pnpm']).length) return skip('uncertain', 'pnpm projects are not split yet', yarnSkeleton);
  const yarnCalls = commandsNamed(facts, ['yarn']);
  // yarn classic (1.x, shipped in the node images): a bare `yarn` or `yarn install` installs.
  const yarnInstalls = yarnCalls.filter((c) => {
    const first = c.args.find((a) => a === null || !a.startsWith('-'));
    return first === undefined || first === 'install';
  });
  if (yarnCalls.length) {
    // Yarn 2+ (berry) spells production installs differently; corepack or a .yarnrc.yml selects it.
    const berry =
      commandsNamed(facts, ['corepack']).length > 0 ||
      yarnCalls.some((c) =>
        c.args.some((a) => a === null || a === '--immutable' || a === 'set' || a === 'workspaces' || a === 'dlx'),
      ) ||
      facts.contextCopies.some((c) => c.sources.some((s) => /(^|\/)\.yarnrc\.yml$|(^|\/)\.yarn\/?$/.test(s)));
    if (berry)
      return skip(
        'uncertain',
        'the project uses Yarn 2+ (corepack, --immutable, .yarnrc.yml), whose production-only install differs',
        yarnSkeleton,
      );
    if (
      yarnCalls.some((c) =>
        ['add', 'global', 'upgrade', 'remove'].includes(c.args.find((a) => a !== null && !a.startsWith('-')) ?? ''),
      )
    ) {
      return skip(
        'uncertain',
        '`yarn add`/`yarn global` change dependencies during the build; a production reinstall would not reproduce them',
        yarnSkeleton,
      );
    }
    // `npm install -g yarn` installs the tool, not the project's dependencies.
    const npmDeps = npmInstalls.filter(
      (c) =>
        !(
          c.args.some((a) => a === '-g' || a === '--global') &&
          c.args.every(
            (a) => a === null || a.startsWith('-') || a === 'install' || a === 'i' || /^yarn(@[\w.^~-]+)?$/.test(a),
          )
        ),
    );
    if (npmDeps.length && yarnInstalls.length)
      return skip('uncertain', 'both npm and yarn install dependencies here', yarnSkeleton);
  }
  const installs = yarnInstalls.length ? yarnInstalls : npmInstalls;
  const pm = yarnInstalls.length ? 'yarn' : 'npm';
  if (!installs.length) return null; // nothing is built: the slim base is enough (base transforms)
  const exe = posix.basename(argv[0]);
  if (exe === 'npm' || exe === 'yarn') {
    const sub = argv.slice(1).filter((a) => !a.startsWith('-'));
    if (!(
      sub[0] === 'start' ||
      (sub[0] === 'run' && sub[1] === 'start') ||
      (sub[0] === 'run-script' && sub[1] === 'start')
    )) {
      return skip(
        'needs-toolchain',
        `the container runs \`${argv.join(' ')}\`, ${exe === 'npm' ? 'an' : 'a'} ${exe} script that may use development dependencies`,
      );
    }
  } else if (exe !== 'node') {
    return skip(
      'needs-toolchain',
      `the container runs \`${argv[0]}\`, which may be a development dependency or a global tool`,
    );
  }
  if (
    installs.some((c) =>
      c.args.some((a) => a === '-g' || a === '--global' || a === null || a.startsWith('--modules-folder')),
    )
  )
    return skip('uncertain', `a global or variable \`${pm} install\` puts files outside the app folder`);
  const appDir = facts.finalWorkdir;
  if (!appDir || appDir === '/')
    return skip('uncertain', 'the app is not in its own folder (no WORKDIR), so what to copy is not known');
  if (installs.some((c) => c.cwd !== appDir))
    return skip('uncertain', `${pm} installs run outside the app folder ${appDir}`);
  const others = otherPackages(facts);
  if (others.length)
    return skip(
      'needs-toolchain',
      `the stage installs ${others.slice(0, 5).join(', ')}, which the app may need at run time`,
    );
  const cand = runtimeCandidate(ctx, slimCandidates('node', tag));
  if (typeof cand === 'string') return skip('no-target', cand);
  const major = Number(parseTag(tag).version?.match(/^\d+/)?.[0] ?? NaN);
  // yarn classic has no prune: a production install over the same lockfile removes the dev packages.
  const frozen = installs.some((c) => c.args.includes('--frozen-lockfile')) ? ' --frozen-lockfile' : '';
  const prune =
    pm === 'yarn'
      ? `yarn install --production${frozen}`
      : Number.isFinite(major) && major < 15
        ? 'npm prune --production'
        : 'npm prune --omit=dev';
  const files = appFiles(facts, () => false);
  if (files.unknown)
    return skip('variable', 'a COPY destination depends on a variable or an unknown working directory');
  const notes = [
    `dependencies are installed and built in the build stage, then \`${prune}\` removes development dependencies and the app folder ${appDir} is copied`,
    exe === 'node'
      ? 'the app runs with node directly'
      : `the start command uses ${exe}, which the slim image keeps; check that the \`start\` script needs no development dependency`,
  ];
  const warnings = cand.status === 'past' ? [`${cand.repository}:${cand.tag} is no longer updated upstream`] : [];
  return {
    plan: {
      ecosystem: 'node',
      runtime: { repository: cand.repository, tag: cand.tag, shell: true, distroless: false },
      copies: outermost([appDir, ...files.paths]),
      builderEdits: [],
      builderInsert: null,
      builderAppend: [`RUN ${prune}`],
      runtimePrelude: [],
      ownPaths: [],
      buildOnlyEnv: /^(NPM_CONFIG_[A-Z_]+|npm_config_[a-z_]+|YARN_[A-Z_]+)$/,
      notes,
      warnings,
    },
  };
}

const node: Ecosystem = {
  id: 'node',
  owns: (repo, tag) => repo === 'node' && !isMinimalTag('node', tag),
  plan: planNode,
};
export default node;

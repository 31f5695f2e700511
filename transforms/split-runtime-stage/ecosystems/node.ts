/** Node: dependencies installed and built with npm or yarn classic, pruned to production, shipped on the slim image. */
import { posix } from 'node:path';
import { isMinimalTag, parseTag, slimCandidates } from '../../../src/catalog/variants.js';
import { runtimeLibraries } from '../../../src/catalog/debian/lookup.js';
import type { CopiedPackageJson, InstallEvidence, StageContextFacts } from '../../../src/context/facts.js';
import { C_RUNTIME_LIBS } from '../../../src/context/gyp.js';
import { npmAddonLibs, npmAddonLibsTable } from '../../../src/context/tables.js';
import type { SkipReason } from '../../../src/engine/types.js';
import type { Ecosystem, PlanInput, PlanResult } from '../ecosystem.js';
import { appFiles, defaultSuite, otherPackages, outermost, runtimeCandidate, skip } from '../plan-helpers.js';
import { commandsNamed, type StageCommand } from '../stage-facts.js';
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
  const warnings = cand.status === 'past' ? [`${cand.repository}:${cand.tag} is no longer updated upstream`] : [];
  // node puts the suite before `-slim` (20-bookworm-slim): a suite-less tag's suite is the build tag's default one.
  const suite = parseTag(cand.tag).suite ?? defaultSuite(ctx, 'node', tag);
  const stageContext = ctx.buildContext?.find((s) => s.stage === facts.stage.index);
  const evidence = nodeEvidence(stageContext, installs, argv, appDir, {
    build: parseTag(tag).suite,
    runtime: parseTag(cand.tag).suite,
    data: suite,
    ref: `${cand.repository}:${cand.tag}`,
  });
  const notes = [
    `dependencies are installed and built in the build stage, then \`${prune}\` removes development dependencies and the app folder ${appDir} is copied`,
    exe === 'node'
      ? 'the app runs with node directly'
      : `the start command uses ${exe}, which the slim image keeps${'proof' in evidence ? '' : '; check that the `start` script needs no development dependency'}`,
  ];
  const libs = evidence.libs;
  return {
    plan: {
      ...('proof' in evidence ? { proof: evidence.proof } : { unproven: evidence.unproven }),
      ecosystem: 'node',
      runtime: { repository: cand.repository, tag: cand.tag, shell: true, distroless: false },
      copies: outermost([appDir, ...files.paths]),
      builderEdits: [],
      builderInsert: null,
      builderAppend: [`RUN ${prune}`],
      runtimePrelude: libs.length
        ? [
            `# slimify: shared libraries the native addons built in the build stage load (Debian ${suite} package data)`,
            `RUN apt-get update && apt-get install -y --no-install-recommends ${libs.join(' ')} && rm -rf /var/lib/apt/lists/*`,
          ]
        : [],
      ownPaths: [],
      buildOnlyEnv: /^(NPM_CONFIG_[A-Z_]+|npm_config_[a-z_]+|YARN_[A-Z_]+)$/,
      notes,
      warnings,
    },
  };
}

/** Options of `node` that take the next word as their value. */
const NODE_VALUE_FLAGS = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '--env-file',
  '--conditions',
  '-C',
  '--title',
  '--input-type',
]);
/** Options after which node runs no file of the app (inline code, a REPL, the test runner). */
const NODE_NO_FILE = /^(-e|--eval|-p|--print|-i|--interactive|--test|-c|--check|-v|--version|-h|--help)(=|$)/;

/** `@scope/name/sub` or `name/sub` -> the package name; null for a path. */
function packageOf(spec: string): string | null {
  if (/^(\.|\/|node:)/.test(spec)) return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * What `node <args>` runs, judged against the app's package.json and the lockfile's development
 * packages (removed by the prune): null when fine, else why not.
 */
function nodeArgsProblem(
  args: string[],
  appDir: string,
  pj: CopiedPackageJson | undefined,
  dev: { name: string; bin: string[] }[],
  shown: string,
): string | null {
  const devNames = new Set([...dev.map((d) => d.name), ...Object.keys(pj?.devDependencies ?? {})]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (NODE_NO_FILE.test(a)) return `\`${shown}\` runs no file of the app (${a.replace(/=.*/, '')})`;
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a : a.slice(0, eq);
      if (!NODE_VALUE_FLAGS.has(name)) continue;
      const value = eq === -1 ? args[++i] : a.slice(eq + 1);
      if (value === undefined) return `\`${shown}\` ends in ${name} without its value`;
      if (/^(-r|--require|--import|--loader|--experimental-loader)$/.test(name)) {
        const pkg = packageOf(value);
        if (pkg && (devNames.has(pkg) || !pj || pj.dependencies[pkg] === undefined))
          return `\`${shown}\` preloads ${pkg}, which is not a production dependency in ${pj?.path ?? 'a package.json copied into the stage'} (\`npm prune --omit=dev\` would remove it or it is not installed)`;
      }
      continue;
    }
    // The script file: not inside a development package (pruned) nor one of their node_modules/.bin commands.
    const rel = posix.relative(appDir, posix.resolve(appDir, a));
    const bin = /^node_modules\/\.bin\/([^/]+)$/.exec(rel)?.[1];
    if (bin) {
      const owner = dev.find((d) => d.bin.includes(bin)) ?? (devNames.has(bin) ? { name: bin } : undefined);
      if (owner || !pj || !dev.length)
        return `\`${shown}\` runs node_modules/.bin/${bin}${owner ? `, a command of the development dependency ${owner.name}, which \`npm prune --omit=dev\` removes` : ', whose package the lockfile does not show to be a production dependency'}`;
      return null;
    }
    const m = /^node_modules\/((@[^/]+\/)?[^/]+)/.exec(rel);
    if (m && (devNames.has(m[1]) || !pj || pj.dependencies[m[1]] === undefined))
      return `\`${shown}\` runs a file of ${m[1]}, which is not a production dependency (\`npm prune --omit=dev\` removes development ones)`;
    if (/\.(ts|tsx|mts|cts)$/.test(a))
      return `\`${shown}\` runs a TypeScript file, which needs a loader or a recent Node`;
    return null;
  }
  return `\`${shown}\` names no script file`;
}

/**
 * Whether the build context proves the Node split: every npm/yarn install of the stage reads a lockfile
 * copied into the stage that records install scripts (npm lockfile v2/v3), so the native addons are
 * known; each addon's Debian run-time libraries are in slimify's package data (they are installed in
 * the runtime stage); the container starts `node <file>` (directly or as package.json's `start` script),
 * not a file of a development dependency; and the slim image keeps the Debian suite of the build image.
 */
function nodeEvidence(
  stageContext: StageContextFacts | undefined,
  installs: StageCommand[],
  argv: string[],
  appDir: string,
  suites: { build: string | null; runtime: string | null; data: string | null; ref: string },
): { proof: string; libs: string[] } | { unproven: SkipReason; libs: string[] } {
  const libs = new Set<string>();
  const unproven = (detail: string) => ({ unproven: { code: 'uncertain' as const, detail }, libs: [...libs].sort() });
  if (!stageContext) return unproven('no build context was read, so the packages the install builds are unknown');
  if (suites.build !== suites.runtime)
    return unproven(
      `${suites.ref} is on Debian ${suites.runtime ?? 'its default suite'}, not ${suites.build ?? 'the default suite'} like the build image`,
    );
  const bases: string[] = [];
  const withLibs: string[] = [];
  const cRuntimeOnly: string[] = [];
  const dev: { name: string; bin: string[] }[] = [];
  for (const c of installs) {
    const line = `${c.name} ${c.args.find((a) => a === null || !a.startsWith('-')) ?? 'install'}`;
    const e: InstallEvidence | undefined = stageContext.installs.find(
      (i) => i.instruction === c.ins.index && i.ecosystem === 'node',
    );
    if (!e) return unproven(`the packages \`${line}\` installs are not read from the build context`);
    if (e.lockfile === null || e.unknown !== null)
      return unproven(
        `the packages of \`${e.command}\` (line ${e.line}) are not proven: ${e.unknown ?? 'no lockfile is copied into the stage before it'}`,
      );
    if (!e.scriptsRecorded)
      return unproven(
        `${e.lockfile} does not record which packages run install scripts (only package-lock.json/npm-shrinkwrap.json v2 or v3 do), so the native addons \`${e.command}\` builds are not known`,
      );
    bases.push(e.basis);
    dev.push(...(e.devPackages ?? []));
    // Development packages are removed by the prune before the copy: what they load does not matter.
    for (const n of e.native.filter((x) => !x.dev)) {
      const id = `${n.name}${n.version ? `@${n.version}` : ''}`;
      const l = runtimeLibraries('npm', n.name, suites.data);
      if (l) {
        withLibs.push(n.name);
        for (const x of l) libs.add(x);
        continue;
      }
      // The libraries its binding.gyp links, read from the release tarball (scripts/gen-context-tables.ts).
      const gyp = npmAddonLibs(n.name, n.version);
      if (!gyp)
        return unproven(
          `${id} ${n.why}, and neither the system libraries its addon loads on Debian ${suites.data ?? '(unknown suite)'} nor its binding.gyp for this version are in slimify's data`,
        );
      if (gyp.unknown.length)
        return unproven(
          `${id} ${n.why}, and its binding.gyp links \`${gyp.unknown[0]}\` (a build-time expansion, variable or shared-object path), which slimify cannot map to a Debian package`,
        );
      const system = gyp.libraries.filter((x) => !C_RUNTIME_LIBS.has(x));
      if (system.length)
        return unproven(
          `${id} ${n.why}, and its binding.gyp links ${system.map((x) => `-l${x}`).join(' ')}, whose Debian run-time package is not in slimify's data`,
        );
      cRuntimeOnly.push(
        `${id} (binding.gyp of ${gyp.from === gyp.to ? gyp.from : `${gyp.from}–${gyp.to}`}${gyp.libraries.length ? `: ${gyp.libraries.map((x) => `-l${x}`).join(' ')}` : ''})`,
      );
    }
  }
  const pj = [...stageContext.packageJsons].reverse().find((p) => p.dest === posix.join(appDir, 'package.json'));
  const exe = posix.basename(argv[0]);
  let start: string;
  let problem: string | null;
  if (exe === 'node') {
    start = `the container starts \`${argv.join(' ')}\``;
    problem = nodeArgsProblem(argv.slice(1), appDir, pj, dev, argv.join(' '));
  } else {
    if (!pj) return unproven(`no package.json is copied to ${appDir}, so what \`${exe} start\` runs is not known`);
    const hook = ['prestart', 'poststart'].find((h) => pj.scripts[h] !== undefined);
    if (hook) return unproven(`${pj.path} has a \`${hook}\` script, which \`${exe} start\` also runs`);
    const script = pj.scripts.start ?? (exe === 'npm' ? 'node server.js' : undefined);
    if (script === undefined) return unproven(`${pj.path} has no \`start\` script`);
    const words = script.trim().split(/\s+/);
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=[^\s]*$/.test(words[0])) words.shift();
    if (/[;&|<>`$()\\'"*?]/.test(script))
      return unproven(`the \`start\` script of ${pj.path} (\`${script}\`) uses the shell`);
    if (words[0] !== 'node')
      return unproven(
        `the \`start\` script of ${pj.path} runs \`${words[0] ?? ''}\`, not node (it may be a development tool removed by the prune)`,
      );
    start = `the container starts \`${exe} start\`, whose script in ${pj.path} is \`${script}\``;
    problem = nodeArgsProblem(words.slice(1), appDir, pj, dev, script);
  }
  if (problem) return unproven(problem);
  const list = [...libs].sort();
  return {
    proof: `${[...new Set(bases)].join('; ')}: ${
      [
        withLibs.length
          ? `the native addon${withLibs.length > 1 ? `s ${withLibs.join(', ')} load` : ` ${withLibs[0]} loads`} ${list.join(' ')} at run time, installed in the runtime stage`
          : '',
        cRuntimeOnly.length
          ? `the native addon${cRuntimeOnly.length > 1 ? 's' : ''} ${cRuntimeOnly.join(', ')} link${cRuntimeOnly.length > 1 ? '' : 's'} only the C/C++ runtime the slim image has (release tarballs from the npm registry, read ${npmAddonLibsTable().date})`
          : '',
      ]
        .filter(Boolean)
        .join('; ') || 'no package builds a native addon'
    }; ${start}, outside the development dependencies; ${suites.ref} is the same Node on the same Debian suite`,
    libs: list,
  };
}

const node: Ecosystem = {
  id: 'node',
  owns: (repo, tag) => repo === 'node' && !isMinimalTag('node', tag),
  plan: planNode,
};
export default node;

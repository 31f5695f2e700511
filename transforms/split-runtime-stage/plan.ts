/** The per-ecosystem decision of the split transform: runtime image, artifacts, builder edits, or a typed reason to skip. */
import { posix } from 'node:path';
import type { Context, Edit, SkipReason } from '../../src/engine/types.js';
import type { SourceDockerfile } from '../../src/parse/document.js';
import {
  DEBIAN_SUITES,
  distrolessCandidates,
  isMinimalTag,
  parseTag,
  slimCandidates,
} from '../../src/catalog/variants.js';
import { commandsNamed, type StageCommand, type StageFacts } from './stage-facts.js';
import { staticSite, type StaticSite } from './static-site.js';

export type Ecosystem = 'go' | 'node' | 'python' | 'java' | 'rust' | 'dotnet';

export interface Plan {
  ecosystem: Ecosystem;
  runtime: { repository: string; tag: string; shell: boolean; distroless: boolean };
  /** Absolute paths in the builder, copied to the same path in the runtime stage. */
  copies: string[];
  /** Edits inside the builder's existing text (CGO_ENABLED=0, strip flags). */
  builderEdits: Edit[];
  /** New instructions inserted before a builder instruction (python venv), keyed by its index in the stage. */
  builderInsert: { beforeIndex: number; lines: string[] } | null;
  /** New instructions appended at the end of the builder (npm prune). */
  builderAppend: string[];
  /** Instructions of the runtime stage after the COPY --from lines (venv PATH, library check). */
  runtimePrelude: string[];
  /** Build-only paths the build may write outside the copies (Go build cache, bin dirs of PATH binaries...). */
  ownPaths: string[];
  /** ENV names that only matter while building (not carried to the runtime stage). */
  buildOnlyEnv: RegExp;
  notes: string[];
  warnings: string[];
  /** Users the runtime image already has besides the Debian ones (`app`/`$APP_UID` on .NET 8+). */
  knownUsers?: string[];
}

export type PlanResult = { plan: Plan } | { site: StaticSite } | { skip: SkipReason; skeleton?: string } | null;

const skip = (code: SkipReason['code'], detail: string, skeleton?: string): PlanResult => ({
  skip: { code, detail },
  skeleton,
});

const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
/** OS packages that only serve the build (compilers, headers, fetch tools); anything else may be a run-time dependency. */
const BUILD_ONLY_PKG =
  /^(git|gcc|g\+\+|make|cmake|build-essential|pkg-config|pkgconf|libc6-dev|musl-dev|upx|upx-ucl|ca-certificates|tzdata|curl|wget|unzip|python3|python|binutils|autoconf|automake|libtool|patch|openssh-client|.*-dev|.*-devel)$/;

export function ecosystemOf(facts: StageFacts): Ecosystem | null {
  const img = facts.stage.image;
  if (!img?.parsed) return null;
  const repo = img.official ?? `${img.parsed.registry ?? ''}/${img.parsed.path}`;
  const tag = img.parsed.tag;
  switch (repo) {
    case 'golang':
      return 'go';
    case 'node':
      return isMinimalTag('node', tag) ? null : 'node';
    case 'python':
      return isMinimalTag('python', tag) ? null : 'python';
    case 'maven':
    case 'gradle':
      return 'java';
    case 'eclipse-temurin':
    case 'openjdk':
      return parseTag(tag).words.includes('jre') ? null : 'java';
    case 'rust':
      return isMinimalTag('rust', tag) ? null : 'rust';
    case 'mcr.microsoft.com/dotnet/sdk':
    case 'mcr.microsoft.com/dotnet/core/sdk': // .NET Core 2.x/3.x name until 2020
      return 'dotnet';
    default:
      return null;
  }
}

/** Resolves the executable the container starts to an absolute path, given where programs were written. */
function resolveExecutable(facts: StageFacts, name: string, onPath: string[]): string | null {
  if (name.startsWith('/')) return posix.normalize(name);
  if (name.includes('/')) return facts.finalWorkdir === null ? null : posix.join(facts.finalWorkdir, name);
  return (
    onPath.find((p) => posix.basename(p) === name && PATH_DIRS.includes(posix.dirname(p))) ??
    onPath.find((p) => posix.basename(p) === name) ??
    null
  );
}

function isScript(argv: string[]): boolean {
  const exe = posix.basename(argv[0]);
  if (
    /\.(sh|bash)$/.test(exe) ||
    (/entrypoint|start|run|boot/i.test(exe) && !/^(node|python\d*(\.\d+)?|java)$/.test(exe))
  )
    return true;
  return /^(sh|bash|ash|dash|zsh|make|tini|dumb-init|supervisord|su-exec|gosu)$/.test(exe);
}

function flagValue(args: (string | null)[], names: string[]): { value: string | null; present: boolean } {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === null) continue;
    for (const n of names) {
      if (a === n) return { value: args[i + 1] ?? null, present: true };
      if (a.startsWith(n + '=')) return { value: a.slice(n.length + 1), present: true };
    }
  }
  return { value: null, present: false };
}

function envValue(
  doc: SourceDockerfile,
  facts: StageFacts,
  name: string,
  beforeIndex: number,
): string | null | undefined {
  let v: string | null | undefined;
  facts.stage.instructions.forEach((ins, i) => {
    if (i >= beforeIndex || (ins.keyword !== 'ENV' && ins.keyword !== 'ARG')) return;
    for (const [k, val] of keyValues(facts.logical(ins))) if (k === name) v = val;
  });
  void doc;
  return v;
}

/** `A=1 B="x y"` or legacy `A 1` -> pairs; values with quotes or `$` come back as null (not static). */
export function keyValues(text: string): [string, string | null][] {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\s+|=|$)/.exec(text);
  if (!m) return [];
  if (m[2] !== '=' && m[2] !== '') return [[m[1], text.slice(m[0].length).trim() || null]];
  const out: [string, string | null][] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  let g: RegExpExecArray | null;
  while ((g = re.exec(text))) {
    const raw = g[2];
    out.push([g[1], raw === undefined ? null : /[$"'\\]/.test(raw) ? null : raw]);
  }
  return out;
}

function runtimeCandidate(
  ctx: Context,
  result: ReturnType<typeof slimCandidates>,
): { repository: string; tag: string; status: string } | string {
  if (result.kind === 'minimal') return 'the image is already minimal';
  if (result.kind === 'none') return result.why;
  for (const c of result.candidates) {
    const status = ctx.catalog.tagStatus(c.repository, c.tag);
    if (status === 'current' || status === 'past') return { repository: c.repository, tag: c.tag, status };
  }
  const c = result.candidates[0];
  return `${c.repository}:${c.tag} is not in the catalog`;
}

function otherPackages(facts: StageFacts): string[] {
  return facts.osPackages.filter((p) => !BUILD_ONLY_PKG.test(p));
}

/** The destination folders of context copies that are not only source code; whole-context copies make the app folder uncertain. */
function appFiles(
  facts: StageFacts,
  isSource: (src: string) => boolean,
): { paths: string[]; whole: string[]; uncertain: boolean; unknown: boolean } {
  const paths: string[] = [];
  const whole: string[] = [];
  let uncertain = false;
  let unknown = false;
  for (const c of facts.contextCopies) {
    if (c.dest === null || !c.sources.length) {
      unknown = true;
      continue;
    }
    const isWhole = c.sources.some((s) => s === '.' || s === './' || s === '*');
    if (isWhole) {
      uncertain = true;
      whole.push(c.dest);
    }
    if (isWhole || c.sources.some((s) => !isSource(s))) paths.push(c.dest);
  }
  return { paths: [...new Set(paths)], whole, uncertain, unknown };
}

/** Drops paths contained in another path of the list. */
export function outermost(paths: string[]): string[] {
  const uniq = [...new Set(paths.map((p) => posix.normalize(p).replace(/(.)\/$/, '$1')))];
  return uniq.filter((p) => !uniq.some((q) => q !== p && (q === '/' || p.startsWith(q + '/'))));
}

export function planFor(eco: Ecosystem, doc: SourceDockerfile, facts: StageFacts, ctx: Context): PlanResult {
  const argv = facts.argv;
  const skel = (runtime: string, artifact: string) =>
    `Suggested shape: name this stage \`AS build\`, then add \`FROM ${runtime}\`, \`COPY --from=build ${artifact} ${artifact}\`, and move EXPOSE/USER/CMD/ENTRYPOINT there.`;
  if (facts.opaqueRuns.length) {
    const r = facts.opaqueRuns[0];
    const code = r.run?.form === 'heredoc' ? 'heredoc' : r.run?.form === 'exec' ? 'exec-form' : 'unparsable-shell';
    return skip(
      code,
      `a RUN of this stage cannot be read (${r.run?.form ?? 'shell'} form, line ${doc.lines.lineAt(r.span.start) + 1}); the build steps are not known`,
    );
  }
  if (!facts.entrypoint && !facts.cmd)
    return skip('uncertain', 'the stage sets no CMD or ENTRYPOINT: the program it runs comes from the base image');
  if (!argv || !argv.length)
    return skip(
      'uncertain',
      'the start command is not one plain command with static words (it needs a shell or expands variables)',
    );
  if (isScript(argv))
    return skip(
      'needs-toolchain',
      `the container starts \`${argv.join(' ')}\`, a script or process manager that may need the toolchain or a shell at run time`,
    );
  const tag = facts.stage.image!.parsed!.tag;
  switch (eco) {
    case 'go':
      return planGo(doc, facts, ctx, argv, tag);
    case 'node':
      return planNode(facts, ctx, argv, tag);
    case 'python':
      return planPython(facts, ctx, argv, tag);
    case 'java':
      return planJava(facts, ctx, argv, tag);
    case 'rust':
      return planRust(facts, ctx, argv, tag);
    case 'dotnet':
      return planDotnet(facts, ctx, argv, tag, skel);
  }
}

const GO_SOURCE = (s: string) =>
  /(^|\/)(go\.mod|go\.sum|[^/]*\.go|cmd|internal|pkg|vendor|\.\/?)$/.test(s.replace(/\/$/, '')) || s === '.';

function planGo(
  doc: SourceDockerfile,
  facts: StageFacts,
  ctx: Context,
  argv: string[],
  tag: string | null,
): PlanResult {
  if (argv[0] === 'go' || posix.basename(argv[0]) === 'go')
    return skip('needs-toolchain', `the container runs \`${argv.join(' ')}\` (the Go toolchain at start)`);
  const builds = commandsNamed(facts, ['go'], ['build', 'install']);
  if (!builds.length)
    return skip('uncertain', 'no `go build` or `go install` in this stage: the program it runs is not built here');
  const outputs: { path: string; c: StageCommand }[] = [];
  const gobin = envValue(doc, facts, 'GOBIN', facts.stage.instructions.length);
  const gopath = envValue(doc, facts, 'GOPATH', facts.stage.instructions.length);
  for (const b of builds) {
    const sub = b.args.find((a) => a !== null && !a.startsWith('-'));
    if (sub === 'install') {
      const dir =
        gobin !== undefined ? gobin : gopath === undefined ? '/go/bin' : gopath === null ? null : `${gopath}/bin`;
      if (dir) outputs.push({ path: `${dir}/*`, c: b });
      continue;
    }
    const o = flagValue(b.args, ['-o', '--o']);
    if (o.present) {
      if (o.value === null) continue;
      const p = o.value.startsWith('/') ? posix.normalize(o.value) : b.cwd === null ? null : posix.join(b.cwd, o.value);
      if (p) outputs.push({ path: o.value.endsWith('/') ? `${p}/*` : p, c: b });
    } else if (b.cwd) outputs.push({ path: `${b.cwd}/*`, c: b });
  }
  const exe = resolveExecutable(
    facts,
    argv[0],
    outputs.map((o) => o.path).filter((p) => !p.endsWith('/*')),
  );
  let exePath = exe;
  if (!exePath && !argv[0].includes('/')) {
    const inDir = outputs.find(
      (o) => o.path.endsWith('/*') && (PATH_DIRS.includes(o.path.slice(0, -2)) || o.c.args.includes('install')),
    );
    if (inDir) exePath = `${inDir.path.slice(0, -2)}/${argv[0]}`;
  }
  const match = exePath
    ? outputs.find(
        (o) => o.path === exePath || (o.path.endsWith('/*') && posix.dirname(exePath!) === o.path.slice(0, -2)),
      )
    : undefined;
  if (!exePath || !match) {
    return skip(
      'uncertain',
      `cannot tell which \`go build\` output the container runs (\`${argv[0]}\`)`,
      'Suggested shape: `FROM golang AS build` ... `RUN CGO_ENABLED=0 go build -o /out/app .`, then `FROM gcr.io/distroless/static-debian12:nonroot`, `COPY --from=build /out/app /app`, `ENTRYPOINT ["/app"]`.',
    );
  }
  const b = match.c;
  if (b.cmd.context.compound || b.cmd.context.pipeline || b.cmd.context.subshell)
    return skip('uncertain', 'the `go build` runs inside a loop, condition, pipeline or subshell');
  const flags = b.args.filter((a): a is string => a !== null);
  if (flags.some((a) => /^-(race|msan|asan)$|^-buildmode=(c-shared|c-archive|plugin|shared)|^-linkshared$/.test(a)))
    return skip('uncertain', 'the build uses a mode that needs cgo or shared libraries');
  const others = otherPackages(facts);
  if (others.length)
    return skip(
      'needs-toolchain',
      `the stage installs ${others.slice(0, 5).join(', ')}, which the program may need at run time; distroless has no package manager`,
    );
  const devLibs = facts.osPackages.some((p) => /-dev(el)?$/.test(p) && p !== 'libc6-dev' && p !== 'musl-dev');
  const idx = facts.stage.instructions.indexOf(b.ins);
  const assignWord = b.cmd.assignments
    .map((w) => w.text)
    .filter((t) => t.startsWith('CGO_ENABLED='))
    .pop();
  const assign =
    assignWord === undefined ? undefined : assignWord.includes('$') ? 'CGO_ENABLED=$' : assignWord.replace(/["']/g, '');
  const cgoSetting =
    assign !== undefined ? assign.slice('CGO_ENABLED='.length) : envValue(doc, facts, 'CGO_ENABLED', idx);
  const exported = facts.commands.some(
    (c) =>
      c.ins === b.ins &&
      c.cmd.name?.value === 'export' &&
      c.args.some((a) => a === null || a.startsWith('CGO_ENABLED')),
  );
  if (exported || cgoSetting === null || cgoSetting === '$')
    return skip(
      'variable',
      'CGO_ENABLED is set from a variable or exported in the RUN; cannot tell whether the binary is static',
    );
  const builderEdits: Edit[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const body = b.ins.run!.shell!;
  let staticBinary = cgoSetting === '0';
  if (cgoSetting === undefined) {
    if (devLibs || ctx.options.cgo === 'keep')
      return skip(
        'uncertain',
        'cgo is on by default and the stage installs C headers, so the binary links C libraries whose run-time packages are not known',
      );
    const at = body.fileSpan(b.cmd.span.start, b.cmd.span.start).start;
    builderEdits.push({ start: at, end: at, text: 'CGO_ENABLED=0 ' });
    staticBinary = true;
    notes.push(
      '`CGO_ENABLED=0` makes the binary static so it runs on distroless/static (a program with `import "C"` then fails to build, visibly; set option `cgo: "keep"` to skip such files)',
    );
  } else if (!staticBinary) {
    if (devLibs)
      return skip('uncertain', 'the cgo binary links C libraries installed here whose run-time packages are not known');
    warnings.push(
      'CGO_ENABLED=1: the binary links glibc, so the runtime is distroless/base (glibc, libssl); other C libraries it needs are not there',
    );
  }
  if (ctx.options.strip !== false && !flagValue(b.args, ['-ldflags', '--ldflags']).present) {
    const subWord = b.cmd.args.find((w) => w.value === 'build');
    if (subWord) {
      const at = body.fileSpan(subWord.span.end, subWord.span.end).start;
      builderEdits.push({ start: at, end: at, text: ' -ldflags="-s -w"' });
      notes.push(
        '`-ldflags="-s -w"` drops the symbol table and DWARF data (about a third of the binary; stack traces keep function names)',
      );
    }
  }
  const suite = parseTag(tag).suite;
  if (tag && parseTag(tag).alpine && !staticBinary)
    return skip('uncertain', 'a cgo binary built on Alpine links musl, which distroless does not have');
  const cand = distrolessCandidates('golang', suite ? `1-${suite}` : null, { staticBinary });
  if (cand.kind !== 'candidates') return skip('no-target', 'no distroless image for this Go build');
  const userTag = distrolessUserTag(facts);
  const repository = cand.candidates[0].repository;
  const status = ctx.catalog.tagStatus(repository, userTag);
  if (status !== 'current' && status !== 'past')
    return skip('unknown-image', `${repository}:${userTag} is not in the catalog`);
  const files = appFiles(facts, GO_SOURCE);
  if (files.unknown)
    return skip('variable', 'a COPY destination depends on a variable or an unknown working directory');
  if (files.uncertain)
    notes.push(
      `the app folder (${files.paths.join(', ')}) is copied too because the whole build context was copied into it and the program may read files from it; drop that COPY if it does not`,
    );
  else if (files.paths.length)
    notes.push(
      `files copied into the image besides Go sources (${files.paths.join(', ')}) are copied to the runtime stage`,
    );
  return {
    plan: {
      ecosystem: 'go',
      runtime: { repository, tag: userTag, shell: false, distroless: true },
      copies: outermost([exePath, ...files.paths]),
      builderEdits,
      builderInsert: null,
      builderAppend: [],
      runtimePrelude: [],
      ownPaths: ['/go/pkg'],
      buildOnlyEnv: /^(CGO_ENABLED|GO[A-Z0-9_]*|GOPATH|CC|CXX|CGO_[A-Z_]+)$/,
      notes,
      warnings,
    },
  };
}

/** distroless: `:nonroot` unless the stage explicitly runs as root. */
function distrolessUserTag(facts: StageFacts): string {
  const u = facts.user ? facts.logical(facts.user) : null;
  return u && /^(root|0)(:(root|0))?$/.test(u) ? 'latest' : 'nonroot';
}

function planNode(facts: StageFacts, ctx: Context, argv: string[], tag: string | null): PlanResult {
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

const VENV = '/opt/venv';

function planPython(facts: StageFacts, ctx: Context, argv: string[], tag: string | null): PlanResult {
  const pip = facts.commands.filter((c) => {
    const n = posix.basename(c.cmd.name?.value ?? '');
    if (/^pip(3(\.\d+)?)?$/.test(n)) return c.args.find((a) => a === null || !a.startsWith('-')) === 'install';
    if (/^python(3(\.\d+)?)?$/.test(n)) return c.args[0] === '-m' && c.args[1] === 'pip' && c.args.includes('install');
    return false;
  });
  if (!pip.length) return null; // pure app without installs: the slim base is enough (base transforms)
  if (
    facts.commands.some(
      (c) =>
        /^(virtualenv|poetry|pipenv|conda|uv|pdm|pipx)$/.test(posix.basename(c.cmd.name?.value ?? '')) ||
        c.args.includes('venv'),
    )
  ) {
    return skip('uncertain', 'the stage manages its own environment (venv, poetry, pipenv, conda, uv)');
  }
  if (pip.some((c) => c.args.some((a) => a === null || /^(--user|--target|-t|--prefix|--root)(=|$)/.test(a))))
    return skip('uncertain', 'a `pip install` writes to a custom location or uses a variable');
  const exe = posix.basename(argv[0]);
  if (/^pip/.test(exe)) return skip('needs-toolchain', 'the container runs pip at start');
  const appDir = facts.finalWorkdir;
  if (!appDir || appDir === '/')
    return skip('uncertain', 'the app is not in its own folder (no WORKDIR), so what to copy is not known');
  const others = otherPackages(facts);
  if (others.length)
    return skip(
      'needs-toolchain',
      `the stage installs ${others.slice(0, 5).join(', ')}, which the app may need at run time`,
    );
  const cand = runtimeCandidate(ctx, slimCandidates('python', tag));
  if (typeof cand === 'string') return skip('no-target', cand);
  const files = appFiles(facts, () => false);
  if (files.unknown)
    return skip('variable', 'a COPY destination depends on a variable or an unknown working directory');
  const first = facts.stage.instructions.indexOf(pip[0].ins);
  return {
    plan: {
      ecosystem: 'python',
      runtime: { repository: cand.repository, tag: cand.tag, shell: true, distroless: false },
      copies: outermost([VENV, appDir, ...files.paths]),
      builderEdits: [],
      builderInsert: {
        beforeIndex: first,
        lines: [`RUN python -m venv --system-site-packages ${VENV}`, `ENV PATH="${VENV}/bin:$PATH"`],
      },
      builderAppend: ['RUN pip uninstall -y pip'],
      runtimePrelude: [
        `ENV PATH="${VENV}/bin:$PATH"`,
        '# slimify: fail the build when a compiled module needs a shared library this image lacks',
        `RUN ! find ${VENV} -name '*.so*' -type f -exec ldd {} + 2>/dev/null | grep -F 'not found'`,
      ],
      ownPaths: [],
      buildOnlyEnv: /^(PIP_[A-Z_]+)$/,
      notes: [
        `packages are installed into a virtualenv (${VENV}) in the build stage, where compilers and headers are, and the virtualenv and the app folder ${appDir} are copied to ${cand.repository}:${cand.tag}`,
        "the virtualenv uses the base image's system packages (--system-site-packages: pip, setuptools, wheel in the official images, present in both) and its own pip is removed before the copy (the slim image has pip)",
      ].filter(Boolean),
      warnings: cand.status === 'past' ? [`${cand.repository}:${cand.tag} is no longer updated upstream`] : [],
    },
  };
}

export function javaMajor(repo: string, tag: string | null): string | null {
  if (!tag) return null;
  if (repo === 'eclipse-temurin' || repo === 'openjdk') return /^(\d+)/.exec(tag)?.[1] ?? null;
  return /(?:temurin|openjdk|jdk|corretto|sapmachine|semeru)-?(\d+)/.exec(tag)?.[1] ?? null;
}

function planJava(facts: StageFacts, ctx: Context, argv: string[], tag: string | null): PlanResult {
  const builds = commandsNamed(facts, ['mvn', 'mvnw', 'gradle', 'gradlew']);
  if (!builds.length) return skip('uncertain', 'no Maven or Gradle build in this stage');
  if (posix.basename(argv[0]) !== 'java')
    return skip('needs-toolchain', `the container runs \`${argv[0]}\` rather than \`java -jar\``);
  const jarAt = argv.indexOf('-jar');
  const jar = jarAt === -1 ? undefined : argv[jarAt + 1];
  const repo = facts.stage.image!.official ?? '';
  const major = javaMajor(repo, tag);
  const skel = `Suggested shape: \`FROM ${facts.stage.image!.raw} AS build\` ..., then \`FROM eclipse-temurin:${major ?? '<v>'}-jre\`, \`COPY --from=build /app/target/app.jar /app/app.jar\`, \`CMD ["java", "-jar", "/app/app.jar"]\`.`;
  if (!jar || /[*?[]/.test(jar))
    return skip('uncertain', 'the start command does not name one jar file (`java -jar <path>`)', skel);
  const path = jar.startsWith('/') ? jar : facts.finalWorkdir ? posix.join(facts.finalWorkdir, jar) : null;
  if (!path) return skip('variable', 'the jar path depends on an unknown working directory', skel);
  if (!major) return skip('uncertain', `cannot tell the Java version of ${facts.stage.image!.raw}`, skel);
  const cand = runtimeCandidate(ctx, {
    kind: 'candidates',
    candidates: [{ repository: 'eclipse-temurin', tag: `${major}-jre`, kind: 'jre' }],
  });
  if (typeof cand === 'string') return skip('no-target', cand, skel);
  const files = appFiles(facts, (s) =>
    /(^|\/)(src|pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|gradle|gradlew|mvnw|\.mvn)\/?$/.test(s),
  );
  if (files.unknown)
    return skip('variable', 'a COPY destination depends on a variable or an unknown working directory');
  const notes = [`the jar ${path} runs on ${cand.repository}:${cand.tag} (a JRE of the same Java version)`];
  const warnings = files.uncertain
    ? [
        `the app folder (${files.whole.join(', ')}) is not copied: it holds the sources and the whole build output; copy what the jar reads from it at run time, if anything`,
      ]
    : [];
  files.paths = files.paths.filter((p) => !files.whole.includes(p));
  return {
    plan: {
      ecosystem: 'java',
      runtime: { repository: cand.repository, tag: cand.tag, shell: true, distroless: false },
      copies: outermost([path, ...files.paths]),
      builderEdits: [],
      builderInsert: null,
      builderAppend: [],
      runtimePrelude: [],
      ownPaths: ['/usr/share/maven-repo'],
      buildOnlyEnv: /^(MAVEN_[A-Z_]+|GRADLE_[A-Z_]+)$/,
      notes,
      warnings,
    },
  };
}

function planRust(facts: StageFacts, ctx: Context, argv: string[], tag: string | null): PlanResult {
  const builds = commandsNamed(facts, ['cargo'], ['build', 'install']);
  if (!builds.length) return skip('uncertain', 'no `cargo build` or `cargo install` in this stage');
  if (posix.basename(argv[0]) === 'cargo') return skip('needs-toolchain', 'the container runs cargo at start');
  const installed = builds.some((b) => b.args.includes('install'));
  const path =
    resolveExecutable(facts, argv[0], []) ??
    (installed && !argv[0].includes('/') ? `/usr/local/cargo/bin/${argv[0]}` : null);
  const suite = parseTag(tag).suite;
  const skel = `Suggested shape: \`FROM ${facts.stage.image!.raw} AS build\` ..., then \`FROM debian:${suite ?? 'bookworm'}-slim\`, \`COPY --from=build /app/target/release/<name> /usr/local/bin/<name>\`.`;
  if (!path || !(path.includes('/target/release/') || path.startsWith('/usr/local/cargo/bin/')))
    return skip('uncertain', `cannot tell which cargo output the container runs (\`${argv[0]}\`)`, skel);
  if (!suite)
    return skip(
      'uncertain',
      `the Debian release of ${facts.stage.image!.raw} is not in its tag, so the glibc-compatible slim image is not known`,
      skel,
    );
  const others = otherPackages(facts);
  if (others.length)
    return skip(
      'needs-toolchain',
      `the stage installs ${others.slice(0, 5).join(', ')}, which the program may need at run time`,
    );
  const cand = runtimeCandidate(ctx, {
    kind: 'candidates',
    candidates: [{ repository: 'debian', tag: `${suite}-slim`, kind: 'slim' }],
  });
  if (typeof cand === 'string') return skip('no-target', cand, skel);
  const files = appFiles(facts, (s) => /(^|\/)(src|Cargo\.(toml|lock)|benches|tests|examples|build\.rs)\/?$/.test(s));
  if (files.unknown)
    return skip('variable', 'a COPY destination depends on a variable or an unknown working directory');
  const notes = [`the binary ${path} runs on ${cand.repository}:${cand.tag} (same Debian release as the build image)`];
  const warnings = files.uncertain
    ? [
        `the app folder (${files.whole.join(', ')}) is not copied: it holds the sources and the whole target/ folder; copy what the program reads from it at run time, if anything`,
      ]
    : [];
  files.paths = files.paths.filter((p) => !files.whole.includes(p));
  return {
    plan: {
      ecosystem: 'rust',
      runtime: { repository: cand.repository, tag: cand.tag, shell: true, distroless: false },
      copies: outermost([path, ...files.paths]),
      builderEdits: [],
      builderInsert: null,
      builderAppend: [],
      runtimePrelude: [
        '# slimify: fail the build when the binary needs a shared library this image lacks',
        `RUN ! ldd ${path} 2>/dev/null | grep -F 'not found'`,
      ],
      ownPaths: ['/usr/local/cargo'],
      buildOnlyEnv: /^(CARGO_[A-Z_]+|RUSTFLAGS|RUSTUP_[A-Z_]+)$/,
      notes,
      warnings,
    },
  };
}

/** Whether a .NET container looks like a web app: EXPOSE, ASPNETCORE_ or HTTP_PORTS env, or `--urls`. */
export function dotnetWeb(facts: StageFacts, argv: string[]): boolean {
  return (
    facts.stage.instructions.some((i) => i.keyword === 'EXPOSE') ||
    argv.some((a) => a.startsWith('--urls')) ||
    facts.stage.instructions.some(
      (i) =>
        i.keyword === 'ENV' &&
        keyValues(facts.logical(i)).some(([k]) => /^(ASPNETCORE_[A-Z_]+|HTTP_PORTS|HTTPS_PORTS)$/.test(k)),
    )
  );
}

/** The aspnet/runtime image of the same tag as the SDK (a full Debian suite maps to `-slim`), or why not. */
export function dotnetRuntime(
  ctx: Context,
  tag: string | null,
  web: boolean,
): { repository: string; tag: string; status: string } | string {
  const p = parseTag(tag);
  if (!/^\d+\.\d+$/.test(p.version ?? ''))
    return `the SDK tag ${tag ?? 'latest'} does not name a .NET version as Major.Minor (patch tags of the SDK and the runtime differ)`;
  if (p.words.includes('aot')) return 'native AOT builds run on runtime-deps, which this transform does not target';
  const tags = [tag!];
  if (p.suite && !p.slim && DEBIAN_SUITES.has(p.suite)) tags.push(tag!.replace(p.suite, `${p.suite}-slim`));
  const repository = `mcr.microsoft.com/dotnet/${web ? 'aspnet' : 'runtime'}`;
  return runtimeCandidate(ctx, {
    kind: 'candidates',
    candidates: tags.map((t) => ({ repository, tag: t, kind: 'slim' as const })),
  });
}

export const DOTNET_FLAVOUR_NOTE = {
  web: 'the aspnet image is used because the container serves HTTP (EXPOSE, ASPNETCORE_*/HTTP_PORTS or --urls); it includes the plain .NET runtime',
  console:
    'the plain runtime image is used because nothing shows the app serves HTTP; an ASP.NET Core app (Microsoft.NET.Sdk.Web) fails at start on it with "framework Microsoft.AspNetCore.App was not found": use mcr.microsoft.com/dotnet/aspnet then',
};

/**
 * .NET: `dotnet publish -o <dir>` on the SDK image, started with `dotnet <App>.dll` from that folder.
 * Runtime: `aspnet` when the container looks like a web app (EXPOSE, ASPNETCORE_* / HTTP_PORTS env,
 * `--urls`), else `runtime` (the project file, where `Microsoft.NET.Sdk.Web` would tell, is not visible).
 * Same tag as the SDK (same .NET version and OS); a full Debian suite maps to its `-slim` tag.
 */
function planDotnet(
  facts: StageFacts,
  ctx: Context,
  argv: string[],
  tag: string | null,
  skel: (runtime: string, artifact: string) => string,
): PlanResult {
  const version = /^\d+\.\d+$/.exec(parseTag(tag).version ?? '')?.[0] ?? null;
  const web = dotnetWeb(facts, argv);
  const flavour = web ? 'aspnet' : 'runtime';
  const hint = skel(`mcr.microsoft.com/dotnet/${flavour}:${version ?? '<version>'}`, '/app/publish');
  if (argv[0] !== 'dotnet')
    return skip('needs-toolchain', `the container starts \`${argv[0]}\` rather than \`dotnet <App>.dll\``, hint);
  if (!argv[1]?.endsWith('.dll'))
    return skip('needs-toolchain', `the container runs \`${argv.slice(0, 2).join(' ')}\`, which needs the SDK`, hint);
  const publishes = commandsNamed(facts, ['dotnet'], ['publish']);
  if (!publishes.length)
    return skip('uncertain', 'no `dotnet publish` in this stage: the app it runs is not published here', hint);
  const dll = argv[1].startsWith('/')
    ? posix.normalize(argv[1])
    : facts.finalWorkdir
      ? posix.join(facts.finalWorkdir, argv[1])
      : null;
  if (!dll) return skip('variable', 'the dll path depends on an unknown working directory', hint);
  const outputs: { dir: string; c: StageCommand }[] = [];
  for (const c of publishes) {
    const o = flagValue(c.args, ['-o', '--output']);
    if (!o.present || o.value === null) continue;
    const dir = o.value.startsWith('/') ? posix.normalize(o.value) : c.cwd === null ? null : posix.join(c.cwd, o.value);
    if (dir) outputs.push({ dir: dir.replace(/(.)\/$/, '$1'), c });
  }
  const match = outputs.find((o) => dll.startsWith(o.dir + '/'));
  if (!match) return skip('uncertain', `cannot tell which \`dotnet publish -o <dir>\` output holds ${dll}`, hint);
  const c = match.c;
  if (c.cmd.context.compound || c.cmd.context.pipeline || c.cmd.context.subshell)
    return skip('uncertain', 'the `dotnet publish` runs inside a loop, condition, pipeline or subshell', hint);
  if (
    c.args.some(
      (a) =>
        a === null ||
        /^(-r|--runtime|--self-contained|--sc|-p:(PublishAot|PublishSingleFile|SelfContained)=true)$/i.test(a) ||
        /^--runtime=|^--self-contained=true/i.test(a),
    )
  ) {
    return skip(
      'uncertain',
      'the publish is self-contained, single-file, AOT or uses a variable: it may not need (or match) the shared runtime image',
      hint,
    );
  }
  const others = otherPackages(facts);
  if (others.length)
    return skip(
      'needs-toolchain',
      `the stage installs ${others.slice(0, 5).join(', ')}, which the app may need at run time`,
      hint,
    );
  const cand = dotnetRuntime(ctx, tag, web);
  if (typeof cand === 'string') return skip(version ? 'no-target' : 'uncertain', cand, hint);
  const files = appFiles(facts, () => true);
  if (files.unknown)
    return skip('variable', 'a COPY destination depends on a variable or an unknown working directory');
  const notes = [
    `the published folder ${match.dir} runs on ${cand.repository}:${cand.tag} (the same .NET version and OS as the SDK image)`,
    web ? DOTNET_FLAVOUR_NOTE.web : DOTNET_FLAVOUR_NOTE.console,
    'content files the app reads (appsettings.json, wwwroot) are part of the publish output',
  ];
  const warnings: string[] =
    cand.status === 'past'
      ? [`${cand.repository}:${cand.tag} is no longer updated (the .NET version is out of support)`]
      : [];
  if (files.uncertain)
    warnings.push(
      `the app folder (${files.whole.join(', ')}) is not copied: it holds the sources and the build output; the publish folder normally has every file the app reads, copy anything else it needs`,
    );
  if (facts.stage.image!.parsed!.path.includes('/core/'))
    notes.push('the old `dotnet/core/` repository name maps to `dotnet/` (renamed in 2020)');
  return {
    plan: {
      ecosystem: 'dotnet',
      runtime: { repository: cand.repository, tag: cand.tag, shell: true, distroless: false },
      copies: outermost([match.dir]),
      builderEdits: [],
      builderInsert: null,
      builderAppend: [],
      runtimePrelude: [],
      ownPaths: ['/root/.nuget', '/usr/share/dotnet'],
      buildOnlyEnv:
        /^(DOTNET_CLI_[A-Z_]+|DOTNET_NOLOGO|DOTNET_SKIP_FIRST_TIME_EXPERIENCE|NUGET_[A-Z_]+|MSBUILD[A-Z_]*)$/,
      notes,
      warnings,
      knownUsers: Number(version!.split('.')[0]) >= 8 ? ['app', '$APP_UID', '${APP_UID}'] : [],
    },
  };
}

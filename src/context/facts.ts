/**
 * stageContextFacts: for each stage, which context manifests its COPY/ADD bring in (through
 * .dockerignore), and what they prove about the installs its RUNs make: native addons, Python
 * packages without a wheel, Go modules needing cgo, dev tools run later, a lockfile for `npm ci`,
 * the package manager. Pure: reads the parsed Dockerfile and the BuildContext, nothing else.
 */
import { posix } from 'node:path';
import type { InstructionNode, SourceDockerfile, Stage } from '../parse/document.js';
import { isUnwrapFailure, unwrapCommand } from '../shell/wrapped-command.js';
import { isIgnored, matchPattern } from './dockerignore.js';
import { manifestKind } from './manifests/index.js';
import { compareVersions, goTable, npmNativeKind, pythonTable } from './tables.js';
import type { BuildContext, LockedPackage, Manifest, PythonRequirement } from './types.js';

/** A context file a COPY/ADD put into the stage. */
export interface ContextFile {
  /** Context-relative path. */
  path: string;
  /** Absolute path in the image (a relative WORKDIR-less destination is under `/.workdir`). */
  dest: string;
  /** Index of the COPY/ADD instruction in doc.instructions. */
  copiedBy: number;
}

export interface NativePackage {
  name: string;
  version: string | null;
  why: string;
  /** Only for development (the lockfile's `dev`): gone after `npm prune --omit=dev`. */
  dev?: boolean;
}

export type Ecosystem = 'node' | 'python' | 'go' | 'ruby' | 'php';

/** One dependency install in a RUN and what the context says about it. */
export interface InstallEvidence {
  /** 1-based line of the RUN. */
  line: number;
  /** Index of the RUN in doc.instructions. */
  instruction: number;
  command: string;
  ecosystem: Ecosystem;
  /** Context paths of the manifest and lockfile the install reads (null when not copied in). */
  manifest: string | null;
  lockfile: string | null;
  /** Packages that need a compiler. Empty with `unknown === null` means: proven to need none. */
  native: NativePackage[];
  /** Packages fetched from git (need git in the image). */
  git: string[];
  /** Why the install cannot be judged from the context (evidence missing), or null. */
  unknown: string | null;
  /** What the judgement rests on, for messages. */
  basis: string;
  /**
   * Node: the lockfile records install scripts per package (npm lockfile v2/v3, pnpm-lock before v9), so
   * `native` names every package that runs one; false for yarn.lock and older lockfiles.
   */
  scriptsRecorded?: boolean;
  /** Node: the lockfile's development-only packages (removed by `npm prune --omit=dev`) with the commands they link into node_modules/.bin. */
  devPackages?: { name: string; bin: string[] }[];
}

/** A package.json a COPY/ADD put into the stage, with what starting the app reads from it. */
export interface CopiedPackageJson {
  /** Context path. */
  path: string;
  /** Absolute path in the image. */
  dest: string;
  copiedBy: number;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

export interface StageContextFacts {
  stage: number;
  /** Manifests in the stage's filesystem (its base stages included), in copy order. */
  files: ContextFile[];
  /** Manifests a COPY/ADD would bring in but .dockerignore excludes. */
  excluded: string[];
  packageManager: 'npm' | 'yarn' | 'pnpm' | null;
  /** CPython minor version from the stage's base image tag (`python:3.11-bookworm` -> `3.11`). */
  pythonVersion: string | null;
  installs: InstallEvidence[];
  /** devDependencies that a later RUN (or CMD/ENTRYPOINT) of the stage runs. */
  devToolsRun: string[];
  /** Go modules in a copied go.mod that need cgo. */
  cgo: { module: string; why: string }[];
  /**
   * The stage's Go build is proven pure Go (no cgo anywhere): a copied go.mod with no requirements, or
   * with every requirement vendored, and no .go file of the context importing "C". Null when not proven.
   */
  goPure: { why: string } | null;
  /**
   * For a stage with a copied go.mod: the context's .go files that import os/exec, and the copied
   * files besides Go build inputs and docs that are not embedded (the program may read them at run
   * time). Null when not judged (no go.mod copied, or the .go files could not all be read).
   */
  goRuntime: { exec: string[]; files: string[] } | null;
  /** The package.json files copied into the stage, in copy order (the last one at a path is in force). */
  packageJsons: CopiedPackageJson[];
  /** For a stage with a copied pom.xml or build.gradle(.kts): what a JRE-only runtime depends on. Null otherwise. */
  java: JavaStageFacts | null;
}

export interface JavaStageFacts {
  /** Context paths of the copied pom.xml / build.gradle(.kts) files. */
  manifests: string[];
  /** Copied main sources (tests excluded) that name a JDK-only package or tool; null when the sources could not all be read. */
  jdkOnly: { file: string; refs: string[] }[] | null;
  /** Copied JVM sources in languages that are not read (.groovy, .scala, .clj). */
  unscanned: string[];
  /** `group:artifact` of the dependencies a runnable jar may hold (Maven scopes other than test/provided; Gradle implementation/api/compile/runtime/runtimeOnly). */
  dependencies: string[];
  /** Gradle dependency declarations that could not be read (version catalogs, variables, files()). */
  unreadDependencies: string[];
  /** Copied files that are neither build inputs (src/, build files, wrappers) nor docs: the program may read them at run time. */
  files: string[];
}

const WORKDIR0 = '/.workdir';
const PIP = /^(pip|pip3|pip\d\.\d+)$/;
const PY = /^(python|python3|python\d\.\d+)$/;
/** Package bins that differ from the package name. */
const BIN_OF: Record<string, string> = {
  typescript: 'tsc',
  '@angular/cli': 'ng',
  '@nestjs/cli': 'nest',
  'ts-node': 'ts-node',
};

function chainOf(doc: SourceDockerfile, stage: Stage): Stage[] {
  const out: Stage[] = [];
  let s: Stage | undefined = stage;
  while (s && !out.includes(s)) {
    out.unshift(s);
    s = s.baseStage !== null ? doc.stages[s.baseStage] : undefined;
  }
  return out;
}

/** WORKDIR before each instruction of the chain, with an unknown base WORKDIR as `/.workdir`. */
function workdirs(doc: SourceDockerfile, chain: Stage[]): Map<number, string> {
  const out = new Map<number, string>();
  let dir = chain[0]?.scratch ? '/' : WORKDIR0;
  for (const s of chain)
    for (const ins of s.instructions) {
      out.set(ins.index, dir);
      if (ins.keyword === 'WORKDIR') {
        const v = ins.args.map((a) => a.value).join(' ');
        dir = v.includes('$') ? '/.unknown' : posix.resolve(dir, v);
      }
    }
  return out;
}

function copySources(
  ins: InstructionNode,
): { sources: string[]; dest: string; exclude: string[]; parents: boolean } | null {
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return null;
  if (ins.flags.some((f) => f.name === 'from') || ins.heredoc) return null;
  const args = ins.args.map((a) => a.value);
  if (args.length < 2) return null;
  return {
    sources: args.slice(0, -1).filter((s) => !/^[a-z]+:\/\//i.test(s) && !s.startsWith('git@')),
    dest: args[args.length - 1],
    exclude: ins.flags.filter((f) => f.name === 'exclude' && f.value).map((f) => f.value!),
    parents: ins.flags.some((f) => f.name === 'parents' && f.value !== 'false'),
  };
}

/** Where a context file lands when `source` (a pattern) is copied to `dest`, or null when the source does not bring it in. */
function landing(
  file: string,
  source: string,
  dest: string,
  single: boolean,
  parents: boolean,
  cwd: string,
): string | null {
  const src = posix
    .normalize(source)
    .replace(/^(\.?\/)+/, '')
    .replace(/\/+$/, '');
  const destAbs = posix.resolve(cwd, dest);
  // Docker copies into `dest` when it ends in `/` or is an existing folder; slimify knows the
  // working directory exists and takes a name with a dot and no slash at the end as a file name.
  const destBase = posix.basename(destAbs);
  const asDir =
    dest.endsWith('/') ||
    !single ||
    /[*?[]/.test(src) ||
    destAbs === cwd ||
    /^\.\.?$/.test(dest) ||
    (destBase !== posix.basename(src) && !destBase.includes('.'));
  if (parents) return matchPattern(src, file) || src === '' || src === '.' ? posix.join(destAbs, file) : null;
  if (src === '' || src === '.') return posix.join(destAbs, file);
  if (matchPattern(src, file)) return asDir ? posix.join(destAbs, posix.basename(file)) : destAbs;
  // A folder source copies its contents.
  const parts = file.split('/');
  for (let i = parts.length - 1; i >= 1; i--) {
    const d = parts.slice(0, i).join('/');
    if (matchPattern(src, d)) return posix.join(destAbs, parts.slice(i).join('/'));
  }
  return null;
}

/** Context files of `candidates` that the chain's COPY/ADD bring in (to `files`) or .dockerignore/--exclude keep out (to `excluded`). */
function copiedInto(
  chain: Stage[],
  dirs: Map<number, string>,
  ctx: BuildContext,
  candidates: readonly string[],
  files: ContextFile[],
  excluded: Set<string>,
): void {
  for (const ins of chainInstructions(chain)) {
    const parts = copySources(ins);
    if (!parts) continue;
    const cwd = dirs.get(ins.index) ?? WORKDIR0;
    for (const file of candidates) {
      for (const src of parts.sources) {
        const dest = landing(file, src, parts.dest, parts.sources.length === 1, parts.parents, cwd);
        if (dest === null) continue;
        if (isIgnored(ctx.ignore, file) || parts.exclude.some((e) => matchPattern(e, file))) {
          excluded.add(file);
          break;
        }
        files.push({ path: file, dest, copiedBy: ins.index });
        break;
      }
    }
  }
}

/**
 * Files a Go build reads and a Go program does not (sources, module files, vendored code, test data),
 * and files no program reads (docs, licences, repository and CI metadata, Dockerfiles).
 */
/** Files a Maven/Gradle build reads (sources and resources go into the jar) and files no program reads. */
const JAVA_BUILD_ONLY =
  /(^|\/)(src|gradle|\.mvn|\.gradle|\.git|\.github|\.gitlab|\.circleci|\.vscode|\.idea|\.settings)\/|(^|\/)(pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|gradle\.properties|gradlew(\.bat)?|mvnw(\.cmd)?|lombok\.config|\.classpath|\.project|(LICEN[CS]E|COPYING|NOTICE|AUTHORS|CONTRIBUTORS|CHANGELOG|README|CODEOWNERS)(\.[a-z]+)?|Makefile|\.gitignore|\.gitattributes|\.dockerignore|[^/]*\.?Dockerfile|Dockerfile[^/]*|(docker-)?compose[^/]*\.ya?ml|\.editorconfig|\.gitlab-ci\.yml|\.travis\.yml)$|\.(md|markdown|rst|adoc)$/;
/** Test sources: compiled for the tests only, not into the jar. */
const JVM_TEST_SOURCE = /(^|\/)src\/(test|it|integrationTest|testFixtures)\//;
/** Gradle configurations whose dependencies a runnable jar (or its classpath) holds. */
const GRADLE_RUNTIME = /^(implementation|api|compile|runtime|runtimeOnly)$/;

const GO_BUILD_ONLY =
  /(^|\/)(vendor|testdata|\.git|\.github|\.gitlab|\.circleci|\.vscode|\.idea)\/|\.(go|s|md|markdown|rst|adoc)$|(^|\/)(go\.(mod|sum|work|work\.sum)|(LICEN[CS]E|COPYING|NOTICE|AUTHORS|CONTRIBUTORS|CHANGELOG|README|CODEOWNERS)(\.[a-z]+)?|Makefile|\.gitignore|\.gitattributes|\.dockerignore|[^/]*\.?Dockerfile|Dockerfile[^/]*|(docker-)?compose[^/]*\.ya?ml|\.golangci\.ya?ml|\.goreleaser\.ya?ml|\.editorconfig|\.gitlab-ci\.yml|\.travis\.yml)$/;

/** Instructions of the stage and its descendants' view: the chain's instructions, in order. */
function chainInstructions(chain: Stage[]): InstructionNode[] {
  return chain.flatMap((s) => s.instructions);
}

interface Cmd {
  name: string;
  args: string[];
  cwd: string;
  ins: InstructionNode;
}

/** Simple commands of the RUNs of the chain, with wrappers removed and `cd` followed within a RUN. */
function runCommands(doc: SourceDockerfile, chain: Stage[], dirs: Map<number, string>): Cmd[] {
  const out: Cmd[] = [];
  for (const ins of chainInstructions(chain)) {
    if (ins.keyword !== 'RUN' || !ins.run) continue;
    let cwd = dirs.get(ins.index) ?? WORKDIR0;
    if (ins.run.form === 'exec') {
      try {
        const argv: unknown = JSON.parse(doc.text.slice(ins.argsSpan!.start, ins.argsSpan!.end));
        if (Array.isArray(argv) && argv.every((x) => typeof x === 'string') && argv.length)
          out.push({ name: argv[0], args: argv.slice(1), cwd, ins });
      } catch {
        /* not JSON */
      }
      continue;
    }
    const script = ins.run.shell?.script;
    if (!script || script.hasErrors) continue;
    for (const c of script.commands) {
      // The program behind sudo/env/exec/gosu/... (src/shell/wrapped-command.ts); a wrapper that
      // cannot be read hides what runs, so nothing is claimed for it.
      const u = unwrapCommand(c);
      if (!u || isUnwrapFailure(u)) continue;
      const name = u.programWord.value ?? u.programWord.text;
      const args = u.argv.map((a) => a.value ?? a.text);
      if (name === 'cd' && !c.context.subshell) {
        const target = args[0];
        cwd = target && !target.includes('$') ? posix.resolve(cwd, target) : '/.unknown';
        continue;
      }
      out.push({ name, args, cwd, ins });
    }
  }
  return out;
}

function byDest(files: ContextFile[], dest: string, before: number): ContextFile | undefined {
  let found: ContextFile | undefined;
  for (const f of files) if (f.dest === dest && f.copiedBy < before) found = f;
  return found;
}

function manifestAt(ctx: BuildContext, path: string | undefined): Manifest | undefined {
  return path === undefined ? undefined : ctx.manifests.find((m) => m.path === path);
}

/** Native packages of a Node lockfile: install scripts the lockfile records, and the table's compiling versions. */
function nodeNative(lock: Manifest & { kind: 'package-lock' | 'yarn-lock' | 'pnpm-lock' }): {
  native: NativePackage[];
  unknown: string | null;
  basis: string;
  scriptsRecorded: boolean;
} {
  const recordsScripts =
    (lock.kind === 'package-lock' && Number(lock.lockfileVersion) >= 2) ||
    (lock.kind === 'pnpm-lock' && Number(lock.lockfileVersion) < 9);
  const native: NativePackage[] = [];
  for (const p of lock.packages) {
    // A package limited to other systems (fsevents: darwin) is skipped by npm on Linux.
    if (p.os && !p.os.some((o) => o === 'linux' || (o.startsWith('!') && o !== '!linux'))) continue;
    const kind = npmNativeKind(p.name, p.version);
    if (kind === 'gyp' || kind === 'download-or-build') {
      native.push({
        name: p.name,
        version: p.version,
        why: kind === 'gyp' ? 'compiles with node-gyp' : 'downloads a prebuilt binary or compiles with node-gyp',
        ...(p.dev ? { dev: true } : {}),
      });
    } else if (p.installScript && kind !== 'platform-packages' && kind !== 'bundled-prebuilds' && kind !== 'script') {
      native.push({
        name: p.name,
        version: p.version,
        why: 'has an install script (the lockfile says hasInstallScript)',
        ...(p.dev ? { dev: true } : {}),
      });
    }
  }
  if (!recordsScripts)
    return {
      native,
      unknown:
        native.length === 0
          ? `${lock.path} (${lock.kind} v${lock.lockfileVersion}) does not record which packages run install scripts`
          : null,
      basis: `${lock.path} and the known-package table`,
      scriptsRecorded: false,
    };
  return {
    native,
    unknown: null,
    basis: `${lock.path} (install scripts recorded per package)`,
    scriptsRecorded: true,
  };
}

function gitPackages(pkgs: LockedPackage[]): string[] {
  return pkgs.filter((p) => p.git).map((p) => p.name);
}

/** Python packages that need a compiler for `pyVersion`, or a reason they cannot be judged. */
function pythonNative(
  pkgs: {
    name: string | null;
    version: string | null;
    source: PythonRequirement['source'] | 'lock';
    specifier?: string;
  }[],
  pyVersion: string | null,
  /** Judges a local-folder requirement from the context files (see localPythonPackage); absent: unknown. */
  local?: (specifier: string) => { native: NativePackage[]; unknown: string | null },
): { native: NativePackage[]; unknown: string | null } {
  const t = pythonTable();
  const native: NativePackage[] = [];
  let unknown: string | null = null;
  for (const p of pkgs) {
    if (p.source === 'path' && local && p.specifier) {
      const r = local(p.specifier);
      native.push(...r.native);
      unknown ??= r.unknown;
      continue;
    }
    if (p.source === 'path' || p.source === 'url') {
      unknown ??= `it installs ${p.name ?? 'a local path or URL'}, which may build from source`;
      continue;
    }
    if (!p.name) continue;
    if (t.sourceOnly[p.name]) {
      native.push({ name: p.name, version: p.version, why: t.sourceOnly[p.name] });
      continue;
    }
    const wheels = t.wheelsFrom[p.name];
    if (!wheels || !p.version) continue; // unpinned: pip takes the newest, which has wheels
    const min = pyVersion && wheels[pyVersion] ? wheels[pyVersion] : Object.values(wheels).sort(compareVersions).pop()!;
    if (compareVersions(p.version, min) < 0)
      native.push({
        name: p.name,
        version: p.version,
        why: `no manylinux wheel for ${pyVersion ? `Python ${pyVersion}` : 'this Python'} before ${min}`,
      });
  }
  return { native, unknown };
}

function pythonVersionOf(doc: SourceDockerfile, chain: Stage[]): string | null {
  const ref = chain[0]?.image?.parsed;
  if (!ref || !/(^|\/)python$/.test(chain[0].image!.official ?? '')) return null;
  const m = /^(\d+\.\d+)/.exec(ref.tag ?? '');
  void doc;
  return m ? m[1] : null;
}

/** Sources that need a compiler when a package is built (C, C++, Cython, Rust, Fortran, CUDA, Go). */
const COMPILED_SOURCE = /\.(c|cc|cpp|cxx|h|hh|hpp|pyx|pxd|rs|f|f90|f95|for|cu|go)$/i;
/** Build back ends that build pure-Python wheels only (no compiler step of their own). */
const PURE_BACKENDS = new Set([
  'setuptools.build_meta',
  'setuptools.build_meta:__legacy__',
  'hatchling.build',
  'flit_core.buildapi',
  'poetry.core.masonry.api',
  'pdm.backend',
]);

/**
 * A requirement that is a local folder (`./libs/pkg`): pure Python when the folder was copied into the
 * stage with a pyproject.toml naming a pure build back end, has no setup.py (which may declare C
 * extensions) and no compiled sources anywhere under it; its own dependencies are judged like the rest.
 */
function localPythonPackage(
  ctx: BuildContext,
  files: ContextFile[],
  c: Cmd,
  spec: string,
  pyVersion: string | null,
): { native: NativePackage[]; unknown: string | null } {
  const unknown = (why: string) => ({ native: [], unknown: `it installs the local package ${spec}, ${why}` });
  if (spec.includes('$') || /\.(whl|tar\.gz|zip|tar\.bz2)$/.test(spec)) return unknown('which may build from source');
  const pyproject = byDest(files, posix.join(posix.resolve(c.cwd, spec), 'pyproject.toml'), c.ins.index);
  const m = manifestAt(ctx, pyproject?.path);
  if (!pyproject || !m || m.kind !== 'pyproject')
    return unknown('and no pyproject.toml of it is copied into the stage to show how it builds');
  if (!m.buildBackend || !PURE_BACKENDS.has(m.buildBackend))
    return unknown(`whose build back end (${m.buildBackend ?? 'none named'}) may compile`);
  const dir = posix.dirname(pyproject.path);
  const under = ctx.files.filter((f) => dir === '.' || f.startsWith(dir + '/'));
  const compiled = under.find((f) => COMPILED_SOURCE.test(f) || posix.basename(f) === 'setup.py');
  if (compiled) return unknown(`which holds ${compiled} (it may build a C extension)`);
  if (ctx.truncated) return unknown('and the build context was too large to list every file under it');
  return pythonNative(
    m.dependencies.map((r) => ({ name: r.name, version: r.pinned, source: r.source })),
    pyVersion,
  );
}

export function stageContextFacts(doc: SourceDockerfile, ctx: BuildContext): StageContextFacts[] {
  return doc.stages.map((stage) => factsFor(doc, stage, ctx));
}

/** The context files a COPY can bring in that the facts read (manifests, lockfiles, included requirements), once per context. */
const candidatesOf = new WeakMap<BuildContext, string[]>();
function manifestCandidates(ctx: BuildContext): string[] {
  let c = candidatesOf.get(ctx);
  if (!c) {
    const included = new Set(ctx.manifests.flatMap((m) => (m.kind === 'requirements' ? m.includes : [])));
    c = ctx.files.filter((f) => manifestKind(f) !== null || included.has(f));
    candidatesOf.set(ctx, c);
  }
  return c;
}

function factsFor(doc: SourceDockerfile, stage: Stage, ctx: BuildContext): StageContextFacts {
  const chain = chainOf(doc, stage);
  const dirs = workdirs(doc, chain);
  const files: ContextFile[] = [];
  const excluded = new Set<string>();
  const candidates = manifestCandidates(ctx);
  copiedInto(chain, dirs, ctx, candidates, files, excluded);
  const pythonVersion = pythonVersionOf(doc, chain);
  const cmds = runCommands(doc, chain, dirs);
  const installs: InstallEvidence[] = [];
  const lineOf = (ins: InstructionNode) => doc.lines.lineAt(ins.span.start) + 1;
  const at = (c: Cmd, name: string) => byDest(files, posix.join(c.cwd, name), c.ins.index);
  const missing = (what: string, c: Cmd) =>
    ctx.manifests.some((m) => posix.basename(m.path) === what) || ctx.files.some((f) => posix.basename(f) === what)
      ? `${what} is in the build context but no COPY/ADD before line ${lineOf(c.ins)} puts it in ${c.cwd.replace(WORKDIR0, 'the working directory')}${excluded.size && [...excluded].some((e) => posix.basename(e) === what) ? ' (.dockerignore excludes it)' : ''}`
      : `no ${what} in the build context`;
  let packageManager: StageContextFacts['packageManager'] = null;
  const devRun = new Set<string>();
  let devDeps: Record<string, string> = {};
  let scripts: Record<string, string> = {};

  for (const c of cmds) {
    const base = posix.basename(c.name);
    const line = lineOf(c.ins);
    const push = (e: Omit<InstallEvidence, 'line' | 'instruction'>) =>
      installs.push({ line, instruction: c.ins.index, ...e });
    /** An install with no evidence read for it (no manifest or lockfile), and why. */
    const unjudged = (command: string, ecosystem: InstallEvidence['ecosystem'], unknown: string) =>
      push({ command, ecosystem, manifest: null, lockfile: null, native: [], git: [], unknown, basis: 'none' });
    // Node: npm ci / npm install, yarn [install], pnpm install (without package names).
    const sub = c.args[0];
    const positional = c.args.slice(1).filter((a) => !a.startsWith('-'));
    const isNodeInstall =
      base === 'npm'
        ? /^(ci|install|i|isntall|in|clean-install)$/.test(sub ?? '') && positional.length === 0
        : (base === 'yarn' || base === 'pnpm') &&
          (sub === undefined || sub === 'install' || (sub.startsWith('-') && positional.length === 0));
    if (isNodeInstall) {
      const command = `${base} ${sub ?? 'install'}`.trim();
      const pj = at(c, 'package.json');
      const pkg = manifestAt(ctx, pj?.path);
      const lockName =
        base === 'npm'
          ? ['package-lock.json', 'npm-shrinkwrap.json']
          : base === 'yarn'
            ? ['yarn.lock']
            : ['pnpm-lock.yaml'];
      const lf = lockName.map((n) => at(c, n)).find(Boolean);
      const lock = manifestAt(ctx, lf?.path);
      packageManager ??= base as 'npm' | 'yarn' | 'pnpm';
      if (pkg?.kind === 'package.json') {
        devDeps = { ...devDeps, ...pkg.devDependencies };
        scripts = { ...scripts, ...pkg.scripts };
        const pmField = pkg.packageManager?.split('@')[0];
        if (pmField === 'npm' || pmField === 'yarn' || pmField === 'pnpm') packageManager = pmField;
      }
      if (!pkg || pkg.kind !== 'package.json') {
        unjudged(command, 'node', missing('package.json', c));
        continue;
      }
      if (!lock || (lock.kind !== 'package-lock' && lock.kind !== 'yarn-lock' && lock.kind !== 'pnpm-lock')) {
        const lockErr = lf ? ctx.errors.find((e) => e.path === lf.path) : undefined;
        push({
          command,
          ecosystem: 'node',
          manifest: pkg.path,
          lockfile: null,
          native: pkg.gypfile
            ? [{ name: pkg.name ?? 'the project', version: null, why: 'package.json has gypfile' }]
            : [],
          git: [],
          unknown: lockErr
            ? `${lockErr.path} could not be read (${lockErr.error})`
            : `${missing(lockName[0], c)}: the dependency tree and its install scripts are unknown`,
          basis: pkg.path,
        });
        continue;
      }
      const n = nodeNative(lock);
      if (pkg.gypfile)
        n.native.unshift({ name: pkg.name ?? 'the project', version: null, why: 'package.json has gypfile' });
      push({
        command,
        ecosystem: 'node',
        manifest: pkg.path,
        lockfile: lock.path,
        native: n.native,
        git: gitPackages(lock.packages),
        unknown: n.unknown,
        basis: n.basis,
        scriptsRecorded: n.scriptsRecorded,
        devPackages: lock.packages.filter((p) => p.dev).map((p) => ({ name: p.name, bin: p.bin ?? [] })),
      });
      continue;
    }
    // Python: pip install -r FILE; poetry install; pipenv install; uv sync / uv pip install -r.
    let pipArgs: string[] | null = null;
    if (PIP.test(base) && c.args[0] === 'install') pipArgs = c.args.slice(1);
    else if (PY.test(base) && c.args[0] === '-m' && PIP.test(c.args[1] ?? '') && c.args[2] === 'install')
      pipArgs = c.args.slice(3);
    else if (base === 'uv' && c.args[0] === 'pip' && c.args[1] === 'install') pipArgs = c.args.slice(2);
    if (pipArgs) {
      const reqFiles: string[] = [];
      for (let i = 0; i < pipArgs.length; i++) {
        const a = pipArgs[i];
        if (a === '-r' || a === '--requirement') reqFiles.push(pipArgs[++i] ?? '');
        else if (/^--requirement=/.test(a)) reqFiles.push(a.slice(14));
        else if (/^-r./.test(a)) reqFiles.push(a.slice(2));
      }
      const noBinary = pipArgs.some((a) => a.startsWith('--no-binary'));
      for (const rf of reqFiles) {
        const command = `${base === 'uv' ? 'uv pip' : 'pip'} install -r ${rf}`;
        const f = rf.includes('$') ? undefined : byDest(files, posix.resolve(c.cwd, rf), c.ins.index);
        const m = manifestAt(ctx, f?.path);
        if (!m || m.kind !== 'requirements') {
          const err = f ? ctx.errors.find((e) => e.path === f.path) : undefined;
          unjudged(
            command,
            'python',
            err ? `${err.path} could not be read (${err.error})` : missing(posix.basename(rf), c),
          );
          continue;
        }
        const notCopied = m.includes.filter((inc) => !files.some((x) => x.path === inc && x.copiedBy < c.ins.index));
        const py = pythonNative(
          m.requirements.map((r) => ({ name: r.name, version: r.pinned, source: r.source, specifier: r.specifier })),
          pythonVersion,
          (spec) => localPythonPackage(ctx, files, c, spec, pythonVersion),
        );
        const vcs = m.requirements.filter((r) => r.source === 'vcs');
        push({
          command,
          ecosystem: 'python',
          manifest: m.path,
          lockfile: null,
          native: py.native,
          git: vcs.map((r) => r.name ?? r.specifier),
          unknown: noBinary
            ? 'pip runs with --no-binary, so packages build from source'
            : m.missing.length
              ? `${m.path} includes ${m.missing.join(', ')}, which is not in the build context`
              : notCopied.length
                ? `${m.path} includes ${notCopied.join(', ')}, which is not copied into the stage`
                : vcs.length
                  ? `it installs ${vcs.map((r) => r.specifier).join(', ')} from version control, which builds from source`
                  : py.unknown,
          basis: `${m.path} and the Python wheel table (hand-curated, ${pythonTable().date})`,
        });
      }
      continue;
    }
    const lockInstall: Record<string, [string, string]> = {
      poetry: ['poetry.lock', 'install'],
      pipenv: ['Pipfile.lock', 'install'],
      uv: ['uv.lock', 'sync'],
    };
    if (lockInstall[base] && c.args[0] === lockInstall[base][1]) {
      const [lockName] = lockInstall[base];
      const command = `${base} ${c.args[0]}`;
      const lf = at(c, lockName);
      const lock = manifestAt(ctx, lf?.path);
      if (!lock || (lock.kind !== 'poetry-lock' && lock.kind !== 'pipfile-lock' && lock.kind !== 'uv-lock')) {
        unjudged(command, 'python', missing(lockName, c));
        continue;
      }
      const py = pythonNative(
        lock.packages.map((p) => ({ name: p.name, version: p.version, source: 'lock' as const })),
        pythonVersion,
      );
      const git = gitPackages(lock.packages);
      push({
        command,
        ecosystem: 'python',
        manifest: null,
        lockfile: lock.path,
        native: py.native,
        git,
        unknown: git.length
          ? `it installs ${git.join(', ')} from version control, which builds from source`
          : py.unknown,
        basis: `${lock.path} and the Python wheel table (hand-curated, ${pythonTable().date})`,
      });
      continue;
    }
    // Later use of dev tools: npm run X, npx X, yarn X, or the bin directly.
    if (
      (base === 'npm' && (c.args[0] === 'run' || c.args[0] === 'run-script')) ||
      (base === 'yarn' && c.args[0] === 'run')
    ) {
      const script = scripts[c.args[1] ?? ''];
      if (script)
        for (const [dep] of Object.entries(devDeps))
          if (new RegExp(`(^|[\\s;&|])${escapeRe(BIN_OF[dep] ?? dep)}(\\s|$)`).test(script)) devRun.add(dep);
    } else if (base === 'npx' || (base === 'yarn' && c.args[0] && devDeps[c.args[0]] !== undefined)) {
      const tool = base === 'npx' ? c.args.find((a) => !a.startsWith('-')) : c.args[0];
      for (const dep of Object.keys(devDeps)) if (tool && (BIN_OF[dep] ?? dep) === tool) devRun.add(dep);
    } else {
      for (const dep of Object.keys(devDeps)) if ((BIN_OF[dep] ?? dep) === base) devRun.add(dep);
    }
  }
  // Go: cgo modules of a copied go.mod.
  const cgo: { module: string; why: string }[] = [];
  const table = goTable().modules;
  for (const f of files) {
    const m = manifestAt(ctx, f.path);
    if (m?.kind !== 'go-mod') continue;
    for (const r of m.requires) {
      const hit = Object.keys(table).find((mod) => r.path === mod || r.path.startsWith(mod + '/'));
      if (hit && !cgo.some((x) => x.module === r.path)) cgo.push({ module: r.path, why: table[hit] });
    }
  }
  let goPure: { why: string } | null = null;
  const goMods = files.map((f) => manifestAt(ctx, f.path)).filter((m) => m?.kind === 'go-mod');
  if (goMods.length && ctx.cgoSources && ctx.cgoSources.length === 0 && !ctx.truncated) {
    const pure = goMods.every(
      (m) =>
        m?.kind === 'go-mod' &&
        (m.requires.length === 0 || ctx.files.includes(posix.join(posix.dirname(m.path), 'vendor/modules.txt'))),
    );
    if (pure)
      goPure = {
        why: `${goMods.map((m) => m!.path).join(', ')} requires no module outside the build context and no .go file in it imports "C"`,
      };
  }
  const goRuntime = goMods.length ? goRuntimeFacts(chain, dirs, ctx) : null;
  if (!packageManager) {
    const names = files.map((f) => posix.basename(f.path));
    packageManager = names.includes('pnpm-lock.yaml')
      ? 'pnpm'
      : names.includes('yarn.lock')
        ? 'yarn'
        : names.includes('package-lock.json')
          ? 'npm'
          : null;
  }
  const java = javaFacts(chain, dirs, ctx, files);
  const packageJsons: CopiedPackageJson[] = [];
  for (const f of files) {
    const m = manifestAt(ctx, f.path);
    if (m?.kind === 'package.json')
      packageJsons.push({
        path: f.path,
        dest: f.dest,
        copiedBy: f.copiedBy,
        scripts: m.scripts,
        dependencies: m.dependencies,
        devDependencies: m.devDependencies,
      });
  }
  return {
    stage: stage.index,
    files,
    excluded: [...excluded],
    packageManager,
    pythonVersion,
    installs,
    devToolsRun: [...devRun],
    cgo,
    goPure,
    goRuntime,
    packageJsons,
    java,
  };
}

/** What a JRE-only runtime depends on, for a stage with a copied pom.xml or build.gradle(.kts). */
function javaFacts(
  chain: Stage[],
  dirs: Map<number, string>,
  ctx: BuildContext,
  files: ContextFile[],
): JavaStageFacts | null {
  const builds = [...new Set(files.map((f) => f.path))]
    .map((p) => manifestAt(ctx, p))
    .filter((m): m is Manifest & { kind: 'pom' | 'gradle' } => m?.kind === 'pom' || m?.kind === 'gradle');
  if (!builds.length) return null;
  const copied: ContextFile[] = [];
  copiedInto(chain, dirs, ctx, ctx.files, copied, new Set());
  const paths = [...new Set(copied.map((c) => c.path))];
  const main = paths.filter((p) => /\.(java|kt)$/.test(p) && !JVM_TEST_SOURCE.test(p));
  const refs = ctx.truncated || !ctx.jdkOnlyRefs ? null : ctx.jdkOnlyRefs;
  const dependencies = new Set<string>();
  const unread: string[] = [];
  for (const m of builds) {
    if (m.kind === 'pom') {
      for (const d of m.dependencies)
        if (d.scope !== 'test' && d.scope !== 'provided')
          dependencies.add(`${d.groupId ?? '?'}:${d.artifactId ?? '?'}`);
    } else {
      for (const d of m.dependencies)
        if (GRADLE_RUNTIME.test(d.configuration)) dependencies.add(`${d.group}:${d.name}`);
      unread.push(...m.unreadDependencies.filter((l) => GRADLE_RUNTIME.test(l.split(/[\s(]/)[0])));
    }
  }
  return {
    manifests: builds.map((m) => m.path),
    jdkOnly: refs ? refs.filter((r) => main.includes(r.file)) : null,
    unscanned: paths.filter((p) => /\.(groovy|scala|clj|cljs|cljc)$/.test(p) && !JVM_TEST_SOURCE.test(p)),
    dependencies: [...dependencies].sort(),
    unreadDependencies: unread,
    files: paths.filter((p) => !JAVA_BUILD_ONLY.test(p)),
  };
}

/**
 * What a Go program built in the stage may need besides its binary: the context's non-test .go files
 * that import os/exec, and the files copied into the stage that the build does not read and that are
 * not compiled in with `//go:embed`. Null when the context's .go files could not all be read.
 */
function goRuntimeFacts(chain: Stage[], dirs: Map<number, string>, ctx: BuildContext): StageContextFacts['goRuntime'] {
  if (ctx.truncated || !ctx.goExecSources || !ctx.goEmbeds) return null;
  const copied: ContextFile[] = [];
  copiedInto(
    chain,
    dirs,
    ctx,
    ctx.files.filter((f) => !GO_BUILD_ONLY.test(f)),
    copied,
    new Set(),
  );
  const embeds = ctx.goEmbeds;
  const embedded = (f: string) => embeds.some((p) => matchPattern(p, f) || f.startsWith(p.replace(/\/+$/, '') + '/'));
  return {
    exec: [...ctx.goExecSources],
    files: [...new Set(copied.map((c) => c.path))].filter((f) => !embedded(f)),
  };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

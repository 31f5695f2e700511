/** Go: `go build` on the golang image, shipped as a static (or glibc) binary on distroless. */
import { posix } from 'node:path';
import type { Edit, SkipReason } from '../../../src/engine/types.js';
import type { SourceDockerfile, Stage } from '../../../src/parse/document.js';
import { distrolessCandidates, parseTag } from '../../../src/catalog/variants.js';
import { formatExecForm } from '../../../src/shell/exec-form.js';
import type { StageContextFacts } from '../../../src/context/facts.js';
import { type Ecosystem, type PlanInput, type PlanResult, type RebaseInput, type RebaseResult } from '../ecosystem.js';
import { stageCopies, stageFromCopies, unreadableCopy } from '../final-stage.js';
import {
  appFiles,
  baseSwapEstimate,
  defaultSuite,
  envValue,
  flagValue,
  keyValues,
  otherPackages,
  outermost,
  PATH_DIRS,
  resolveExecutable,
  skip,
} from '../plan-helpers.js';
import { commandsNamed, readStage, type StageCommand, type StageFacts } from '../stage-facts.js';

const GO_SOURCE = (s: string) =>
  /(^|\/)(go\.mod|go\.sum|[^/]*\.go|cmd|internal|pkg|vendor|\.\/?)$/.test(s.replace(/\/$/, '')) || s === '.';

function planGo({ facts, ctx, argv, tag }: PlanInput): PlanResult {
  if (argv[0] === 'go' || posix.basename(argv[0]) === 'go')
    return skip('needs-toolchain', `the container runs \`${argv.join(' ')}\` (the Go toolchain at start)`);
  const builds = commandsNamed(facts, ['go'], ['build', 'install']);
  if (!builds.length)
    return skip('uncertain', 'no `go build` or `go install` in this stage: the program it runs is not built here');
  const outputs: { path: string; c: StageCommand }[] = [];
  const gobin = envValue(facts, 'GOBIN', facts.stage.instructions.length);
  const gopath = envValue(facts, 'GOPATH', facts.stage.instructions.length);
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
  if (b.context.compound || b.context.pipeline || b.context.subshell)
    return skip('uncertain', 'the `go build` runs inside a loop, condition, pipeline or subshell');
  if (!b.direct)
    return skip('uncertain', 'the `go build` runs behind a wrapper (sudo, env, ...) or inside a `sh -c` string');
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
  // `CGO_ENABLED=0 go build`: the assignment (null when not static) wins over ENV.
  const cgoSetting = b.read.env.has('CGO_ENABLED')
    ? (b.read.env.get('CGO_ENABLED') ?? '$')
    : envValue(facts, 'CGO_ENABLED', idx);
  const exported = facts.commands.some(
    (c) => c.ins === b.ins && c.name === 'export' && c.args.some((a) => a === null || a.startsWith('CGO_ENABLED')),
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
  // The build context (when read) names go.mod requirements known to need cgo and a C library.
  const stageContext = ctx.buildContext?.find((s) => s.stage === facts.stage.index);
  const cgoModules = stageContext?.cgo ?? [];
  const pure = stageContext?.goPure ?? null;
  if (cgoModules.length && !staticBinary)
    return skip(
      'needs-toolchain',
      `go.mod requires ${cgoModules[0].module} (${cgoModules[0].why}), so the binary links C code whose run-time libraries distroless does not have`,
    );
  const alpine = parseTag(tag).alpine;
  if (cgoSetting === undefined) {
    // cgo stays as the Dockerfile has it: CGO_ENABLED=0 would break a module that needs cgo (`import "C"`,
    // or a dependency that does), and nothing in the Dockerfile proves the module is pure Go.
    if (devLibs || ctx.options.cgo === 'keep')
      return skip(
        'uncertain',
        'cgo is on by default and the stage installs C headers, so the binary links C libraries whose run-time packages are not known',
      );
    if (alpine) {
      // Go 1.20+ builds without cgo when no C compiler is installed (golang:*-alpine has none): static.
      if (hasCCompiler(facts) || !goAtLeast(tag, 1, 20))
        return skip(
          'uncertain',
          'cgo is on by default here (a C compiler is installed, or Go is older than 1.20), and a cgo binary built on Alpine links musl, which distroless does not have',
        );
      staticBinary = true;
      notes.push(
        'the stage installs no C compiler, so Go builds without cgo and the binary is static (CGO_ENABLED is left as it is)',
      );
    } else if (pure) {
      // Evidence from the build context: turning cgo off cannot break a module that never uses it.
      const at = body.fileSpan(b.cmd.span.start, b.cmd.span.start).start;
      builderEdits.push({ start: at, end: at, text: 'CGO_ENABLED=0 ' });
      staticBinary = true;
      notes.push(`\`CGO_ENABLED=0\` makes the binary static: ${pure.why}`);
    } else {
      warnings.push(
        'cgo is left as the Dockerfile has it (on by default: the golang image has gcc), so the binary may link glibc and runs on distroless/base (glibc, libssl, CA certificates); if the module needs no cgo, `CGO_ENABLED=0` in the build makes it static for distroless/static',
      );
    }
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
  if (tag && alpine && !staticBinary)
    return skip('uncertain', 'a cgo binary built on Alpine links musl, which distroless does not have');
  // A glibc binary runs on the same or a newer glibc. Without a suite in the tag, the build runs on
  // the tag's default suite: the newest Debian suite the catalog lists for that tag (golang:1.19 ->
  // 1.19-bookworm); when even that is unknown, the newest Debian's glibc.
  const buildSuite = suite ?? defaultSuite(ctx, 'golang', tag) ?? 'trixie';
  const cand = distrolessCandidates('golang', staticBinary && !suite ? null : `1-${buildSuite}`, {
    staticBinary,
  });
  if (cand.kind !== 'candidates') return skip('no-target', 'no distroless image for this Go build');
  const user = distrolessUserTag(facts);
  const userTag = user.tag;
  if (user.warning) warnings.push(user.warning);
  const repository = cand.candidates[0].repository;
  const status = ctx.catalog.tagStatus(repository, userTag);
  if (status !== 'current' && status !== 'past')
    return skip('unknown-image', `${repository}:${userTag} is not in the catalog`);
  const files = appFiles(facts, GO_SOURCE);
  if (files.unknown)
    return skip('variable', 'a COPY destination depends on a variable or an unknown working directory');
  const runtime = stageContext?.goRuntime ?? null;
  if (files.uncertain && runtime && runtime.files.length === 0) {
    // The context proves the whole-context copy brought only Go build inputs and docs: ship none of it.
    notes.push(
      'the build context copied into the image holds only Go sources, module files and docs, so the runtime stage gets the binary alone',
    );
    files.paths = files.paths.filter((p) => !files.whole.includes(p));
  } else if (files.uncertain)
    notes.push(
      `the app folder (${files.paths.join(', ')}) is copied too because the whole build context was copied into it and the program may read files from it; drop that COPY if it does not`,
    );
  else if (files.paths.length)
    notes.push(
      `files copied into the image besides Go sources (${files.paths.join(', ')}) are copied to the runtime stage`,
    );
  const evidence = goEvidence(stageContext, staticBinary);
  return {
    plan: {
      ...evidence,
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

/**
 * Whether the build context proves the split safe: a static binary of a module proven pure Go (no cgo
 * anywhere, so CGO_ENABLED=0 changes nothing it uses) whose own code starts no other program
 * (distroless has no shell or tools). Files the program may read are copied with it (see appFiles).
 */
function goEvidence(
  stageContext: StageContextFacts | undefined,
  staticBinary: boolean,
): { proof: string } | { unproven: SkipReason } {
  if (!stageContext)
    return {
      unproven: { code: 'uncertain', detail: 'no build context was read, so go.mod and the Go sources are unknown' },
    };
  if (!stageContext.goPure)
    return {
      unproven: {
        code: 'uncertain',
        detail:
          'the build context does not prove the module pure Go (a copied go.mod whose requirements are all vendored, and no .go file importing "C"); `go mod vendor` gives slimify the code to read',
      },
    };
  if (!staticBinary) return { unproven: { code: 'uncertain', detail: 'the binary links C libraries (cgo is on)' } };
  const runtime = stageContext.goRuntime;
  if (!runtime)
    return { unproven: { code: 'uncertain', detail: 'the Go sources of the build context could not all be read' } };
  if (runtime.exec.length)
    return {
      unproven: {
        code: 'uncertain',
        detail: `${runtime.exec[0]} imports os/exec: the program may start tools that distroless does not have`,
      },
    };
  return {
    proof: `${stageContext.goPure.why}, and no .go file imports os/exec, so the static binary needs nothing from the toolchain image`,
  };
}

/**
 * distroless: `:nonroot` when the stage runs as a non-root user (mapped to nonroot) or as root with no
 * folder to write into; a program that ran as root and may write into its WORKDIR or a VOLUME (both
 * created as root) keeps root (`:latest`), since nonroot could not write there.
 */
function distrolessUserTag(facts: StageFacts): { tag: string; warning?: string } {
  const u = facts.user ? facts.logical(facts.user) : null;
  if (u !== null && !/^(root|0)(:(root|0))?$/.test(u)) return { tag: 'nonroot' };
  const volumes = facts.stage.instructions.filter((i) => i.keyword === 'VOLUME').map((i) => facts.logical(i).trim());
  const workdir = facts.finalWorkdir && facts.finalWorkdir !== '/' ? facts.finalWorkdir : null;
  if (u === null && !volumes.length && !workdir) return { tag: 'nonroot' };
  if (u !== null) return { tag: 'latest' };
  const where = [...(workdir ? [`the WORKDIR ${workdir}`] : []), ...volumes.map((v) => `VOLUME ${v}`)].join(' and ');
  return {
    tag: 'latest',
    warning: `the program ran as root and may write into ${where}, created as root, so the runtime stays root (\`:latest\`); \`:nonroot\` is safer once those folders are owned by 65532 or the program writes nowhere`,
  };
}

/** Whether the stage installs a C compiler (cgo is then on by default). */
function hasCCompiler(facts: StageFacts): boolean {
  return facts.osPackages.some((p) =>
    /^(gcc|g\+\+|clang|build-base|build-essential|musl-dev|libc6-dev|libc-dev|\$variable)$/.test(p),
  );
}

/** Whether the Go version of a golang tag is at least major.minor (a tag without version is the newest). */
function goAtLeast(tag: string | null, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(parseTag(tag).version ?? '');
  if (!m) return parseTag(tag).version === null;
  return Number(m[1]) > major || (Number(m[1]) === major && Number(m[2]) >= minor);
}

/** Whether the builder stage produces static Go binaries: CGO_ENABLED=0 (ENV, ARG, assignment, export) or `-extldflags -static`. */
function buildsStatic(doc: SourceDockerfile, builder: Stage): boolean {
  const facts = readStage(doc, builder);
  let zero = false;
  let other = false;
  for (const ins of builder.instructions) {
    if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
    for (const [k, v] of keyValues(facts.logical(ins)))
      if (k === 'CGO_ENABLED') {
        if (v === '0') zero = true;
        else other = true;
      }
  }
  let goBuild = false;
  for (const c of facts.commands) {
    const name = c.name;
    if (name === 'export') {
      for (const a of c.args) {
        if (!a?.startsWith('CGO_ENABLED=')) continue;
        if (a === 'CGO_ENABLED=0') zero = true;
        else other = true;
      }
      if (c.args.includes(null)) other = true;
    }
    if (name !== 'go' && !name.endsWith('/go')) continue;
    const sub = c.args.find((a) => a === null || !a.startsWith('-'));
    if (sub !== 'build' && sub !== 'install') continue;
    goBuild = true;
    if (c.read.env.has('CGO_ENABLED')) {
      if (c.read.env.get('CGO_ENABLED') === '0') zero = true;
      else other = true;
    }
    if (c.args.some((a) => a !== null && /-extldflags[= ]["']?[^"']*-static/.test(a))) zero = true;
    const i = c.args.findIndex((a) => a === '-extldflags');
    if (i !== -1 && /-static/.test(c.args[i + 1] ?? '')) zero = true;
  }
  return goBuild && zero && !other;
}

/**
 * Null when the stage does not run something copied from another stage (the one-stage split handles it).
 */
function rebaseGoFinal({ doc, facts, ctx, span }: RebaseInput): RebaseResult | null {
  if (facts.commands.some((c) => c.name === 'go' || c.name.endsWith('/go'))) return null;
  const copies = stageCopies(doc, facts);
  if (copies === null) {
    return stageFromCopies(facts) ? unreadableCopy() : null;
  }
  if (!copies.length) return null;
  const skip = (code: SkipReason['code'], detail: string): RebaseResult => ({ skip: { code, detail } });
  const argv = facts.argv;
  if (!argv?.length) return skip('uncertain', 'the start command is not one plain command with static words');
  const exe = argv[0];
  const candidates = exe.startsWith('/')
    ? [posix.normalize(exe)]
    : exe.includes('/')
      ? facts.finalWorkdir
        ? [posix.join(facts.finalWorkdir, exe)]
        : []
      : PATH_DIRS.map((d) => `${d}/${exe}`);
  const copy = copies.find((c) => c.targets.some((t) => candidates.includes(t.path)));
  if (!copy) return null;
  if (facts.stage.image!.variables.length)
    return skip('variable', `the image ${facts.stage.image!.raw} uses a variable`);
  // distroless has no shell and no package manager: nothing may run in this stage.
  const run = facts.stage.instructions.find((i) => i.keyword === 'RUN');
  if (run)
    return skip(
      'needs-toolchain',
      `the stage has a RUN (line ${doc.lines.lineAt(run.span.start) + 1}), which needs a shell that distroless does not have`,
    );
  if (!buildsStatic(doc, copy.from)) {
    return skip(
      'uncertain',
      `the build stage \`${copy.from.name ?? copy.from.index}\` does not set CGO_ENABLED=0 or -extldflags -static, so the binary may need the C libraries of ${facts.stage.image!.raw}`,
    );
  }
  const hc = facts.stage.instructions.find((i) => i.keyword === 'HEALTHCHECK' && !/^\s*NONE\b/i.test(facts.logical(i)));
  if (hc) return skip('needs-toolchain', 'the HEALTHCHECK would run on distroless, which has no shell, curl or wget');
  const userIns = facts.user;
  const u = userIns ? facts.logical(userIns) : null;
  let userTag = 'latest';
  if (u !== null) {
    if (/^(nonroot|65532)(:(nonroot|65532))?$/.test(u)) userTag = 'nonroot';
    else if (!/^(root|0|\d+)(:(root|0|\d+))?$/.test(u))
      return skip('uncertain', `the stage runs as ${u}, a user distroless does not have (it has root and nonroot)`);
  }
  const cand = distrolessCandidates(
    'golang',
    parseTag(facts.stage.image!.parsed!.tag).suite ? `1-${parseTag(facts.stage.image!.parsed!.tag).suite}` : null,
    { staticBinary: true },
  );
  if (cand.kind !== 'candidates') return skip('no-target', 'no distroless image for this Go binary');
  const repository = cand.candidates[0].repository;
  const st = ctx.catalog.tagStatus(repository, userTag);
  if (st !== 'current' && st !== 'past') return skip('unknown-image', `${repository}:${userTag} is not in the catalog`);
  const ref = `${repository}:${userTag}`;
  const edits: Edit[] = [{ start: facts.stage.image!.span.start, end: facts.stage.image!.span.end, text: ref }];
  const notes: string[] = [];
  // Shell-form start commands become exec form (no shell on distroless).
  for (const pc of [facts.entrypoint, facts.cmd]) {
    if (!pc || pc.form === 'exec') continue;
    if (facts.entrypoint && facts.cmd)
      return skip('uncertain', 'a shell-form CMD or ENTRYPOINT combined with the other cannot run without a shell');
    if (!pc.argv || !pc.ins.argsSpan)
      return skip('needs-toolchain', `the shell-form ${pc.ins.keyword} needs a shell, which distroless does not have`);
    edits.push({ start: pc.ins.argsSpan.start, end: pc.ins.argsSpan.end, text: formatExecForm(pc.argv) });
    notes.push(`the shell-form ${pc.ins.keyword} becomes exec form (distroless has no /bin/sh)`);
  }
  const earlier = facts.stage.instructions.find(
    (i) =>
      (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') &&
      !i.json &&
      i !== facts.cmd?.ins &&
      i !== facts.entrypoint?.ins,
  );
  if (earlier) return skip('uncertain', `an earlier shell-form ${earlier.keyword} would be left without a shell`);
  const estimate = baseSwapEstimate(
    ctx,
    {
      repository: facts.stage.image!.official ?? facts.stage.image!.parsed!.path,
      tag: facts.stage.image!.parsed!.tag ?? 'latest',
    },
    { repository, tag: userTag },
    { unknown: 'the Go toolchain image is not shipped; its size is not in the catalog' },
  );
  return {
    finding: {
      code: 'split-go-final',
      message: `The final stage only runs ${copy.targets.find((t) => candidates.includes(t.path))!.path}, a static binary copied from the build stage \`${copy.from.name ?? copy.from.index}\` (CGO_ENABLED=0 or -static), so it runs on ${ref} instead of ${facts.stage.image!.raw}.${notes.length ? ' ' + notes.map((n) => n[0].toUpperCase() + n.slice(1)).join('. ') + '.' : ''}`,
      span,
      lock: span,
      edits,
      estimate,
      warnings: [
        userTag === 'latest'
          ? `${ref} runs as root like ${facts.stage.image!.raw} did; \`:nonroot\` is safer when the program needs no root`
          : `${ref} has no shell, package manager or /etc files beyond passwd, group, CA certificates and tzdata`,
        'files the program reads from the old image (anything not copied into this stage) are gone: distroless has only CA certificates, tzdata and /etc/passwd',
      ],
    },
  };
}

const go: Ecosystem = {
  id: 'go',
  owns: (repo) => repo === 'golang',
  plan: planGo,
  rebaseFinal: rebaseGoFinal,
};
export default go;

/**
 * The split transform's multi-stage case: a final stage that still sits on the Go toolchain image but
 * only runs a binary copied from a static Go build stage moves to distroless/static in place.
 */
import { posix } from 'node:path';
import type { Context, Edit, FindingDraft, SkipReason, Span } from '../../src/engine/types.js';
import type { InstructionNode, SourceDockerfile, Stage } from '../../src/parse/document.js';
import { distrolessCandidates, parseTag } from '../../src/catalog/variants.js';
import { formatExecForm } from '../../src/shell/exec-form.js';
import { DOTNET_FLAVOUR_NOTE, dotnetRuntime, dotnetWeb, javaMajor, keyValues } from './plan.js';
import { commandsNamed, readStage, type StageFacts } from './stage-facts.js';

/** Commands a RUN of a final Java/.NET stage may use that every JRE/.NET runtime image has (coreutils, shadow's useradd). */
const JRE_SAFE = new Set([
  'mkdir',
  'chmod',
  'chown',
  'chgrp',
  'ln',
  'touch',
  'rm',
  'cp',
  'mv',
  'echo',
  'true',
  'useradd',
  'groupadd',
]);
const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export type RebaseResult = { finding: FindingDraft } | { skip: SkipReason };

interface Copied {
  ins: InstructionNode;
  from: Stage;
  /** Absolute paths the copy creates in this stage, with the source path each comes from. */
  targets: { path: string; source: string }[];
}

/** `COPY --from=<stage>` instructions of the stage (not images), with the paths they create. */
function stageCopies(doc: SourceDockerfile, facts: StageFacts): Copied[] | null {
  const out: Copied[] = [];
  for (const [i, ins] of facts.stage.instructions.entries()) {
    if (ins.keyword !== 'COPY') continue;
    const from = ins.flags.find((f) => f.name === 'from')?.value;
    if (!from) continue;
    const st = /^\d+$/.test(from)
      ? doc.stages[Number(from)]
      : doc.stages.find((s) => s.name?.toLowerCase() === from.toLowerCase());
    if (!st || st === facts.stage) continue; // an image, not a stage
    if (ins.json) return null;
    const words = ins.args.map((a) => a.value);
    if (words.length < 2 || words.some((w) => /[$*?[]/.test(w))) return null;
    const rawDest = words[words.length - 1];
    const cwd = facts.workdirBefore[i];
    const dest = rawDest.startsWith('/') ? posix.normalize(rawDest) : cwd === null ? null : posix.join(cwd, rawDest);
    if (dest === null) return null;
    const sources = words.slice(0, -1);
    const targets = sources.flatMap((s) => {
      const asDir = posix.join(dest, posix.basename(s));
      // `COPY a /dest` is a file when /dest is not a folder, a file in it when it is: both are possible.
      return rawDest.endsWith('/') || sources.length > 1
        ? [{ path: asDir, source: s }]
        : [
            { path: dest, source: s },
            { path: asDir, source: s },
          ];
    });
    out.push({ ins, from: st, targets });
  }
  return out;
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
    const name = c.cmd.name?.value ?? '';
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
    for (const w of c.cmd.assignments) {
      if (!w.text.startsWith('CGO_ENABLED=')) continue;
      if (/^CGO_ENABLED=["']?0["']?$/.test(w.text)) zero = true;
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
export function rebaseGoFinal(
  doc: SourceDockerfile,
  stage: Stage,
  facts: StageFacts,
  ctx: Context,
  span: Span,
): RebaseResult | null {
  if (facts.commands.some((c) => c.cmd.name?.value === 'go' || c.cmd.name?.value?.endsWith('/go'))) return null;
  const copies = stageCopies(doc, facts);
  if (copies === null) {
    return stageFromCopies(facts)
      ? {
          skip: {
            code: 'uncertain',
            detail:
              'a COPY --from of this stage uses JSON form, wildcards or a variable, so what it copies is not known',
          },
        }
      : null;
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
  const from = ctx.catalog.size(
    facts.stage.image!.official ?? facts.stage.image!.parsed!.path,
    facts.stage.image!.parsed!.tag ?? 'latest',
  );
  const to = ctx.catalog.size(repository, userTag);
  const estimate: FindingDraft['estimate'] =
    from?.uncompressed && to?.uncompressed && from.uncompressed > to.uncompressed
      ? {
          bytes: from.uncompressed - to.uncompressed,
          basis: 'catalog',
          note: `base image sizes: ${from.source}; ${to.source}`,
        }
      : {
          bytes: null,
          basis: 'heuristic',
          note: 'the Go toolchain image is not shipped; its size is not in the catalog',
        };
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

/**
 * The first RUN of the final stage that might need something only the old (toolchain) image has:
 * not plain shell, unparsable, with mounts, or running a command outside coreutils/useradd.
 */
function runNeedingOldImage(stage: Stage, facts: StageFacts): InstructionNode | undefined {
  return stage.instructions.find(
    (r) =>
      r.keyword === 'RUN' &&
      (!r.run?.shell ||
        r.run.shell.script.hasErrors ||
        r.run.mounts.length > 0 ||
        facts.commands.some((c) => c.ins === r && !JRE_SAFE.has(c.cmd.name?.value ?? ''))),
  );
}

function stageFromCopies(facts: StageFacts): boolean {
  return facts.stage.instructions.some((i) => i.keyword === 'COPY' && i.flags.some((f) => f.name === 'from'));
}

/**
 * A final stage on a Maven or Gradle image (JDK + build tool) that only runs `java -jar <jar>` copied
 * from another stage moves to `eclipse-temurin:<major>-jre` in place. Final eclipse-temurin JDK and
 * openjdk stages are the slim-base transform's (`switch-to-jre`, `replace-openjdk`).
 */
export function rebaseJavaFinal(
  doc: SourceDockerfile,
  stage: Stage,
  facts: StageFacts,
  ctx: Context,
  span: Span,
): RebaseResult | null {
  const repo = stage.image!.official ?? '';
  if (repo !== 'maven' && repo !== 'gradle') return null;
  if (facts.commands.some((c) => /^(mvn|mvnw|gradle|gradlew)$/.test(posix.basename(c.cmd.name?.value ?? ''))))
    return null;
  const argv = facts.argv;
  if (!argv || posix.basename(argv[0]) !== 'java') return null;
  const jarAt = argv.indexOf('-jar');
  const jar = jarAt === -1 ? undefined : argv[jarAt + 1];
  if (!jar) return null;
  const copies = stageCopies(doc, facts);
  if (copies === null)
    return {
      skip: {
        code: 'uncertain',
        detail: 'a COPY --from of this stage uses JSON form, wildcards or a variable, so what it copies is not known',
      },
    };
  const path = jar.startsWith('/')
    ? posix.normalize(jar)
    : facts.finalWorkdir
      ? posix.join(facts.finalWorkdir, jar)
      : null;
  const copy = path ? copies.find((c) => c.targets.some((t) => t.path === path)) : undefined;
  if (!copy) return null;
  const skip = (code: SkipReason['code'], detail: string): RebaseResult => ({ skip: { code, detail } });
  if (stage.image!.variables.length) return skip('variable', `the image ${stage.image!.raw} uses a variable`);
  // The JRE image has a shell and the coreutils/passwd tools; anything else may come from the old image.
  const odd = runNeedingOldImage(stage, facts);
  if (odd)
    return skip(
      'needs-toolchain',
      `the stage has a RUN (line ${doc.lines.lineAt(odd.span.start) + 1}) that may need the tools or the OS of ${stage.image!.raw}`,
    );
  if (stage.instructions.some((i) => i.keyword === 'HEALTHCHECK' && !/^\s*NONE\b/i.test(facts.logical(i)))) {
    return skip('uncertain', `the HEALTHCHECK may use a tool of ${stage.image!.raw} that the JRE image lacks`);
  }
  const u = facts.user ? facts.logical(facts.user) : null;
  const created = (name: string) =>
    facts.commands.some((c) => /^(useradd|groupadd)$/.test(c.cmd.name?.value ?? '') && c.args.includes(name));
  if (u !== null && !/^(root|0|\d+)(:(root|0|\d+))?$/.test(u) && !u.split(':').every(created))
    return skip('uncertain', `the stage runs as ${u}, a user the JRE image may not have`);
  const major = javaMajor(repo, stage.image!.parsed!.tag);
  if (!major) return skip('uncertain', `cannot tell the Java version of ${stage.image!.raw}`);
  const tag = `${major}-jre`;
  const st = ctx.catalog.tagStatus('eclipse-temurin', tag);
  if (st !== 'current' && st !== 'past') return skip('no-target', `eclipse-temurin:${tag} is not in the catalog`);
  const ref = `eclipse-temurin:${tag}`;
  const from = ctx.catalog.size(repo, stage.image!.parsed!.tag ?? 'latest');
  const to = ctx.catalog.size('eclipse-temurin', tag);
  const estimate: FindingDraft['estimate'] =
    from?.uncompressed && to?.uncompressed && from.uncompressed > to.uncompressed
      ? {
          bytes: from.uncompressed - to.uncompressed,
          basis: 'catalog',
          note: `base image sizes: ${from.source}; ${to.source}`,
        }
      : {
          bytes: null,
          basis: 'heuristic',
          note: `the JDK and ${repo} are not shipped; the image sizes are not both in the catalog`,
        };
  return {
    finding: {
      code: 'split-java-final',
      message: `The final stage only runs \`java -jar ${path}\`, a jar copied from the build stage \`${copy.from.name ?? copy.from.index}\`, so it runs on ${ref} (a JRE of the same Java version) instead of ${stage.image!.raw} (JDK + ${repo}).`,
      span,
      lock: span,
      edits: [{ start: stage.image!.span.start, end: stage.image!.span.end, text: ref }],
      estimate,
      warnings: [
        ...(st === 'past' ? [`${ref} is no longer updated upstream`] : []),
        `${ref} is Ubuntu-based with a JRE only: javac, jar tools and ${repo} are gone; programs that compile at run time (JSP, some scripting engines) need the JDK`,
      ],
    },
  };
}

/**
 * A final stage still on the .NET SDK image that only runs `dotnet <App>.dll` copied from a publish
 * stage moves to the aspnet (web) or runtime image of the same tag, in place.
 */
export function rebaseDotnetFinal(
  doc: SourceDockerfile,
  stage: Stage,
  facts: StageFacts,
  ctx: Context,
  span: Span,
): RebaseResult | null {
  if (commandsNamed(facts, ['dotnet']).length) return null;
  const argv = facts.argv;
  if (!argv || argv[0] !== 'dotnet' || !argv[1]?.endsWith('.dll')) return null;
  const copies = stageCopies(doc, facts);
  if (copies === null)
    return {
      skip: {
        code: 'uncertain',
        detail: 'a COPY --from of this stage uses JSON form, wildcards or a variable, so what it copies is not known',
      },
    };
  const dll = argv[1].startsWith('/')
    ? posix.normalize(argv[1])
    : facts.finalWorkdir
      ? posix.join(facts.finalWorkdir, argv[1])
      : null;
  // A published folder is usually copied whole (`COPY --from=build /app/out .`): the dll is inside the destination.
  const copy = dll
    ? copies.find((c) => c.targets.some((t) => t.path === dll || t.path === posix.dirname(dll)))
    : undefined;
  if (!copy) return null;
  const skip = (code: SkipReason['code'], detail: string): RebaseResult => ({ skip: { code, detail } });
  if (stage.image!.variables.length) return skip('variable', `the image ${stage.image!.raw} uses a variable`);
  const odd = runNeedingOldImage(stage, facts);
  if (odd)
    return skip(
      'needs-toolchain',
      `the stage has a RUN (line ${doc.lines.lineAt(odd.span.start) + 1}) that may need the SDK or packages of ${stage.image!.raw}`,
    );
  if (stage.instructions.some((i) => i.keyword === 'HEALTHCHECK' && !/^\s*NONE\b/i.test(facts.logical(i)))) {
    return skip('uncertain', `the HEALTHCHECK may use a tool of ${stage.image!.raw} that the runtime image lacks`);
  }
  const web = dotnetWeb(facts, argv);
  const cand = dotnetRuntime(ctx, stage.image!.parsed!.tag, web);
  if (typeof cand === 'string') return skip('no-target', cand);
  const u = facts.user ? facts.logical(facts.user) : null;
  const major = Number(/^(\d+)/.exec(cand.tag)?.[1] ?? 0);
  const created = (name: string) =>
    facts.commands.some((c) => /^(useradd|groupadd)$/.test(c.cmd.name?.value ?? '') && c.args.includes(name));
  const known = (name: string) =>
    /^(root|0|\d+)$/.test(name) || created(name) || (major >= 8 && /^(app|\$APP_UID|\$\{APP_UID\})$/.test(name));
  if (u !== null && !u.split(':').every(known))
    return skip('uncertain', `the stage runs as ${u}, a user the runtime image may not have`);
  const ref = `${cand.repository}:${cand.tag}`;
  return {
    finding: {
      code: 'split-dotnet-final',
      message: `The final stage only runs \`dotnet ${argv[1]}\`, published in the build stage \`${copy.from.name ?? copy.from.index}\`, so it runs on ${ref} instead of the SDK image ${stage.image!.raw}. ${(web ? DOTNET_FLAVOUR_NOTE.web : DOTNET_FLAVOUR_NOTE.console).replace(/^./, (c) => c.toUpperCase())}.${stage.image!.parsed!.path.includes('/core/') ? ' The old `dotnet/core/` repository name maps to `dotnet/` (renamed in 2020).' : ''}`,
      span,
      lock: span,
      edits: [{ start: stage.image!.span.start, end: stage.image!.span.end, text: ref }],
      estimate: {
        bytes: null,
        basis: 'heuristic',
        note: 'the .NET SDK (compilers, NuGet, MSBuild) is not shipped; the image sizes are not in the catalog',
      },
      warnings: [
        ...(cand.status === 'past' ? [`${ref} is no longer updated (the .NET version is out of support)`] : []),
        'the dotnet CLI on the runtime image runs apps only: `dotnet ef`, `dotnet tool` and other SDK commands are gone',
      ],
    },
  };
}

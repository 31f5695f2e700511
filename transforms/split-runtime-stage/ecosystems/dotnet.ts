/** .NET: a `dotnet publish` folder shipped on the aspnet or runtime image of the SDK's tag. */
import { posix } from 'node:path';
import type { Context, SkipReason } from '../../../src/engine/types.js';
import { DEBIAN_SUITES, parseTag } from '../../../src/catalog/variants.js';
import { type Ecosystem, type PlanInput, type PlanResult, type RebaseInput, type RebaseResult } from '../ecosystem.js';
import { runNeedingOldImage, stageCopies, unreadableCopy } from '../final-stage.js';
import {
  appFiles,
  flagValue,
  keyValues,
  otherPackages,
  outermost,
  runtimeCandidate,
  skeleton,
  skip,
} from '../plan-helpers.js';
import { commandsNamed, type StageCommand, type StageFacts } from '../stage-facts.js';

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
function planDotnet({ facts, ctx, argv, tag }: PlanInput): PlanResult {
  const version = /^\d+\.\d+$/.exec(parseTag(tag).version ?? '')?.[0] ?? null;
  const web = dotnetWeb(facts, argv);
  const flavour = web ? 'aspnet' : 'runtime';
  const hint = skeleton(`mcr.microsoft.com/dotnet/${flavour}:${version ?? '<version>'}`, '/app/publish');
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
  if (c.context.compound || c.context.pipeline || c.context.subshell)
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

/**
 * A final stage still on the .NET SDK image that only runs `dotnet <App>.dll` copied from a publish
 * stage moves to the aspnet (web) or runtime image of the same tag, in place.
 */
function rebaseDotnetFinal({ doc, stage, facts, ctx, span }: RebaseInput): RebaseResult | null {
  if (commandsNamed(facts, ['dotnet']).length) return null;
  const argv = facts.argv;
  if (!argv || argv[0] !== 'dotnet' || !argv[1]?.endsWith('.dll')) return null;
  const copies = stageCopies(doc, facts);
  if (copies === null) return unreadableCopy();
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
    facts.commands.some((c) => /^(useradd|groupadd)$/.test(c.name) && c.args.includes(name));
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

const dotnet: Ecosystem = {
  id: 'dotnet',
  owns: (repo) => repo === 'mcr.microsoft.com/dotnet/sdk' || repo === 'mcr.microsoft.com/dotnet/core/sdk', // .NET Core 2.x/3.x name until 2020
  plan: planDotnet,
  rebaseFinal: rebaseDotnetFinal,
};
export default dotnet;

/** The split transform's output: the build stage keeps the toolchain, a new runtime stage ships the plan's artifacts. */
import type { Context, Edit, FindingDraft, Span } from '../../src/engine/types.js';
import type { InstructionNode, SourceDockerfile, Stage } from '../../src/parse/document.js';
import { formatExecForm } from '../../src/shell/exec-form.js';
import { type Plan } from './ecosystem.js';
import { SPA_CONFIG_RUN, type StaticSite } from './ecosystems/static-site.js';
import { baseSwapEstimate, keyValues, PATH_DIRS } from './plan-helpers.js';
import { healthcheckNeeds } from './healthcheck.js';
import { parseTag } from '../../src/catalog/variants.js';
import { posix } from 'node:path';
import { commandsNamed, writesOutside, type StageFacts } from './stage-facts.js';

/** Instructions that only describe the running container: they move to the runtime stage. */
const RUNTIME_ONLY = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'STOPSIGNAL', 'LABEL', 'MAINTAINER']);
/** Instructions that matter to both: moved when nothing is built after them, else kept and repeated. */
const BOTH = new Set(['USER', 'VOLUME']);
const BUILD_STEPS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);
/** Users every Debian-based image has, and users the official images add. */
/** Commands every non-distroless runtime image has (POSIX shell, coreutils, grep). */
const RUNTIME_BASICS = ['sh', 'exit', 'test', '[', 'true', 'false', 'echo', 'printf', 'cat', 'grep', 'ls', 'kill'];
/** The language runtime's own commands in each ecosystem's runtime image. */
const RUNTIME_COMMANDS: Record<Plan['ecosystem'], string[]> = {
  go: [],
  rust: [],
  node: ['node', 'npm', 'npx', 'yarn'],
  python: ['python', 'python3', 'pip', 'pip3'],
  java: ['java'],
  dotnet: ['dotnet'],
};
const KNOWN_USERS = new Set(['root', 'nobody', 'daemon', 'www-data', 'node', 'nonroot']);

export function render(
  doc: SourceDockerfile,
  stage: Stage,
  facts: StageFacts,
  plan: Plan,
  ctx: Context,
  span: Span,
  skipped: (code: NonNullable<FindingDraft['skipped']>['code'], detail: string) => FindingDraft[],
): FindingDraft[] {
  const eol = doc.eol;
  const text = doc.text;
  const ins = stage.instructions;
  const lineStartOf = (i: InstructionNode) =>
    doc.lines.starts[doc.lines.lineAt((i.leadingComments[0]?.span ?? i.span).start)];
  const lineEndOf = (i: InstructionNode) => doc.lines.lineEnd(doc.lines.lineAt(i.span.end));
  const kw = (i: InstructionNode) => text.slice(i.keywordSpan.start, i.keywordSpan.end);
  const comments = (i: InstructionNode) =>
    i.leadingComments.length ? text.slice(lineStartOf(i), doc.lines.starts[doc.lines.lineAt(i.span.start)]) : '';

  // Files the build leaves outside what the runtime stage copies would be lost.
  const lost = writesOutside(facts, [...plan.copies, ...plan.ownPaths]);
  if (lost) return skipped('uncertain', `a RUN writes ${lost}, outside the folders the runtime stage would copy`);

  // The build stage's name.
  const name = buildStageName(doc, stage);
  if (!name) return skipped('uncertain', 'no free stage name for the build stage');

  const edits: Edit[] = [...plan.builderEdits];
  if (!stage.name)
    edits.push({ start: stage.from.span.end, end: stage.from.span.end, text: ' AS build'.replace('build', name) });
  if (plan.builderInsert) {
    const at = lineStartOf(ins[plan.builderInsert.beforeIndex]);
    edits.push({ start: at, end: at, text: plan.builderInsert.lines.map((l) => l + eol).join('') });
  }

  // Which instructions move, which are repeated.
  const runtimeText: string[] = [];
  const deletions: Span[] = [];
  const carried: InstructionNode[] = [];
  const warnings = [...plan.warnings];
  let userLine: string | null = null;
  let userCreate: string | null = null;
  let runtimeInstall: string | null = null;
  ins.forEach((node, i) => {
    if (RUNTIME_ONLY.has(node.keyword)) {
      deletions.push(fullLines(doc, lineStartOf(node), lineEndOf(node)));
      carried.push(node);
    } else if (BOTH.has(node.keyword)) {
      const later = ins.slice(i + 1).some((n) => BUILD_STEPS.has(n.keyword));
      if (!later) deletions.push(fullLines(doc, lineStartOf(node), lineEndOf(node)));
      carried.push(node);
    }
  });
  if (facts.user) {
    const u = facts.logical(facts.user);
    const userName = u.split(':')[0];
    if (plan.runtime.distroless) {
      if (!/^(root|0|nonroot|65532)$/.test(userName) && !/^\d+$/.test(userName)) {
        const prepared = volumePaths(facts).length || commandsNamed(facts, ['chown', 'chmod']).length;
        if (prepared)
          return skipped(
            'uncertain',
            `the stage runs as ${u} and prepares folders for it (VOLUME, chown or chmod); on distroless it would run as nonroot (65532), which does not own them`,
          );
        userLine = 'USER nonroot';
        warnings.push(
          `USER ${u} becomes the distroless image's nonroot user (65532): files the app writes must be writable by it`,
        );
      }
    } else if (!KNOWN_USERS.has(userName) && !plan.knownUsers?.includes(userName) && !/^\d+(:\d+)?$/.test(u)) {
      // Only a command written as itself can be repeated as written (no sudo, not inside a `sh -c` string).
      const create = commandsNamed(facts, ['useradd', 'adduser', 'groupadd', 'addgroup']).filter(
        (c) => c.direct && c.args.some((a) => a !== null && u.split(':').includes(a)),
      );
      if (!create.length)
        return skipped(
          'uncertain',
          `the stage runs as ${u}, which is not created in a way that can be repeated in the runtime stage`,
        );
      const texts: string[] = [];
      for (const c of create) {
        const body = c.ins.run!.shell!;
        const item = body.script.chain[c.cmd.chainIndex];
        if (item?.simple !== c.cmd || c.args.includes(null))
          return skipped('uncertain', `the user ${u} is created inside a compound command`);
        texts.push(body.text.slice(c.cmd.span.start, c.cmd.span.end));
      }
      userCreate = `RUN ${texts.join(' && ')}`;
    }
  }

  // A VOLUME not under a copied folder is created as root in the runtime stage: a non-root program cannot write it.
  const runUser = userLine ? 'nonroot' : facts.user ? facts.logical(facts.user).split(':')[0] : null;
  if (runUser !== null && !/^(root|0)$/.test(runUser)) {
    const fresh = volumePaths(facts).find((v) => !plan.copies.some((c) => v === c || v.startsWith(c + '/')));
    if (fresh)
      return skipped(
        'uncertain',
        `the program runs as ${runUser} and writes into VOLUME ${fresh}, which the runtime stage would create as root (the build stage's RUN steps that prepared it stay behind)`,
      );
  }

  // What the HEALTHCHECK calls must be in the runtime image: installed there (curl, wget) or the check is not split.
  const runtimeRef = `${plan.runtime.repository}:${plan.runtime.tag}`;
  const notes = [...plan.notes];
  const toolInstall: string[] = [];
  const hc = ins.filter((n) => n.keyword === 'HEALTHCHECK').pop();
  const needs = hc ? healthcheckNeeds(facts, hc) : null;
  if (needs) {
    const alpine = parseTag(plan.runtime.tag).alpine;
    const own = new Set(plan.copies.map((c) => posix.basename(c)));
    if (needs.unknown)
      return skipped('uncertain', 'the HEALTHCHECK command cannot be read, so what it needs at run time is not known');
    if (plan.runtime.distroless && (needs.shell || needs.commands.some((c) => !own.has(c))))
      return skipped(
        'needs-toolchain',
        `the HEALTHCHECK runs \`${needs.shell ? 'sh' : needs.commands[0]}\`${needs.commands.length ? ` (${[...new Set(needs.commands)].join(', ')})` : ''}, which ${runtimeRef} does not have (no shell, curl or wget)`,
      );
    const present = new Set([
      ...RUNTIME_BASICS,
      ...(alpine ? ['wget'] : ['bash']),
      ...RUNTIME_COMMANDS[plan.ecosystem],
      ...own,
    ]);
    for (const c of new Set(needs.commands)) {
      if (present.has(c)) continue;
      if (c !== 'curl' && c !== 'wget')
        return skipped(
          'needs-toolchain',
          `the HEALTHCHECK runs \`${c}\`, which ${runtimeRef} may not have and which cannot be carried over`,
        );
      toolInstall.push(c);
    }
    if (toolInstall.length) {
      runtimeInstall = alpine
        ? `RUN apk add --no-cache ${toolInstall.join(' ')}`
        : `RUN apt-get update && apt-get install -y --no-install-recommends ${toolInstall.join(' ')} && rm -rf /var/lib/apt/lists/*`;
      notes.push(
        `the HEALTHCHECK calls ${toolInstall.join(' and ')}, which ${runtimeRef} lacks: the runtime stage installs it`,
      );
    }
  }

  // Runtime stage text.
  runtimeText.push(`FROM ${runtimeRef}`);
  const carriedText = carried.map((n) => text.slice(n.span.start, n.span.end)).join('\n');
  for (const node of ins) {
    if (node.keyword === 'ARG') {
      const names = keyValues(facts.logical(node)).map(([k]) => k);
      if (names.some((n) => new RegExp(`\\$\\{?${n}\\b`).test(carriedText)))
        runtimeText.push(text.slice(node.span.start, node.span.end));
    } else if (node.keyword === 'ENV') {
      const keys = keyValues(facts.logical(node)).map(([k]) => k);
      if (keys.length && keys.every((k) => plan.buildOnlyEnv.test(k))) continue;
      runtimeText.push(text.slice(node.span.start, node.span.end));
    }
  }
  const wd = facts.finalWorkdir;
  if (wd && (wd !== '/' || plan.runtime.distroless)) runtimeText.push(`WORKDIR ${wd}`);
  for (const p of plan.copies) {
    if (/[\s"'$\\]/.test(p)) return skipped('uncertain', `the path ${p} needs quoting`);
    runtimeText.push(`COPY --from=${name} ${p} ${p}`);
  }
  runtimeText.push(...plan.runtimePrelude);
  if (runtimeInstall) runtimeText.push('# slimify: the HEALTHCHECK needs it', runtimeInstall);
  if (userCreate) runtimeText.push(userCreate);
  for (const node of carried) {
    let body = text.slice(node.span.start, node.span.end);
    if (node.keyword === 'USER' && userLine) body = `${kw(node)} nonroot`;
    if (plan.runtime.distroless && (node.keyword === 'CMD' || node.keyword === 'ENTRYPOINT') && !node.json) {
      const pc = node.keyword === 'CMD' ? facts.cmd : facts.entrypoint;
      if (pc?.ins !== node) {
        if (node.keyword === 'CMD' && facts.entrypoint?.form === 'shell') continue; // ignored by Docker already
        return skipped('uncertain', `an earlier shell-form ${node.keyword} cannot run on a base without a shell`);
      }
      if (!pc.argv)
        return skipped(
          'needs-toolchain',
          `the shell-form ${node.keyword} needs a shell, which ${runtimeRef} does not have`,
        );
      body = `${kw(node)} ${formatExecForm(pc.argv)}`;
    }
    // A bare program name found through the build image's PATH (golang's /go/bin) is not on the
    // distroless PATH: name the copied file by its absolute path (audit seed 44, E10).
    // (A CMD under an ENTRYPOINT holds its arguments, not a program.)
    if (plan.runtime.distroless && (node.keyword === 'ENTRYPOINT' || (node.keyword === 'CMD' && !facts.entrypoint))) {
      const pc = node.keyword === 'CMD' ? facts.cmd : facts.entrypoint;
      const argv = pc?.ins === node ? pc.argv : null;
      if (argv?.length && !argv[0].includes('/')) {
        const copied = plan.copies.find((c) => posix.basename(c) === argv[0]);
        if (copied && !PATH_DIRS.includes(posix.dirname(copied)))
          body = `${kw(node)} ${formatExecForm([copied, ...argv.slice(1)])}`;
        else if (!copied)
          return skipped(
            'uncertain',
            `the ${node.keyword} runs \`${argv[0]}\` by name, which is not a file the runtime stage copies and ${runtimeRef} has almost nothing on its PATH`,
          );
      }
    }
    const c = comments(node);
    runtimeText.push(
      ...(c
        ? [
            c
              .replace(/\r?\n$/, '')
              .split(/\r?\n/)
              .join(eol),
          ]
        : []),
      body.split(/\r?\n/).join(eol),
    );
  }

  // The new text goes at the end of the file, after the (now shorter) build stage.
  const block = [...plan.builderAppend, '', ...runtimeText];
  const insertion = doc.finalNewline ? block.map((l) => l + eol).join('') : eol + block.join(eol);
  const tail = fixTail(doc, deletions);
  edits.push(...mergeAtEnd(tail, { start: text.length, end: text.length, text: insertion }));
  edits.sort((a, b) => a.start - b.start);

  const builderImage = stage.image!.raw;
  const what = {
    go: 'Go binary',
    node: 'app with production dependencies',
    python: 'virtualenv and app',
    java: 'jar',
    rust: 'binary',
    dotnet: 'published app',
  }[plan.ecosystem];
  const bytes = estimate(ctx, stage, plan);
  // Safe-tier only on the plan's evidence and when rendering added no warning of its own (a USER mapped to nonroot).
  const added = warnings.slice(plan.warnings.length);
  const tier =
    plan.proof && !added.length
      ? { tier: 'safe' as const }
      : {
          tierReason: added.length ? { code: 'uncertain' as const, detail: added[0] } : (plan.unproven ?? UNPROVEN),
        };
  return [
    {
      ...tier,
      code: `split-${plan.ecosystem}`,
      message: `Ships only the ${what} on ${runtimeRef}; the ${builderImage} toolchain stays in the build stage \`${name}\`. ${notes.map((n) => n[0].toUpperCase() + n.slice(1)).join('. ')}.${'tier' in tier ? ` Proven by the build context: ${plan.proof}.` : ''}`,
      span,
      lock: { start: span.start, end: text.length },
      edits,
      estimate: bytes,
      warnings: warnings.length ? warnings : undefined,
    },
  ];
}

/** Why a split without evidence needs the review tier. */
export const UNPROVEN = {
  code: 'uncertain' as const,
  detail:
    'nothing in the build context proves that the runtime stage has all the program needs (slimify proves this for Go, Python, Node and Java builds only)',
};

/** The final stage's name, or a free name for it (`build`, `builder`, `build-stage`); null when all are taken. */
function buildStageName(doc: SourceDockerfile, stage: Stage): string | null {
  const taken = new Set(doc.stages.filter((s) => s !== stage).map((s) => s.name?.toLowerCase()));
  return stage.name ?? ['build', 'builder', 'build-stage'].find((n) => !taken.has(n)) ?? null;
}

/**
 * Static front end: the stage stays as it is (named `build`) and a new nginx stage serves the built
 * folder. CMD/EXPOSE/USER/ENV stay in the build stage, where they are inert; LABELs are repeated.
 */
export function renderStatic(
  doc: SourceDockerfile,
  stage: Stage,
  facts: StageFacts,
  site: StaticSite,
  ctx: Context,
  span: Span,
  skipped: (code: NonNullable<FindingDraft['skipped']>['code'], detail: string) => FindingDraft[],
): FindingDraft[] {
  const eol = doc.eol;
  const name = buildStageName(doc, stage);
  if (!name) return skipped('uncertain', 'no free stage name for the build stage');
  const runtimeRef = `${site.runtime.repository}:${site.runtime.tag}`;
  const lines = ['', `FROM ${runtimeRef}`];
  for (const node of stage.instructions) {
    if (node.keyword === 'LABEL' || node.keyword === 'MAINTAINER')
      lines.push(doc.text.slice(node.span.start, node.span.end).split(/\r?\n/).join(eol));
  }
  lines.push(`COPY --from=${name} ${site.outDir} /usr/share/nginx/html`);
  if (site.spa)
    lines.push(
      '# slimify: answer index.html for unknown paths (client-side routing), as `serve -s` did',
      SPA_CONFIG_RUN,
    );
  lines.push('EXPOSE 80');
  const insertion = doc.finalNewline ? lines.map((l) => l + eol).join('') : eol + lines.join(eol);
  const edits: Edit[] = [{ start: doc.text.length, end: doc.text.length, text: insertion }];
  if (!stage.name) edits.unshift({ start: stage.from.span.end, end: stage.from.span.end, text: ` AS ${name}` });
  const warnings = [
    `the container now listens on port 80 (nginx) instead of ${site.oldPort} (${site.server}): update port mappings, Service targetPorts and health checks`,
    site.spa
      ? "client-side routing is kept with a `try_files $uri $uri/ /index.html` server block (replacing nginx's default.conf)"
      : `${site.server} was not in single-page mode; if the app uses client-side routing, add a \`try_files $uri $uri/ /index.html\` nginx config`,
  ];
  if (facts.user)
    warnings.push('the USER stays in the build stage: nginx starts as root and runs its workers as the `nginx` user');
  const estimate = baseSwapEstimate(
    ctx,
    { repository: stage.image!.official ?? stage.image!.parsed!.path, tag: stage.image!.parsed!.tag ?? 'latest' },
    site.runtime,
    {
      uncounted: 'node_modules and the built files are not counted',
      unknown: 'node, node_modules and the sources are not shipped; only the built files on nginx',
    },
  );
  return [
    {
      code: 'split-static',
      message: `Serves the built front end (${site.outDir}, from \`${site.build}\`) with ${runtimeRef} instead of \`${site.server}\` on ${stage.image!.raw}; Node, node_modules and the sources stay in the build stage \`${name}\`.`,
      span,
      lock: { start: span.start, end: doc.text.length },
      edits,
      estimate,
      warnings,
    },
  ];
}

/** Whole lines [start, end) plus the line break after them. */
function fullLines(doc: SourceDockerfile, start: number, lineEnd: number): Span {
  let end = lineEnd;
  if (doc.text.startsWith('\r\n', end)) end += 2;
  else if (doc.text[end] === '\n') end += 1;
  return { start, end };
}

/** Sorts and merges deletions; at the end of a file without final newline, takes the line break before the last one. */
function fixTail(doc: SourceDockerfile, deletions: Span[]): Span[] {
  const sorted = [...deletions].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const d of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && d.start <= prev.end) prev.end = Math.max(prev.end, d.end);
    else merged.push({ ...d });
  }
  const last = merged[merged.length - 1];
  if (last && last.end === doc.text.length && !doc.finalNewline && last.start > 0) {
    last.start -= doc.text.slice(0, last.start).endsWith('\r\n') ? 2 : 1;
  }
  return merged;
}

function mergeAtEnd(deletions: Span[], insertion: Edit): Edit[] {
  const out: Edit[] = deletions.map((d) => ({ ...d, text: '' }));
  const last = out[out.length - 1];
  if (last && last.end === insertion.start) last.text = insertion.text;
  else out.push(insertion);
  return out;
}

function estimate(ctx: Context, stage: Stage, plan: Plan): FindingDraft['estimate'] {
  const p = stage.image!.parsed!;
  return baseSwapEstimate(ctx, { repository: stage.image!.official ?? p.path, tag: p.tag ?? 'latest' }, plan.runtime, {
    uncounted: 'the artifact itself is not counted',
    unknown: 'the toolchain image is not shipped; its size is not in the catalog',
  });
}

/** The paths of the stage's VOLUME instructions (JSON or space-separated form). */
function volumePaths(facts: StageFacts): string[] {
  return facts.stage.instructions
    .filter((i) => i.keyword === 'VOLUME')
    .flatMap((i) => {
      if (i.json) {
        try {
          const v = JSON.parse(facts.logical(i)) as unknown;
          if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
        } catch {
          // not JSON after all: the words below
        }
      }
      return i.args.map((a) => a.value);
    })
    .map((p) => posix.normalize(p).replace(/(.)\/$/, '$1'));
}

/**
 * The base switch shared by transforms/slim-base and transforms/alpine-base: for each stage, find
 * the smaller variant of its base image (variants.ts), make sure the catalog lists it, make sure the
 * stage still builds on it (stage-use.ts), and edit only the tag text (or the ARG default that feeds
 * it). Every stage it looks at and does not change gets a finding with a typed skip reason.
 */
import type { SourceDockerfile, Stage, InstructionNode } from '../parse/document.js';
import type { Context, Edit, Estimate, FindingDraft, SkipReason, Span } from '../engine/types.js';
import type { Catalog } from '../catalog/catalog.js';
import { parseReference, officialName, repositoryName } from '../parse/image-ref.js';
import { normalizeRepository } from '../catalog/load.js';
import {
  alpineCandidates,
  familyOf,
  isMinimalTag,
  parseTag,
  slimCandidates,
  type Candidate,
  type CandidateResult,
} from '../catalog/variants.js';
import { analyzeStage, baseName, label, type StageUse } from './stage-use.js';
import { notInFinalImage } from '../parse/stage-ships.js';
import { FAT_ONLY_COMMANDS, NODE_FAT_ONLY, PACKAGE_COMMANDS } from './packages.js';
import { alpineRewrite } from './alpine.js';
import { judgeHidden } from './context-evidence.js';
import { nativeBuildSigns, toolchainImage } from './native-build.js';
import type { SwitchOptions } from './switch-options.js';
import { skipFinding } from '../engine/skip-finding.js';

export type { DependencyPolicy, SwitchOptions } from './switch-options.js';

/** Reads the transform options (`transforms.<id>` in the config file). */
export function switchOptions(transform: string, target: 'slim' | 'alpine', ctx: Context): SwitchOptions {
  const dep = ctx.options.dependencies;
  return {
    transform,
    target,
    dependencies: dep === 'prebuilt' || dep === 'compile' ? dep : 'skip',
    builders: ctx.options.builders === true,
  };
}

const JDK_TOOLS =
  /(^|[\s"'/;&|(])(javac|jar|jlink|jpackage|jshell|jdeps|jmod|jcmd|jmap|jstack|jstat|jdb|javadoc|mvn|mvnw|gradle|gradlew|ant|sbt|native-image)(?=$|[\s"',;&|)])/m;

export function baseSwitchFindings(doc: SourceDockerfile, ctx: Context, opts: SwitchOptions): FindingDraft[] {
  const findings: FindingDraft[] = [];
  const shipping = shippingStages(doc);
  for (const stage of doc.stages) {
    const f = stageFinding(doc, stage, ctx, opts, shipping);
    if (f) findings.push(f);
  }
  return findings;
}

/** Stages whose files end up in the final image: the last stage and the stages it is built FROM. */
export function shippingStages(doc: SourceDockerfile): Set<number> {
  return new Set(doc.stages.filter((s) => s.reachesFinal).map((s) => s.index));
}

function stageFinding(
  doc: SourceDockerfile,
  stage: Stage,
  ctx: Context,
  opts: SwitchOptions,
  shipping: Set<number>,
): FindingDraft | null {
  const image = stage.image;
  if (!image) return null; // FROM <stage>, FROM scratch
  const span = stage.from.span;
  const skip = (code: SkipReason['code'], detail: string, extra: Partial<Pick<FindingDraft, 'estimate'>> = {}) =>
    skipFinding({ code: 'base-not-switched' }, span, code, detail, `${image.raw} was not switched: ${detail}`, extra);

  if (doc.template && image.raw.includes('%%')) return skip('template', 'the reference is a %%PLACEHOLDER%% template');
  // The reference as the build will see it.
  const parsed = image.parsed;
  if (!parsed) {
    const literal = parseReference(image.raw.replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*.*$/, ''));
    const repo = officialName(literal);
    if (repo && familyOf(repo) !== 'other' && ctx.catalog.hasImage(repo)) {
      return skip(
        'variable',
        `the reference uses ${image.variables.map((v) => '$' + v).join(', ')} with no default before the first FROM`,
      );
    }
    return null;
  }
  const official = officialName(parsed);
  const repository = official ?? normalizeRepository(repositoryName(parsed));
  const fam = familyOf(repository);
  if (fam === 'minimal' || isMinimalTag(repository, parsed.tag)) return null;
  if (!ctx.catalog.hasImage(repository)) {
    if (fam === 'other' && !official)
      return skip('unknown-image', `${repositoryName(parsed)} is not in the catalog (private or third-party image)`);
    return null;
  }
  if (stage.windows) return fam === 'other' ? null : skip('no-target', 'Windows images are left alone');

  const result: CandidateResult =
    opts.target === 'alpine' ? alpineCandidates(repository, parsed.tag) : slimCandidates(repository, parsed.tag);
  if (result.kind === 'minimal') return null;
  if (result.kind === 'none') return fam === 'other' ? null : skip('no-target', result.why);

  // The user's tag and the candidate must both be listed; past-only candidates only for past tags.
  const userTag = parsed.tag ?? 'latest';
  const userStatus = ctx.catalog.tagStatus(repository, userTag);
  if (userStatus === 'never')
    return skip(
      'uncertain',
      `${repository}:${userTag} is not a tag the catalog knows (never listed in the library file)`,
    );
  let chosen: Candidate | null = null;
  const tried: string[] = [];
  for (const c of result.candidates) {
    const st = ctx.catalog.tagStatus(c.repository, c.tag);
    tried.push(`${c.repository}:${c.tag} (${st === 'never' ? 'never listed' : st})`);
    if (st === 'current' || (st === 'past' && userStatus === 'past')) {
      chosen = c;
      break;
    }
  }
  if (!chosen) return skip('no-target', `no listed smaller variant: ${tried.join(', ')}`);
  const target = `${chosen.repository}:${chosen.tag}`;

  if (parsed.digest) {
    return skip(
      'digest',
      `the reference is pinned by digest; ${target} exists, but switching needs a new digest for it (e.g. from \`docker buildx imagetools inspect ${target}\`)`,
      {
        estimate: estimate(ctx.catalog, repository, userTag, chosen),
      },
    );
  }

  if (!shipping.has(stage.index) && stage.usedBy.length > 0 && !opts.builders) {
    return skip(
      'builder-stage',
      `stage ${label(stage)} is a builder: its output is copied into other stages, so its base does not count in the final image size (set transforms.${opts.transform}.builders to switch it anyway)`,
    );
  }

  // A stage nothing copies from or builds on that is not the last stage (a test or lint stage): its base never ships.
  if (!shipping.has(stage.index) && stage.usedBy.length === 0) {
    return skip('no-saving', `${notInFinalImage(doc, stage)}; its base image never ships`);
  }

  // Does the stage still build on the smaller base?
  const use = analyzeStage(doc, stage);
  if (use.blockers.length) return skip(use.blockers[0].code, use.blockers[0].detail);
  const language = fam === 'slim-before-suite' || fam === 'slim-after-suite';
  if (opts.target === 'slim' && (language || fam === 'temurin' || fam === 'openjdk')) {
    const toolchain = toolchainImage(doc, use);
    if (toolchain) return skip('needs-toolchain', `${repository}:${userTag} is kept whole: ${toolchain}`);
  }
  const check = opts.target === 'alpine' ? null : slimRequirements(repository, fam, chosen, use, opts, ctx);
  if (check && 'skip' in check) return skip(check.skip.code, check.skip.detail);
  // Class 5: a stage that compiles native code keeps its full base in the safe tier.
  const signs = opts.target === 'slim' && language ? [...nativeBuildSigns(use), ...(check?.compiles ?? [])] : [];
  const manless = opts.target === 'slim' && chosen.kind === 'slim' ? slimWithoutManDirs(chosen, use, ctx) : null;
  const tierReason: SkipReason | null = signs.length
    ? {
        code: 'needs-toolchain',
        detail: `the stage compiles native code (${[...new Set(signs)].join('; ')}), so the safe tier keeps ${repository}:${userTag} with its compilers and headers; --level review switches it`,
      }
    : manless
      ? { code: 'uncertain', detail: manless }
      : null;

  const plan = planEdits(doc, stage, parsed.tag, chosen, ctx);
  if ('skip' in plan) return skip(plan.skip.code, plan.skip.detail);

  const warnings = [...plan.warnings];
  const notes: string[] = [];
  const edits = [...plan.edits];
  let installed: string[] = [];
  if (opts.target === 'alpine') {
    const a = alpineRewrite(doc, stage, use, opts);
    if ('skip' in a) return skip(a.skip.code, a.skip.detail);
    edits.push(...a.edits);
    warnings.push(...a.warnings);
    installed = a.installed;
  } else if (check && check.install.length) {
    installed = check.install;
    const from = stage.from;
    edits.push({
      start: from.span.end,
      end: from.span.end,
      text: `${doc.eol}RUN apt-get update && apt-get install -y --no-install-recommends ${check.install.join(' ')} && rm -rf /var/lib/apt/lists/*`,
    });
    notes.push(
      `installs ${check.install.join(', ')} (the full image had ${check.install.length > 1 ? 'them' : 'it'}: ${check.why.join('; ')})`,
    );
  }
  if (check) warnings.push(...check.warnings);
  if (check?.evidence.length) notes.push(...check.evidence);

  const userStatusWarn = userStatus === 'past' || ctx.catalog.tagStatus(chosen.repository, chosen.tag) === 'past';
  if (userStatusWarn && ctx.catalog.tagStatus(chosen.repository, chosen.tag) === 'past') {
    const last = ctx.catalog.lastListed?.(chosen.repository, chosen.tag);
    warnings.push(
      `${target} is frozen: it was last listed${last ? ` on ${last}` : ''} in docker-library/official-images and gets no security updates (${repository}:${userTag} is frozen too)` +
        (stage.from.flags.some((f) => f.name === 'platform') ? '; a frozen tag may not exist for every platform' : ''),
    );
  }
  const dep = ctx.catalog.deprecation?.(repository);
  if (dep && chosen.repository !== repository) warnings.push(`${repository} is ${dep}`);

  const kind = chosen.kind;
  const what =
    kind === 'jre' && chosen.repository !== repository
      ? `${repository} is deprecated; the stage only runs Java, so ${target} (a maintained JRE) replaces it`
      : kind === 'jre'
        ? `the stage only runs Java, so the JRE variant ${target} is enough`
        : kind === 'alpine'
          ? `the stage's packages all exist on Alpine, so ${target} (musl, apk) is enough`
          : fam === 'debian'
            ? `${target} is the same release without documentation, man pages and translations, which a container does not need`
            : `${target} is the same distribution and package manager without the compilers, headers and tools of the full image, which the stage does not use`;
  const merged = mergeTouching(edits);
  const whole = {
    start: Math.min(plan.span.start, ...merged.map((e) => e.start)),
    end: Math.max(plan.span.end, ...merged.map((e) => e.end)),
  };
  const builderNote =
    !shipping.has(stage.index) && stage.usedBy.length > 0 ? ' (builder stage, switched because builders is set)' : '';
  return {
    code:
      kind === 'alpine'
        ? 'switch-to-alpine'
        : kind === 'jre'
          ? chosen.repository !== repository
            ? 'replace-openjdk'
            : 'switch-to-jre'
          : 'switch-to-slim',
    message: `${image.resolved ?? image.raw} -> ${plan.newRef}${builderNote}: ${what}${notes.length ? '; ' + notes.join('; ') : ''}.`,
    span: whole,
    edits: merged,
    estimate: estimate(ctx.catalog, repository, userTag, chosen, installed),
    ...(warnings.length ? { warnings } : {}),
    ...(tierReason ? { tier: 'review' as const, tierReason } : {}),
  };
}

/** Debian's slim images keep the empty /usr/share/man/man* folders since debuerreotype#116 (merged 2021-07-30, in the images from the next rebuild). */
const MAN_DIRS_KEPT_SINCE = '2021-09-01';
const SUITES_BEFORE_FIX = new Set(['wheezy', 'jessie', 'stretch']);

/**
 * Why a slim target built before Debian's slim images kept /usr/share/man/man1 is not safe for a stage
 * that installs Debian packages, or null. There, packages whose maintainer scripts register man-page
 * alternatives (openjdk, postgresql-client, perl's rename, ...) fail with "error creating symbolic link
 * '/usr/share/man/man1/...dpkg-tmp'", and the build breaks.
 */
function slimWithoutManDirs(chosen: Candidate, use: StageUse, ctx: Context): string | null {
  const installs = ['apt', 'dpkg'].some((m) => use.packageManagers.has(m)) || use.hidden.length > 0;
  if (!installs) return null;
  const target = `${chosen.repository}:${chosen.tag}`;
  const status = ctx.catalog.tagStatus(chosen.repository, chosen.tag);
  const last = status === 'past' ? (ctx.catalog.lastListed?.(chosen.repository, chosen.tag) ?? null) : null;
  const suite = parseTag(chosen.tag).suite;
  const old = last ? last < MAN_DIRS_KEPT_SINCE : status === 'past' && suite !== null && SUITES_BEFORE_FIX.has(suite);
  if (!old) return null;
  return `${target} was ${last ? `last listed on ${last}` : `built for ${suite} and is frozen`}, before Debian's slim images kept /usr/share/man/man1 (debuerreotype#116, July 2021); packages whose install scripts add man-page alternatives (openjdk, postgresql-client, perl's rename, ...) fail there, and this stage installs Debian packages${use.hidden.length && !use.packageManagers.size ? ' or runs scripts that may' : ''}; --level review switches it (put \`mkdir -p /usr/share/man/man1\` before the install)`;
}

interface SlimCheck {
  install: string[];
  why: string[];
  warnings: string[];
  /** What the build context proved (for the message). */
  evidence: string[];
  /** Native builds the switch relies on installing a toolchain for (dependencies: compile). */
  compiles: string[];
}

/** What the slim (or jre) stage needs that the full image had, or why it cannot switch. */
function slimRequirements(
  repository: string,
  fam: ReturnType<typeof familyOf>,
  chosen: Candidate,
  use: StageUse,
  opts: SwitchOptions,
  ctx: Context,
): SlimCheck | { skip: SkipReason } {
  const warnings: string[] = [];
  const none = { evidence: [] as string[], compiles: [] as string[] };
  if (fam === 'temurin' || fam === 'openjdk') {
    const m = JDK_TOOLS.exec(use.instructionText);
    if (m)
      return {
        skip: {
          code: 'needs-toolchain',
          detail: `the stage uses ${m[2]}, which needs a JDK (the JRE has only the runtime)`,
        },
      };
    if (use.hidden.length)
      return {
        skip: {
          code: 'uncertain',
          detail: `the stage runs \`${use.hidden[0]}\`, whose commands slimify cannot see (it may need the JDK)`,
        },
      };
    if (fam === 'openjdk' && use.packageManagers.size) {
      return {
        skip: {
          code: 'uncertain',
          detail: `eclipse-temurin is Ubuntu-based while ${repository} was Debian-based; the stage installs packages (${[...use.packageManagers].join(', ')}), which may be named differently`,
        },
      };
    }
    return { install: [], why: [], warnings, ...none };
  }
  const java = [...use.installed].find((p) => /^(openjdk-\d+-j|default-j|ca-certificates-java)/.test(p));
  if (java) {
    return {
      skip: {
        code: 'uncertain',
        detail: `the stage installs ${java}, whose post-install script fails on older slim images (no /usr/share/man/man1; debuerreotype/docker-debian-artifacts#24)`,
      },
    };
  }
  if (fam === 'debian') return { install: [], why: [], warnings, ...none }; // debian and debian-slim carry the same tools
  // Language images: python/node/ruby/rust/perl full images are built on buildpack-deps.
  const provided = new Set<string>();
  for (const p of use.installed) {
    provided.add(p);
    for (const c of PACKAGE_COMMANDS[p] ?? []) provided.add(c);
  }
  const need = new Map<string, string>();
  const commandTable: Record<string, string[]> =
    repository === 'node' ? { ...FAT_ONLY_COMMANDS, ...NODE_FAT_ONLY } : FAT_ONLY_COMMANDS;
  for (const c of use.commands) {
    const name = baseName(c.name);
    const pkgs = commandTable[name];
    if (!pkgs || provided.has(name)) continue;
    for (const p of pkgs) if (!need.has(p) && !use.installed.has(p)) need.set(p, `the stage runs ${name}`);
  }
  for (const [p, why] of use.needs) if (!use.installed.has(p) && !need.has(p)) need.set(p, why);
  // The build context may decide the installs slimify cannot see.
  const judged = judgeHidden(use, ctx.buildContext);
  const evidence: string[] = [];
  const compiles: string[] = [];
  let hidden = use.hidden;
  if (judged) {
    hidden = use.hidden.filter((h) => !judged.proven.some((p) => p.install === h));
    for (const p of judged.proven)
      evidence.push(`the build context shows \`${p.install}\` needs no compiler (${p.basis})`);
    const full = `${repository}:${fullTag(chosen.tag)}`;
    if (judged.native.length && opts.dependencies !== 'compile') {
      const n = judged.native[0];
      return {
        skip: {
          code: 'needs-toolchain',
          detail: `${full} kept: the build context shows \`${n.install}\` installs ${n.packages.join(', ')}, which need the compilers and headers ${chosen.tag} lacks (set transforms.${opts.transform}.dependencies to "compile" to switch and install build-essential, at the review level)`,
        },
      };
    }
    for (const n of judged.native) compiles.push(`\`${n.install}\` installs ${n.packages.join(', ')}`);
    const open = judged.open[0];
    if (open && opts.dependencies === 'skip') {
      return {
        skip: {
          code: 'needs-toolchain',
          detail: `${full} kept: nothing proves \`${open.install}\` needs no compiler (${open.missing}); with that evidence in the build context (or --context DIR when it is elsewhere) the switch to ${chosen.tag} would apply (or set transforms.${opts.transform}.dependencies)`,
        },
      };
    }
  }
  if (hidden.length) {
    if (opts.dependencies === 'skip') {
      return {
        skip: {
          code: 'needs-toolchain',
          detail: `the stage runs \`${hidden[0]}\`; slimify cannot see what that installs, and the full ${repository}:${fullTag(chosen.tag)} image's compilers, headers and git are gone in ${chosen.tag} (set transforms.${opts.transform}.dependencies to "prebuilt" or "compile" to switch anyway)`,
        },
      };
    }
    if (opts.dependencies === 'compile') {
      for (const p of repository === 'node'
        ? ['python3', 'build-essential', 'git', 'ca-certificates']
        : ['build-essential', 'git', 'ca-certificates']) {
        if (!need.has(p) && !use.installed.has(p)) need.set(p, `dependencies may compile (${hidden[0]})`);
      }
    } else {
      warnings.push(`assumed to need no compiler (dependencies: prebuilt): ${hidden.join('; ')}`);
    }
  }
  if (need.has('build-essential') && use.installed.has('gcc') && use.installed.has('make'))
    need.delete('build-essential');
  const install = [...need.keys()];
  if (install.length && use.packageManagers.has('apk')) {
    return { skip: { code: 'uncertain', detail: 'the stage mixes apk with a Debian base' } };
  }
  if (opts.dependencies === 'compile' && hidden.length)
    compiles.push(`dependencies: "compile" installs a toolchain for ${hidden[0]}`);
  return { install, why: [...new Set(need.values())], warnings, evidence, compiles };
}

/** Edits that change the reference (or the ARG default feeding it) to the candidate. */
function planEdits(
  doc: SourceDockerfile,
  stage: Stage,
  tag: string | null,
  chosen: Candidate,
  ctx: Context,
): { edits: Edit[]; newRef: string; span: Span; warnings: string[] } | { skip: SkipReason } {
  const image = stage.image!;
  const written = doc.text.slice(image.span.start, image.span.end);
  const resolved = image.resolved!;
  const newResolved = replaceRef(resolved, tag, chosen);
  if (newResolved === null) return { skip: { code: 'uncertain', detail: `cannot rewrite ${resolved}` } };
  if (image.variables.length === 0) {
    if (written !== resolved) return { skip: { code: 'uncertain', detail: 'the reference text is split or escaped' } };
    return {
      edits: [minimalEdit(image.span.start, resolved, newResolved)],
      newRef: newResolved,
      span: stage.from.span,
      warnings: [],
    };
  }
  // ARG-based FROM: rewrite the ARG default when the ARG only feeds this FROM.
  return argEdit(doc, stage, newResolved, ctx);
}

/** `python:3.12` + candidate -> `python:3.12-slim`, keeping registry and path spelling. */
function replaceRef(resolved: string, tag: string | null, chosen: Candidate): string | null {
  const parsed = parseReference(resolved);
  const prefixLen = resolved.length - (tag === null ? 0 : tag.length + 1);
  const repoPart = resolved.slice(0, prefixLen);
  const name = officialName(parsed) ?? repositoryName(parsed);
  if (normalizeRepository(name) === chosen.repository) return `${repoPart}:${chosen.tag}`;
  // Repository replacement (openjdk -> eclipse-temurin): keep the registry/library prefix as written.
  const last = repoPart.lastIndexOf('/');
  return `${repoPart.slice(0, last + 1)}${chosen.repository}:${chosen.tag}`;
}

/** Joins edits where one ends exactly where the next starts (two insertions at one offset would be ambiguous). */
function mergeTouching(edits: Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Edit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last.end === e.start) out[out.length - 1] = { start: last.start, end: e.end, text: last.text + e.text };
    else out.push({ ...e });
  }
  return out;
}

/** The smallest edit turning `before` (at `offset`) into `after`: common prefix and suffix are kept. */
export function minimalEdit(offset: number, before: string, after: string): Edit {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s])
    s++;
  return { start: offset + p, end: offset + before.length - s, text: after.slice(p, after.length - s) };
}

function argEdit(
  doc: SourceDockerfile,
  stage: Stage,
  newResolved: string,
  ctx: Context,
): { edits: Edit[]; newRef: string; span: Span; warnings: string[] } | { skip: SkipReason } {
  const image = stage.image!;
  const raw = image.raw;
  const m = /^(.*?)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))(.*)$/.exec(raw);
  if (!m || image.variables.length !== 1 || /\$/.test(m[1] + m[4])) {
    return {
      skip: {
        code: 'variable',
        detail: `the reference ${raw} combines several variables or uses a \${VAR:-default} form`,
      },
    };
  }
  const [, prefix, braced, plain, suffix] = m;
  const name = braced ?? plain;
  if (
    !newResolved.startsWith(prefix) ||
    !newResolved.endsWith(suffix) ||
    newResolved.length < prefix.length + suffix.length
  ) {
    return {
      skip: { code: 'variable', detail: `the new reference ${newResolved} does not fit around $${name} in ${raw}` },
    };
  }
  const newValue = newResolved.slice(prefix.length, newResolved.length - suffix.length);
  const decls = doc.instructions.filter(
    (i) => i.keyword === 'ARG' && i.stage === -1 && i.args.some((a) => argName(a.value) === name),
  );
  if (decls.length !== 1)
    return {
      skip: { code: 'variable', detail: `ARG ${name} is declared ${decls.length} times before the first FROM` },
    };
  const decl = decls[0];
  const arg = decl.args.find((a) => argName(a.value) === name)!;
  const argText = doc.text.slice(arg.span.start, arg.span.end);
  const eq = argText.indexOf('=');
  if (eq === -1) return { skip: { code: 'variable', detail: `ARG ${name} has no default` } };
  let valStart = arg.span.start + eq + 1;
  let valEnd = arg.span.end;
  const q = doc.text[valStart];
  if ((q === '"' || q === "'") && doc.text[valEnd - 1] === q && valEnd - valStart >= 2) {
    valStart++;
    valEnd--;
  }
  const oldValue = doc.text.slice(valStart, valEnd);
  if (oldValue !== doc.globalArgs.get(name) || /[\\$\s]/.test(oldValue)) {
    return { skip: { code: 'variable', detail: `the default of ARG ${name} is not a plain word` } };
  }
  // The ARG must feed only this FROM: no other FROM, no stage-level ARG redeclaration, no other use.
  const uses = new RegExp(`\\$\\{?${name}(?![A-Za-z0-9_])`);
  for (const ins of doc.instructions) {
    if (ins === decl || ins === stage.from) continue;
    const text = doc.text.slice(ins.span.start, ins.span.end);
    if (uses.test(text))
      return {
        skip: { code: 'variable', detail: `ARG ${name} also feeds line ${doc.lines.lineAt(ins.span.start) + 1}` },
      };
    if (ins.keyword === 'ARG' && ins.args.some((a) => argName(a.value) === name)) {
      return {
        skip: {
          code: 'variable',
          detail: `ARG ${name} is redeclared inside a stage (line ${doc.lines.lineAt(ins.span.start) + 1}), so it feeds more than FROM`,
        },
      };
    }
  }
  void ctx;
  const edit = minimalEdit(valStart, oldValue, newValue);
  return {
    edits: [edit],
    newRef: newResolved,
    span: {
      start: Math.min(decl.span.start, stage.from.span.start),
      end: Math.max(decl.span.end, stage.from.span.end),
    },
    warnings: [
      `the default of ARG ${name} changed to ${newValue}; a --build-arg ${name}=... at build time still decides the base`,
    ],
  };
}

function argName(v: string): string {
  const eq = v.indexOf('=');
  return eq === -1 ? v : v.slice(0, eq);
}

/** Saving from the size table: compressed difference in bytes (uncompressed in the note when known). */
function estimate(
  catalog: Catalog,
  repository: string,
  tag: string,
  chosen: Candidate,
  installed: string[] = [],
): Estimate {
  const from = catalog.size(repository, tag);
  const to = catalog.size(chosen.repository, chosen.tag);
  const target = `${chosen.repository}:${chosen.tag}`;
  if (!from || !to || from.compressed === null || to.compressed === null) {
    return {
      bytes: null,
      basis: 'catalog',
      note: `no size figure for ${!from || from.compressed === null ? `${repository}:${tag}` : target} in the catalog's size table (${catalog.source.date ?? 'undated'} snapshot)`,
    };
  }
  const mb = (n: number) => (n / 1e6).toFixed(1);
  const unc =
    from.uncompressed !== null && to.uncompressed !== null
      ? `; uncompressed ${mb(from.uncompressed)} -> ${mb(to.uncompressed)} MB`
      : '';
  // The size table documents some tags only; others borrow the closest documented tag's figures.
  const measured = (src: string) => src.split(' per ')[0];
  const borrowed =
    measured(from.source) !== `${repository}:${tag}` || measured(to.source) !== target
      ? `; ${repository}:${tag} -> ${target} is not measured itself, these are the figures of ${measured(from.source)} -> ${measured(to.source)}, the closest documented tags`
      : '';
  return {
    bytes: from.compressed - to.compressed,
    size: 'compressed',
    basis: 'catalog',
    note:
      `compressed ${mb(from.compressed)} -> ${mb(to.compressed)} MB${unc} (linux/amd64, ±10%; figures: ${from.source}; ${to.source})${borrowed}` +
      (installed.length ? `; minus the packages installed in the stage (${installed.join(', ')})` : ''),
  };
}

export type { InstructionNode };

/** The full image's tag for a slim tag: 3.9-slim-buster -> 3.9-buster, slim-bookworm -> bookworm, slim -> latest. */
export function fullTag(slimTag: string): string {
  return slimTag.replace(/^slim(-|$)|-slim(?=-|$)/, '') || 'latest';
}

/** Helpers the ecosystems of the split transform share: start command, flags, ENV values, runtime candidates, app files. */
import { posix } from 'node:path';
import type { Context, FindingDraft, SkipReason } from '../../src/engine/types.js';
import type { slimCandidates } from '../../src/catalog/variants.js';
import type { PlanResult } from './ecosystem.js';
import type { StageFacts } from './stage-facts.js';

/** A skip result of a plan, with an optional suggested shape for the reader. */
export const skip = (code: SkipReason['code'], detail: string, skeleton?: string): PlanResult => ({
  skip: { code, detail },
  skeleton,
});

export const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
/** OS packages that only serve the build (compilers, headers, fetch tools); anything else may be a run-time dependency. */
const BUILD_ONLY_PKG =
  /^(git|gcc|g\+\+|make|cmake|build-essential|pkg-config|pkgconf|libc6-dev|musl-dev|upx|upx-ucl|ca-certificates|tzdata|curl|wget|unzip|python3|python|binutils|autoconf|automake|libtool|patch|openssh-client|.*-dev|.*-devel)$/;

/** Resolves the executable the container starts to an absolute path, given where programs were written. */
export function resolveExecutable(facts: StageFacts, name: string, onPath: string[]): string | null {
  if (name.startsWith('/')) return posix.normalize(name);
  if (name.includes('/')) return facts.finalWorkdir === null ? null : posix.join(facts.finalWorkdir, name);
  return (
    onPath.find((p) => posix.basename(p) === name && PATH_DIRS.includes(posix.dirname(p))) ??
    onPath.find((p) => posix.basename(p) === name) ??
    null
  );
}

export function isScript(argv: string[]): boolean {
  const exe = posix.basename(argv[0]);
  if (
    /\.(sh|bash)$/.test(exe) ||
    (/entrypoint|start|run|boot/i.test(exe) && !/^(node|python\d*(\.\d+)?|java)$/.test(exe))
  )
    return true;
  return /^(sh|bash|ash|dash|zsh|make|tini|dumb-init|supervisord|su-exec|gosu)$/.test(exe);
}

export function flagValue(args: (string | null)[], names: string[]): { value: string | null; present: boolean } {
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

export function envValue(facts: StageFacts, name: string, beforeIndex: number): string | null | undefined {
  let v: string | null | undefined;
  facts.stage.instructions.forEach((ins, i) => {
    if (i >= beforeIndex || (ins.keyword !== 'ENV' && ins.keyword !== 'ARG')) return;
    for (const [k, val] of keyValues(facts.logical(ins))) if (k === name) v = val;
  });
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

export function runtimeCandidate(
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

export function otherPackages(facts: StageFacts): string[] {
  return facts.osPackages.filter((p) => !BUILD_ONLY_PKG.test(p));
}

/** The destination folders of context copies that are not only source code; whole-context copies make the app folder uncertain. */
export function appFiles(
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

/** The suggested two-stage shape named in a skip message. */
export function skeleton(runtime: string, artifact: string): string {
  return `Suggested shape: name this stage \`AS build\`, then add \`FROM ${runtime}\`, \`COPY --from=build ${artifact} ${artifact}\`, and move EXPOSE/USER/CMD/ENTRYPOINT there.`;
}

/**
 * The saving of shipping `to` instead of `from`: the catalog's uncompressed size difference when both
 * are known and `to` is smaller (`uncounted` says what the figure leaves out), else a heuristic with
 * no figure and the `unknown` note.
 */
export function baseSwapEstimate(
  ctx: Context,
  from: { repository: string; tag: string },
  to: { repository: string; tag: string },
  notes: { uncounted?: string; unknown: string },
): FindingDraft['estimate'] {
  const a = ctx.catalog.size(from.repository, from.tag);
  const b = ctx.catalog.size(to.repository, to.tag);
  if (a?.uncompressed && b?.uncompressed && a.uncompressed > b.uncompressed)
    return {
      bytes: a.uncompressed - b.uncompressed,
      basis: 'catalog',
      note: `base image sizes: ${a.source}; ${b.source}${notes.uncounted ? ` (${notes.uncounted})` : ''}`,
    };
  return { bytes: null, basis: 'heuristic', note: notes.unknown };
}

/** Debian suites the official images use, newest first. */
const DEBIAN_SUITES_NEWEST_FIRST = ['trixie', 'bookworm', 'bullseye', 'buster', 'stretch'];

/**
 * The Debian suite a suite-less tag is built on: the newest `<tag>-<suite>` the catalog lists for the
 * repository (`golang:1.19` -> `bookworm`, `python:3.11-slim` -> `3.11-slim-trixie`'s `trixie`).
 */
export function defaultSuite(ctx: Context, repository: string, tag: string | null): string | null {
  if (!tag) return null;
  return (
    DEBIAN_SUITES_NEWEST_FIRST.find((s) => {
      const status = ctx.catalog.tagStatus(repository, `${tag}-${s}`);
      return status === 'current' || status === 'past';
    }) ?? null
  );
}

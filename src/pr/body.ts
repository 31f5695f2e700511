/**
 * The text of what `slimify pr` writes: commit message, PR title, PR body (with the hidden
 * marker slimify uses to find its own PRs) and the comment left when a human owns the branch.
 * Pure functions of the change set, so tests and --dry-run see exactly what GitHub would get.
 */
import type { ReportedFinding, SlimifyOptions } from '../api/slimify.js';
import { unifiedDiff } from '../report/diff.js';
import { formatBytes } from '../report/bytes.js';
import type { ChangeSet } from './changes.js';

/** GitHub rejects bodies over 65,536 characters; stay well below. */
export const MAX_BODY = 60_000;

export interface Marker {
  scope: string;
  fingerprint: string;
  /** The commit slimify pushed with this body. */
  head: string;
}

const MARKER_RE = /<!-- slimify:pr (\{[^\n]*?\}) -->/;

export function formatMarker(m: Marker): string {
  return `<!-- slimify:pr ${JSON.stringify({ v: 1, scope: m.scope, fingerprint: m.fingerprint, head: m.head })} -->`;
}

/** The marker of a PR body written by slimify, or null (not ours, or edited beyond recognition). */
export function parseMarker(body: string | null | undefined): Marker | null {
  const m = body ? MARKER_RE.exec(body) : null;
  if (!m) return null;
  try {
    const j = JSON.parse(m[1]) as Partial<Marker>;
    if (typeof j.scope !== 'string' || typeof j.fingerprint !== 'string' || typeof j.head !== 'string') return null;
    return { scope: j.scope, fingerprint: j.fingerprint, head: j.head };
  } catch {
    return null;
  }
}

export function humanCommitsMarker(fingerprint: string): string {
  return `<!-- slimify:human-commits ${fingerprint} -->`;
}

export const TRAILER_FINGERPRINT = 'Slimify-Fingerprint';
export const TRAILER_SCOPE = 'Slimify-Scope';

export function defaultTitle(scope: string): string {
  return `chore(docker): slim Docker images with slimify${scope === 'all' ? '' : ` (${scope})`}`;
}

/** Commit message: the user's (or the default) subject and body, then slimify's trailers. */
export function commitMessage(changes: ChangeSet, scope: string, custom?: string): string {
  let head = custom?.trim();
  if (!head) {
    const lines = changes.changed.map((c) => {
      const n = c.result.findings.filter((f) => f.applied).length;
      const saving = c.result.estimatedBytes ? `, ~${formatBytes(c.result.estimatedBytes)}` : '';
      return `- ${c.path}: ${n} change${n === 1 ? '' : 's'}${saving}`;
    });
    head = `${defaultTitle(scope)}\n\n${lines.join('\n')}`;
  }
  return `${head}\n\n${TRAILER_SCOPE}: ${scope}\n${TRAILER_FINGERPRINT}: ${changes.fingerprint}\n`;
}

/** The `Slimify-Fingerprint` trailer of a commit message, or null. */
export function fingerprintTrailer(message: string): string | null {
  const m = new RegExp(`^${TRAILER_FINGERPRINT}: ([0-9a-f]+)\\s*$`, 'm').exec(message);
  return m ? m[1] : null;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * How a reader runs this slimify: slimify is not on npm, so from inside the GitHub Action it is
 * the action's own repository and ref (`npx --yes github:OWNER/REPO#REF`); elsewhere `npx slimify`
 * with a note saying where it comes from.
 */
export function reproduceRunner(env: NodeJS.ProcessEnv = process.env): { argv: string[]; note: string | null } {
  const repo = env.GITHUB_ACTION_REPOSITORY;
  if (repo && /^[\w.-]+\/[\w.-]+$/.test(repo)) {
    const ref = env.GITHUB_ACTION_REF && /^[\w./-]+$/.test(env.GITHUB_ACTION_REF) ? `#${env.GITHUB_ACTION_REF}` : '';
    return { argv: ['npx', '--yes', `github:${repo}${ref}`], note: null };
  }
  return {
    argv: ['npx', 'slimify'],
    note: '# slimify is not published on npm: in a clone of its repository run `npm ci`, then use `node dist/src/cli/main.js` for `npx slimify`',
  };
}

/** `npx slimify --write …` reproducing this run on the changed files. */
export function reproduceCommand(
  paths: readonly string[],
  options: SlimifyOptions,
  runner = reproduceRunner(),
): string {
  const args = [...runner.argv, '--write'];
  if (options.level && options.level !== 'safe') args.push('--level', options.level);
  if (options.only?.length) args.push('--only', options.only.join(','));
  if (options.skip?.length) args.push('--skip', options.skip.join(','));
  if (options.target && options.target !== 'slim') args.push('--target', options.target);
  args.push(...paths);
  return (runner.note ? runner.note + '\n' : '') + args.map(shellQuote).join(' ');
}

function cell(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

function saving(f: ReportedFinding): string {
  if (!f.estimate || f.estimate.bytes === null) return '—';
  return `~${formatBytes(f.estimate.bytes)} (${f.estimate.basis})`;
}

function fence(text: string, lang: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${text}${text.endsWith('\n') ? '' : '\n'}${f}`;
}

const arrow = (a: number, b: number) => `${formatBytes(a)} → ${formatBytes(b)}`;

/** `--verify`: measured sizes per file and in total; uncompressed and compressed are never added together. */
function measuredSection(changes: ChangeSet): string[] {
  const lines = [
    '### Measured: built and smoke-tested',
    '',
    '| File | Built and smoke-tested | Uncompressed (`docker images`) | Compressed (pull) |',
    '| --- | --- | ---: | ---: |',
  ];
  const total = { before: { u: 0, c: 0 }, after: { u: 0, c: 0 } };
  for (const c of changes.changed) {
    const m = c.measured;
    if (!m) {
      lines.push(`| \`${cell(c.path)}\` | not built | – | – |`);
      continue;
    }
    total.before.u += m.before.uncompressed;
    total.before.c += m.before.compressed;
    total.after.u += m.after.uncompressed;
    total.after.c += m.after.compressed;
    lines.push(
      `| \`${cell(c.path)}\` | ✅ ${cell(m.engine)}; smoke: ${cell(m.smoke)} | ${arrow(m.before.uncompressed, m.after.uncompressed)} | ${arrow(m.before.compressed, m.after.compressed)} |`,
    );
  }
  lines.push(
    '',
    `**Measured saving: ${formatBytes(total.before.u - total.after.u)} uncompressed (${arrow(total.before.u, total.after.u)}), ${formatBytes(total.before.c - total.after.c)} compressed (${arrow(total.before.c, total.after.c)}).**`,
  );
  const dropped = changes.changed.flatMap((c) => (c.measured?.dropped ?? []).map((d) => ({ path: c.path, d })));
  if (dropped.length) {
    lines.push('', 'Left out because a build disproved them:', '');
    for (const { path, d } of dropped)
      lines.push(`- \`${cell(path)}\` line ${d.line} — \`${cell(d.transform)}\`: ${cell(d.reason)}`);
  }
  return lines;
}

export interface BodyInput {
  changes: ChangeSet;
  scope: string;
  marker: Marker;
  options: SlimifyOptions;
  base: string;
}

export function renderPrBody(input: BodyInput, maxLength = MAX_BODY): string {
  const { changes } = input;
  const applied = changes.changed.flatMap((c) =>
    c.result.findings.filter((f) => f.applied).map((f) => ({ path: c.path, f })),
  );
  const total = changes.changed.reduce((sum, c) => sum + c.result.estimatedBytes, 0);
  const review = applied.filter((a) => a.f.tier === 'review');
  const files = changes.changed.length;

  const head: string[] = [];
  head.push(formatMarker(input.marker));
  head.push('## What slimify changed and why', '');
  head.push(
    `[slimify](https://www.npmjs.com/package/slimify) rewrote ${files} Dockerfile${files === 1 ? '' : 's'} on \`${input.base}\` so the images get smaller. ` +
      "Every rewrite passed slimify's safety checks (the same stages, base images, comments and shell syntax before and after).",
    '',
  );
  head.push('| File | Line | Transform | Why | Estimated saving |', '| --- | ---: | --- | --- | ---: |');
  for (const { path, f } of applied) {
    const tier = f.tier === 'review' ? ' ⚠️ review' : '';
    head.push(
      `| \`${cell(path)}\` | ${f.line} | \`${cell(f.transform)}\`${tier} | ${cell(f.message)} | ${cell(saving(f))} |`,
    );
  }
  const measured = changes.changed.filter((c) => c.measured);
  if (measured.length) head.push('', ...measuredSection(changes), '');
  else
    head.push(
      '',
      `**Total estimated saving: ${total > 0 ? `~${formatBytes(total)}` : 'unknown'}** (estimates; build the images to measure).`,
      '',
    );

  if (review.length) {
    head.push('### ⚠️ Please look carefully at these changes', '');
    head.push(
      'These come from review-tier transforms: usually right, but slimify cannot prove them safe for every image. Build and test before merging.',
      '',
    );
    for (const { path, f } of review)
      head.push(`- \`${cell(path)}\` line ${f.line} — \`${f.transform}\`: ${cell(f.message)}`);
    head.push('');
  }

  const notes = changes.problems;
  if (notes.length) {
    head.push('### Files left unchanged', '');
    for (const p of notes) head.push(`- \`${cell(p.path)}\`: ${cell(p.message)}`);
    head.push('');
  }

  const tail: string[] = [];
  tail.push('### Reproduce locally', '');
  tail.push(
    fence(
      reproduceCommand(
        changes.changed.map((c) => c.path),
        input.options,
      ),
      'sh',
    ),
    '',
  );
  tail.push('---');
  tail.push(
    `This pull request is maintained by slimify (branch \`slimify/${input.scope}\`): later runs update it when there is something new. ` +
      'If you push commits to the branch, slimify stops updating it. Close it without merging to decline these changes; slimify will not open them again.',
  );

  const diff = changes.changed.map((c) => unifiedDiff(c.path, c.result.input, c.result.output)).join('');
  const diffSection = ['<details><summary>Full diff</summary>', '', fence(diff, 'diff'), '', '</details>', ''];
  const full = [...head, ...diffSection, ...tail].join('\n');
  if (full.length <= maxLength) return full;
  const short = [
    ...head,
    '<details><summary>Full diff</summary>',
    '',
    'The diff is too large for this description; see the "Files changed" tab.',
    '',
    '</details>',
    '',
    ...tail,
  ].join('\n');
  return short.length <= maxLength ? short : short.slice(0, maxLength - 40) + '\n\n… (truncated)\n';
}

/** The comment left on slimify's PR when someone else pushed to its branch. */
export function renderHumanCommitsComment(input: {
  branch: string;
  fingerprint: string;
  paths: readonly string[];
  options: SlimifyOptions;
}): string {
  return [
    humanCommitsMarker(input.fingerprint),
    `slimify has new changes for this pull request, but \`${input.branch}\` has commits that slimify did not make, so it did not overwrite them.`,
    '',
    'To pick up the new changes, run slimify yourself and push:',
    '',
    fence(reproduceCommand(input.paths, input.options), 'sh'),
    '',
    `Or delete the branch \`${input.branch}\` (and close this pull request) to let slimify start over on its next run.`,
  ].join('\n');
}

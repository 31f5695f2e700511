/**
 * What `--verify` adds to the main command's reports: per file the measured sizes before and
 * after (uncompressed as `docker images` shows them, compressed = the gzipped layers a pull
 * transfers; the two are never added together), the smoke test used, runtime figures, and every
 * finding a build disproved with its reason and log tail.
 */
import { formatBytes } from '../report/bytes.js';
import type { JsonReport } from '../report/json.js';
import type { SideDetails } from './build-side.js';
import type { EngineName } from './engine.js';
import type { ImageSizes, ProveResult, TrialOutcome } from './prove-rewrite.js';

export interface VerifiedFile {
  path: string;
  engine: EngineName;
  prove: ProveResult;
}

export interface JsonImage {
  built: boolean;
  sizes: ImageSizes | null;
  buildSeconds: number | null;
  smoke: { kind: string; describe: string; exitCode: number | null; timedOut: boolean } | null;
  /** Why the build or the smoke test failed, with the last lines of its log. */
  failure: { reason: string; logTail: string[] } | null;
  runtime: { startSeconds: number | null; peakMemoryBytes: number | null; memoryNote: string } | null;
}

export interface JsonVerify {
  engine: EngineName;
  status: ProveResult['status'];
  error: string | null;
  builds: number;
  smoke: { kind: string; describe: string } | null;
  original: JsonImage | null;
  /** The image of the file as written (null when nothing was kept). */
  rewritten: JsonImage | null;
  /** original - rewritten, per measure. */
  saved: ImageSizes | null;
  dropped: ProveResult['dropped'];
}

function image(t: TrialOutcome | undefined): JsonImage | null {
  if (!t) return null;
  const d = t.details as SideDetails | undefined;
  return {
    built: t.built,
    sizes: t.sizes ?? null,
    buildSeconds: d?.buildSeconds ?? null,
    smoke: d
      ? { kind: d.smoke.kind, describe: d.smoke.describe, exitCode: d.smoke.exitCode, timedOut: d.smoke.timedOut }
      : null,
    failure: t.failure ?? null,
    runtime: d?.runtime ?? null,
  };
}

export function verifyJson(v: VerifiedFile): JsonVerify {
  const p = v.prove;
  const o = p.original?.sizes;
  const n = p.rewritten?.sizes;
  const d = (p.original?.details ?? p.rewritten?.details) as SideDetails | undefined;
  return {
    engine: v.engine,
    status: p.status,
    error: p.error ?? null,
    builds: p.builds,
    smoke: d ? { kind: d.smoke.kind, describe: d.smoke.describe } : null,
    original: image(p.original),
    rewritten: image(p.rewritten),
    saved: o && n ? { uncompressed: o.uncompressed - n.uncompressed, compressed: o.compressed - n.compressed } : null,
    dropped: p.dropped,
  };
}

export interface MeasuredTotals {
  files: number;
  before: ImageSizes;
  after: ImageSizes;
}

/** Totals over the files whose original and rewrite were both measured (unchanged files count as equal). */
export function measuredTotals(verified: readonly VerifiedFile[]): MeasuredTotals {
  const t: MeasuredTotals = {
    files: 0,
    before: { uncompressed: 0, compressed: 0 },
    after: { uncompressed: 0, compressed: 0 },
  };
  for (const v of verified) {
    const o = v.prove.original?.sizes;
    if (v.prove.status !== 'verified' || !o) continue;
    const n = v.prove.rewritten?.sizes ?? o;
    t.files++;
    t.before.uncompressed += o.uncompressed;
    t.before.compressed += o.compressed;
    t.after.uncompressed += n.uncompressed;
    t.after.compressed += n.compressed;
  }
  return t;
}

/** The main command's JSON report plus `verify` per file and `totals.measured`. */
export function withVerify(report: JsonReport, verified: readonly VerifiedFile[]): JsonReport {
  const byPath = new Map(verified.map((v) => [v.path, v]));
  return {
    ...report,
    files: report.files.map((f) => {
      const v = byPath.get(f.path);
      return v ? { ...f, verify: verifyJson(v) } : f;
    }),
    totals: { ...report.totals, measured: measuredTotals(verified) } as JsonReport['totals'],
  };
}

const arrow = (a: number, b: number) => `${formatBytes(a)} → ${formatBytes(b)}`;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function runtimeCell(t: TrialOutcome | undefined): string {
  const r = (t?.details as SideDetails | undefined)?.runtime;
  if (!r) return '–';
  const mem = r.peakMemoryBytes !== null ? formatBytes(r.peakMemoryBytes) : '–';
  const start = r.startSeconds !== null ? `${r.startSeconds} s` : '–';
  return `${mem} / ${start}`;
}

/** Markdown lines: measured sizes per file and in total, dropped findings. */
export function verifiedMarkdown(verified: readonly VerifiedFile[]): string[] {
  if (!verified.length) return [];
  const lines = ['### Measured with `--verify`', ''];
  lines.push(
    '| File | Built and smoke-tested | Smoke | Uncompressed | Compressed (pull) | Peak memory / start-up, before → after |',
    '| --- | --- | --- | ---: | ---: | --- |',
  );
  for (const v of verified) {
    const p = v.prove;
    const o = p.original?.sizes;
    const n = p.rewritten?.sizes ?? (p.status === 'verified' ? o : undefined);
    const d = p.original?.details as SideDetails | undefined;
    const mark = p.status === 'verified' ? `✅ ${v.engine}` : `❌ ${cell(p.error ?? 'not verified')}`;
    lines.push(
      `| \`${cell(v.path)}\` | ${mark} | ${d ? cell(d.smoke.describe) : '–'} | ${o && n ? arrow(o.uncompressed, n.uncompressed) : '–'} | ${o && n ? arrow(o.compressed, n.compressed) : '–'} | ${runtimeCell(p.original)} → ${runtimeCell(p.rewritten ?? p.original)} |`,
    );
  }
  const t = measuredTotals(verified);
  if (t.files) {
    lines.push(
      '',
      `**Measured total (${t.files} image${t.files === 1 ? '' : 's'}):** uncompressed ${arrow(t.before.uncompressed, t.after.uncompressed)} (saves ${formatBytes(t.before.uncompressed - t.after.uncompressed)}); compressed ${arrow(t.before.compressed, t.after.compressed)} (saves ${formatBytes(t.before.compressed - t.after.compressed)}).`,
    );
  }
  const dropped = verified.flatMap((v) => v.prove.dropped.map((d) => ({ path: v.path, d })));
  if (dropped.length) {
    lines.push('', `Left out because a build disproved them (${dropped.length}):`, '');
    for (const { path, d } of dropped)
      lines.push(`- \`${cell(path)}\` line ${d.line} — \`${d.transform}\`: ${cell(d.reason)}`);
  }
  return lines;
}

/** Plain lines for the terminal (stderr). */
export function verifiedText(verified: readonly VerifiedFile[]): string[] {
  const out: string[] = [];
  for (const v of verified) {
    const p = v.prove;
    if (p.status === 'unchanged') continue;
    if (p.status === 'error') {
      out.push(`${v.path}: cannot verify: ${p.error}`);
      continue;
    }
    const o = p.original!.sizes!;
    const n = p.rewritten?.sizes ?? o;
    const d = p.original?.details as SideDetails | undefined;
    out.push(
      `${v.path}: verified with ${v.engine} (${p.builds} build(s); smoke: ${d?.smoke.describe ?? '-'}): uncompressed ${arrow(o.uncompressed, n.uncompressed)}, compressed ${arrow(o.compressed, n.compressed)}`,
    );
    for (const x of p.dropped) {
      out.push(`  left out: line ${x.line} ${x.transform}: ${x.reason}`);
      for (const l of x.logTail.slice(-8)) out.push(`    | ${l}`);
    }
  }
  return out;
}

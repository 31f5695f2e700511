/** The verify report for humans (a table plus "where the bytes are") and for machines (JSON). */
import { formatBytes } from '../report/bytes.js';
import { joinCommand } from './argv.js';
import type { LayerAnalysis } from './layers.js';
import type { ImageReport, VerifyReport } from './verify.js';
import { measuredEstimate } from './verify.js';

/** Sizes in the verify table: the report formatter with one decimal at every unit (TB past 1,000 GB). */
export const humanBytes = (n: number): string => formatBytes(n, { gbDigits: 1 });

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const clip = (s: string | null, n = 70) => (s === null ? '(no history)' : s.length > n ? `${s.slice(0, n - 1)}…` : s);

function smokeCell(img: ImageReport | undefined): string {
  if (!img?.built) return '-';
  if (!img.smoke) return 'not run';
  return img.smoke.timedOut ? `timeout (${img.smoke.exitCode})` : `exit ${img.smoke.exitCode}`;
}

function bytesOf(a: LayerAnalysis | undefined): string {
  return a ? `${humanBytes(a.bytes)} (${a.bytes} B)` : '-';
}

function whereTheBytesAre(title: string, a: LayerAnalysis): string {
  const lines = [
    `${title}: ${humanBytes(a.bytes)} in ${a.layerCount} layers, ${humanBytes(a.wastedBytes)} wasted (${a.wastedFiles} files deleted or overwritten by a later layer)`,
  ];
  lines.push('  biggest layers:');
  for (const l of a.biggest) lines.push(`    #${l.index} ${humanBytes(l.bytes).padStart(9)}  ${clip(l.instruction)}`);
  if (a.waste.length) {
    lines.push('  wasted:');
    for (const w of a.waste) {
      const where =
        w.files === 1
          ? `/${w.path}`
          : `${w.files} files under /${w.path} (largest /${w.largest.path}, ${humanBytes(w.largest.bytes)})`;
      lines.push(
        `    ${humanBytes(w.bytes).padStart(9)} in ${where}: added by #${w.addedIn} ${clip(w.addedBy, 40)}, ${w.how} by #${w.removedIn} ${clip(w.removedBy, 40)}`,
      );
    }
  }
  return lines.join('\n');
}

export function renderText(r: VerifyReport): string {
  const out: string[] = [];
  const o = r.original;
  const n = r.rewritten;
  if (o || n) {
    const rows = [
      ['', 'original', 'rewritten', 'change'],
      [
        'size',
        bytesOf(o?.analysis),
        bytesOf(n?.analysis),
        r.delta
          ? `${r.delta.bytes > 0 ? '+' : ''}${humanBytes(r.delta.bytes)} (${r.delta.percent > 0 ? '+' : ''}${r.delta.percent}%)`
          : '-',
      ],
      ['layers', String(o?.analysis?.layerCount ?? '-'), String(n?.analysis?.layerCount ?? '-'), ''],
      [
        'wasted',
        o?.analysis ? humanBytes(o.analysis.wastedBytes) : '-',
        n?.analysis ? humanBytes(n.analysis.wastedBytes) : '-',
        '',
      ],
      [
        'build',
        o ? `${o.buildSeconds} s${o.built ? '' : ` FAILED (${o.buildExitCode})`}` : '-',
        n ? `${n.buildSeconds} s${n.built ? '' : ` FAILED (${n.buildExitCode})`}` : 'not built',
        '',
      ],
    ];
    const smoke = n?.smoke?.argv ?? o?.smoke?.argv;
    if (smoke) rows.push([`smoke: ${clip(joinCommand(smoke), 40)}`, smokeCell(o), smokeCell(n), '']);
    out.push(`slimify verify (${r.engine})`, table(rows), '');
    if (o?.analysis) out.push(whereTheBytesAre('original', o.analysis), '');
    if (n?.analysis) out.push(whereTheBytesAre('rewritten', n.analysis), '');
    for (const [name, img] of [
      ['original', o],
      ['rewritten', n],
    ] as const) {
      if (img && !img.built && img.logTail?.length)
        out.push(`${name} build log (last lines):`, ...img.logTail.map((l) => `  | ${l}`), '');
      if (img?.smoke && img.smoke.exitCode !== 0)
        out.push(`${name} smoke output (last lines):`, ...img.smoke.outputTail.map((l) => `  | ${l}`), '');
    }
  }
  const verdict = r.exitCode === 0 ? 'OK' : r.exitCode === 1 ? 'REWRITE REJECTED' : 'CANNOT VERIFY';
  out.push(`${verdict}: ${r.reason} (exit ${r.exitCode})`);
  if (r.cleanupFailures.length) out.push(`warning: could not clean up: ${r.cleanupFailures.join('; ')}`);
  return out.join('\n') + '\n';
}

export function renderJson(r: VerifyReport): string {
  return JSON.stringify({ ...r, estimate: measuredEstimate(r) }, null, 2) + '\n';
}

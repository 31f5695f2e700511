/**
 * The JSON report (`--format json`). Versioned: `schemaVersion` changes only when a field is
 * removed or changes meaning; new fields may be added. Schema: docs/report.schema.json.
 */
import type { FileResult } from './file-result.js';
import { unifiedDiff } from './diff.js';

export const JSON_SCHEMA_VERSION = 1;

export interface JsonFinding {
  transform: string;
  code: string;
  tier: 'safe' | 'review';
  message: string;
  line: number;
  column: number;
  endLine: number;
  applied: boolean;
  estimate: { bytes: number | null; basis: string; note: string } | null;
  skipped: { code: string; detail: string } | null;
  hadolint: string | null;
  warnings: string[];
}

export interface JsonFile {
  path: string;
  status: 'changed' | 'unchanged' | 'error';
  error: string | null;
  estimatedBytes: number;
  diff: string | null;
  findings: JsonFinding[];
}

/** What the run did: print diffs, write files, check only, or read stdin. */
export type JsonMode = 'diff' | 'write' | 'check' | 'stdin';

export interface JsonReport {
  schemaVersion: number;
  tool: { name: 'slimify'; version: string };
  mode: JsonMode;
  files: JsonFile[];
  totals: {
    files: number;
    changed: number;
    unchanged: number;
    errors: number;
    findings: number;
    applied: number;
    estimatedBytes: number;
  };
}

export function toJsonReport(results: FileResult[], mode: JsonMode, version: string): JsonReport {
  const files = results.map(toJsonFile);
  const totals = emptyJsonTotals();
  for (const f of files) addToTotals(totals, f);
  return { schemaVersion: JSON_SCHEMA_VERSION, tool: { name: 'slimify', version }, mode, files, totals };
}

/** One file's entry of the report. */
function toJsonFile({ path, result }: FileResult): JsonFile {
  return {
    path,
    status: result.status,
    error: result.error ?? null,
    estimatedBytes: result.estimatedBytes,
    diff: result.status === 'changed' ? unifiedDiff(path, result.input, result.output) : null,
    findings: result.findings.map((f) => ({
      transform: f.transform,
      code: f.code,
      tier: f.tier,
      message: f.message,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      applied: f.applied && result.status === 'changed',
      estimate: f.estimate ?? null,
      skipped: f.skipped ?? null,
      hadolint: f.hadolint ?? null,
      warnings: f.warnings ?? [],
    })),
  };
}

const emptyJsonTotals = (): JsonReport['totals'] => ({
  files: 0,
  changed: 0,
  unchanged: 0,
  errors: 0,
  findings: 0,
  applied: 0,
  estimatedBytes: 0,
});

function addToTotals(t: JsonReport['totals'], f: JsonFile): void {
  t.files++;
  if (f.status === 'changed') t.changed++;
  else if (f.status === 'unchanged') t.unchanged++;
  else t.errors++;
  t.findings += f.findings.length;
  t.applied += f.findings.filter((x) => x.applied).length;
  t.estimatedBytes += f.estimatedBytes;
}

/**
 * The report written as files finish: the same bytes as `JSON.stringify(toJsonReport(all results),
 * null, 2) + '\n'`, without holding every file's input and output until the end (memory flat in the
 * number of files, as the text report).
 */
export function jsonReportWriter(
  mode: JsonMode,
  version: string,
  write: (s: string) => void,
): { add(r: FileResult): void; end(): void } {
  // JSON.stringify's own layout at a depth: its strings hold no raw newline, so every '\n' is one.
  const at = (value: unknown, depth: number) =>
    JSON.stringify(value, null, 2).replace(/\n/g, '\n' + '  '.repeat(depth));
  const totals = emptyJsonTotals();
  write(
    `{\n  "schemaVersion": ${JSON_SCHEMA_VERSION},\n  "tool": ${at({ name: 'slimify', version }, 1)},\n  "mode": ${JSON.stringify(mode)},\n  "files": [`,
  );
  return {
    add(r) {
      const file = toJsonFile(r);
      write(`${totals.files ? ',' : ''}\n    ${at(file, 2)}`);
      addToTotals(totals, file);
    },
    end() {
      write(`${totals.files ? '\n  ' : ''}],\n  "totals": ${at(totals, 1)}\n}\n`);
    },
  };
}

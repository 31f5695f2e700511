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
  const files: JsonFile[] = results.map(({ path, result }) => ({
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
  }));
  const all = files.flatMap((f) => f.findings);
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'slimify', version },
    mode,
    files,
    totals: {
      files: files.length,
      changed: files.filter((f) => f.status === 'changed').length,
      unchanged: files.filter((f) => f.status === 'unchanged').length,
      errors: files.filter((f) => f.status === 'error').length,
      findings: all.length,
      applied: all.filter((f) => f.applied).length,
      estimatedBytes: files.reduce((s, f) => s + f.estimatedBytes, 0),
    },
  };
}

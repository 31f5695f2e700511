/**
 * SARIF 2.1.0 (`--format sarif`) for GitHub code scanning and other SARIF viewers: one result
 * per finding, rule ids are the findings' codes, rule metadata comes from the transform that
 * reports the code. Pure: results in, a JSON-serialisable object out.
 *
 * Locations are in the file as it is on disk (the input), with UTF-16 columns (SARIF's
 * `utf16CodeUnits`). Findings made on the input (pass 1) are exact. Findings left without edits
 * are reported by the engine on the final text; their lines are mapped back to the input through
 * the line diff, exactly when the line itself was not rewritten. Anything else (an edit made in a
 * middle pass, on text that exists in neither file) keeps the engine's line and is marked with
 * the property `approximateLocation`.
 */
import type { Log, Notification, Region, ReportingDescriptor, Result, Artifact } from 'sarif';
import type { ReportedFinding, SlimifyResult } from '../index.js';
import type { TransformMeta } from '../engine/types.js';
import { formatBytes } from './bytes.js';
import { diffLines } from './diff.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/slimify';

/** 0-based offset → 1-based line and column in `text`. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** A region with all four positions (SARIF's Region leaves each optional). */
type ExactRegion = Required<Pick<Region, 'startLine' | 'startColumn' | 'endLine' | 'endColumn'>>;

function regionOf(text: string, start: number, end: number): ExactRegion {
  const a = position(text, start);
  const b = position(text, end);
  return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based output line → 1-based input line, for lines the rewrite left as they were. */
function lineMap(input: string, output: string): Map<number, number> {
  const map = new Map<number, number>();
  for (const op of diffLines(input.split('\n'), output.split('\n'))) if (op.kind === ' ') map.set(op.b + 1, op.a + 1);
  return map;
}

/** The finding's exact region in the input, or null when it cannot be known. */
function locate(
  f: ReportedFinding,
  result: SlimifyResult,
  input: string,
  outputMap: () => Map<number, number>,
): Region | null {
  if (f.pass === 1) return regionOf(input, f.span.start, f.span.end);
  // Not applied and from the last pass: located in the final text (the output when changed).
  if (f.applied || f.pass !== result.passes || result.status !== 'changed') return null;
  const r = regionOf(stripBom(result.output), f.span.start, f.span.end);
  const map = outputMap();
  const start = map.get(r.startLine);
  const end = map.get(r.endLine);
  if (start === undefined || end === undefined || end - start !== r.endLine - r.startLine) return null;
  return { ...r, startLine: start, endLine: end };
}

function toPascal(id: string): string {
  return id.replace(/(^|[-_])([a-z0-9])/g, (_m, _s, c: string) => c.toUpperCase());
}

function ruleFor(code: string, meta: TransformMeta | undefined, transform: string): ReportingDescriptor {
  const title = meta?.title ?? transform;
  const description = meta?.description ?? `Reported by the ${transform} transform.`;
  const docs = meta?.docs || null;
  return {
    id: code,
    name: toPascal(code),
    shortDescription: { text: title },
    fullDescription: { text: description },
    help: {
      text: `${description}${docs ? ` Documentation: ${docs}` : ''}`,
      markdown: `**${title}** (\`${transform}\`, ${meta?.tier ?? 'safe'} tier)\n\n${description}${docs ? `\n\nDocumentation: \`${docs}\`` : ''}`,
    },
    defaultConfiguration: { level: 'warning' },
    properties: {
      tags: ['slimify', 'docker', ...(meta ? [meta.category, meta.tier] : [])],
      transform,
      tier: meta?.tier ?? 'safe',
      category: meta?.category ?? null,
      docs,
    },
  };
}

function messageOf(f: ReportedFinding): string {
  const parts = [f.message];
  if (f.skipped) parts.push(`Left alone (${f.skipped.code}): ${f.skipped.detail}`);
  else if (f.estimate?.bytes) parts.push(`Estimated saving: ~${formatBytes(f.estimate.bytes)} (${f.estimate.basis}).`);
  if (f.tier === 'review' && !f.skipped) parts.push('Review tier: check this change before merging.');
  for (const w of f.warnings ?? []) parts.push(`Warning: ${w}`);
  return parts.join(' ');
}

/**
 * The SARIF log of a run. `transforms` gives the rule metadata (title, description, tier, docs) of
 * the transforms that report; the caller passes its registry, so the report does not import it.
 */
export function toSarif(
  results: { path: string; result: SlimifyResult }[],
  toolVersion: string,
  transforms: readonly { meta: TransformMeta }[],
): Log {
  const metaById = new Map(transforms.map((t) => [t.meta.id, t.meta]));
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const sarifResults: Result[] = [];
  const notifications: Notification[] = [];
  const artifacts: Artifact[] = [];

  results.forEach(({ path, result }, artifactIndex) => {
    artifacts.push({ location: { uri: path, uriBaseId: '%SRCROOT%' } });
    const artifactLocation = { uri: path, uriBaseId: '%SRCROOT%', index: artifactIndex };
    const text = stripBom(result.input);
    let outputMap: Map<number, number> | undefined;
    if (result.status === 'error') {
      notifications.push({
        level: 'error',
        message: { text: `${path}: ${result.error ?? 'slimify failed'}` },
        locations: [{ physicalLocation: { artifactLocation } }],
      });
    }
    for (const f of result.findings) {
      if (!ruleIndex.has(f.code)) {
        ruleIndex.set(f.code, rules.length);
        rules.push(ruleFor(f.code, metaById.get(f.transform), f.transform));
      }
      const located = locate(f, result, text, () => (outputMap ??= lineMap(text, stripBom(result.output))));
      const exact = located !== null;
      const region: Region = located ?? { startLine: f.line, startColumn: f.column, endLine: f.endLine };
      const fixable = !!f.edits?.length && !f.skipped;
      const res: Result = {
        ruleId: f.code,
        ruleIndex: ruleIndex.get(f.code),
        level: fixable ? 'warning' : 'note',
        message: { text: messageOf(f) },
        locations: [{ physicalLocation: { artifactLocation, region } }],
        properties: {
          transform: f.transform,
          tier: f.tier,
          applied: f.applied && result.status === 'changed',
          estimatedBytes: f.estimate?.bytes ?? null,
          estimateBasis: f.estimate?.basis ?? null,
          skipped: f.skipped?.code ?? null,
          hadolint: f.hadolint ?? null,
          pass: f.pass,
          ...(exact ? {} : { approximateLocation: true }),
        },
      };
      if (fixable && f.pass === 1) {
        res.fixes = [
          {
            description: { text: `slimify --write applies this (${f.transform})` },
            artifactChanges: [
              {
                artifactLocation,
                replacements: f.edits!.map((e) => ({
                  deletedRegion: regionOf(text, e.start, e.end),
                  insertedContent: { text: e.text },
                })),
              },
            ],
          },
        ];
      }
      sarifResults.push(res);
    }
  });

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'slimify',
            version: toolVersion,
            semanticVersion: toolVersion,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        automationDetails: { id: 'slimify/' },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: {
          '%SRCROOT%': { description: { text: 'The folder slimify ran in (the repository root in CI).' } },
        },
        artifacts,
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
}

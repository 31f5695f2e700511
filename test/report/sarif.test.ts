import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync } from '../../src/index.js';
import type { Finding, Transform } from '../../src/engine/types.js';
import type { Log } from 'sarif';
import { toSarif } from '../../src/report/sarif.js';
import { aptToAptGet, breaker } from '../helpers/test-transforms.js';

/** The log with every optional SARIF field taken as present: an assertion below fails when one is missing. */
type Present<T> = T extends (infer U)[]
  ? Present<U>[]
  : T extends object
    ? { [K in keyof T]-?: Present<NonNullable<T[K]>> }
    : T;
const sarifOf = (...args: Parameters<typeof toSarif>) => toSarif(...args) as unknown as Present<Log>;

/** Reports `ADD http…` as advisory (no edit) and `:latest` as skipped, to cover the non-fix kinds. */
const advisory: Transform = {
  meta: {
    id: 'test-advisory',
    title: 'Advisory',
    tier: 'review',
    category: 'stage',
    description: 'test: notes without edits',
    docs: 'transforms/test-advisory/README.md',
  },
  run(doc) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (ins.keyword === 'RUN' && ins.run?.shell?.text.includes('curl'))
        out.push({ transform: 'test-advisory', code: 'curl-note', message: 'curl', span: ins.span });
      if (ins.keyword === 'ADD')
        out.push({
          transform: 'test-advisory',
          code: 'add-url',
          message: 'ADD of a URL keeps the archive',
          span: ins.span,
        });
      if (ins.keyword === 'FROM' && ins.args[0]?.value.endsWith(':latest')) {
        out.push({
          transform: 'test-advisory',
          code: 'latest-tag',
          message: 'latest moves',
          span: ins.args[0].span,
          skipped: { code: 'uncertain', detail: 'cannot tell which version' },
        });
      }
    }
    return out;
  },
};

/** Second-pass finding: rewrites `apt-get install` (which only exists after aptToAptGet ran) to add `-q`. */
const quiet: Transform = {
  meta: {
    id: 'test-quiet',
    title: 'Quiet',
    tier: 'safe',
    category: 'layer',
    description: 'test: quiet installs',
    docs: '',
  },
  run(doc) {
    const m = /apt-get install (?!-q)/.exec(doc.text);
    const i = m ? m.index : -1;
    return i === -1
      ? []
      : [
          {
            transform: 'test-quiet',
            code: 'quiet',
            message: 'be quiet',
            span: { start: i, end: i + 15 },
            edits: [{ start: i + 15, end: i + 15, text: ' -q' }],
          },
        ];
  },
};

const registry = [aptToAptGet, advisory, quiet, breaker];

beforeAll(async () => {
  await initShellParser();
});

describe('toSarif', () => {
  const a = '\uFEFFFROM debian:latest\nADD https://x/y.tgz /y\nRUN echo hi && apt install -y curl\n';
  const b = 'FROM debian\nRUN echo hi\n';
  const results = () => [
    {
      path: 'app/Dockerfile',
      result: slimifySync(a, { transforms: registry.filter((t) => t !== breaker), level: 'review' }),
    },
    { path: 'broken/Dockerfile', result: slimifySync(b, { transforms: [breaker] }) },
  ];

  it('produces a SARIF 2.1.0 log with one result per finding and rules keyed by finding code', () => {
    const r = results();
    const log = sarifOf(r, '1.2.3', registry);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'slimify', version: '1.2.3' });
    const findings = r.flatMap((x) => x.result.findings);
    expect(run.results).toHaveLength(findings.length);
    expect(run.results.map((x) => x.ruleId)).toEqual(findings.map((f) => f.code));
    // Every ruleIndex points at the rule with that id, and rules are unique.
    for (const res of run.results) expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
    const ids = run.tool.driver.rules.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(['add-url', 'apt-in-script', 'break', 'curl-note', 'latest-tag', 'quiet']);
    // Rule metadata from the transform.
    const addUrl = run.tool.driver.rules.find((x) => x.id === 'add-url')!;
    expect(addUrl).toMatchObject({
      name: 'AddUrl',
      shortDescription: { text: 'Advisory' },
      fullDescription: { text: 'test: notes without edits' },
      properties: {
        transform: 'test-advisory',
        tier: 'review',
        category: 'stage',
        docs: 'transforms/test-advisory/README.md',
      },
    });
    expect(JSON.parse(JSON.stringify(log))).toEqual(log);
  });

  it('locates first-pass findings exactly (BOM excluded) and attaches the fix', () => {
    const run = sarifOf(results(), '1.0.0', registry).runs[0];
    const apt = run.results.find((x) => x.ruleId === 'apt-in-script')!;
    expect(apt.level).toBe('warning');
    expect(apt.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'app/Dockerfile', uriBaseId: '%SRCROOT%', index: 0 },
      region: { startLine: 3, startColumn: 16, endLine: 3, endColumn: 19 },
    });
    expect(apt.fixes[0].artifactChanges[0].replacements).toEqual([
      {
        deletedRegion: { startLine: 3, startColumn: 16, endLine: 3, endColumn: 19 },
        insertedContent: { text: 'apt-get' },
      },
    ]);
    expect(apt.message.text).toBe('use apt-get in scripts Estimated saving: ~1.0 kB (heuristic).');
    expect(apt.properties).toMatchObject({
      transform: 'test-apt-get',
      tier: 'safe',
      applied: true,
      estimatedBytes: 1000,
      pass: 1,
    });
  });

  it('marks advisory and skipped findings as notes, and later-pass locations as approximate', () => {
    const run = sarifOf(results(), '1.0.0', registry).runs[0];
    const add = run.results.find((x) => x.ruleId === 'add-url')!;
    expect(add.level).toBe('note');
    expect(add.fixes).toBeUndefined();
    expect(add.message.text).toBe('ADD of a URL keeps the archive Review tier: check this change before merging.');
    const latest = run.results.find((x) => x.ruleId === 'latest-tag')!;
    expect(latest.level).toBe('note');
    expect(latest.message.text).toBe('latest moves Left alone (uncertain): cannot tell which version');
    // Reported on the final text (pass 3) and mapped back to the unchanged input line.
    expect(latest.properties).toMatchObject({ pass: 3 });
    expect(latest.properties.approximateLocation).toBeUndefined();
    expect(latest.locations[0].physicalLocation.region).toEqual({
      startLine: 1,
      startColumn: 6,
      endLine: 1,
      endColumn: 19,
    });
    expect(add.locations[0].physicalLocation.region).toEqual({
      startLine: 2,
      startColumn: 1,
      endLine: 2,
      endColumn: 23,
    });
    const quietRes = run.results.find((x) => x.ruleId === 'quiet')!;
    expect(quietRes.properties).toMatchObject({ pass: 2, approximateLocation: true });
    expect(quietRes.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 16, endLine: 3 });
    expect(quietRes.fixes).toBeUndefined();
    // On a line the rewrite changed: the engine's line, marked approximate.
    const curl = run.results.find((x) => x.ruleId === 'curl-note')!;
    expect(curl.properties).toMatchObject({ pass: 3, approximateLocation: true });
    expect(curl.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 1, endLine: 3 });
  });

  it('reports files slimify could not process as tool notifications', () => {
    const run = sarifOf(results(), '1.0.0', registry).runs[0];
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications).toHaveLength(1);
    expect(run.invocations[0].toolExecutionNotifications[0]).toMatchObject({
      level: 'error',
      message: {
        text: expect.stringMatching(/^broken\/Dockerfile: the rewrite was discarded because it failed a safety check/),
      },
    });
    const brk = run.results.find((x) => x.ruleId === 'break')!;
    expect(brk.properties.applied).toBe(false);
  });

  it('is an empty, successful run for an already slim tree', () => {
    const r = [
      {
        path: 'Dockerfile',
        result: slimifySync('FROM debian\nRUN apt-get install -y x\n', { transforms: [aptToAptGet] }),
      },
    ];
    const run = sarifOf(r, '1.0.0', registry).runs[0];
    expect(run.results).toEqual([]);
    expect(run.tool.driver.rules).toEqual([]);
    expect(run.invocations[0]).toEqual({ executionSuccessful: true, toolExecutionNotifications: [] });
    expect(run.artifacts).toEqual([{ location: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' } }]);
  });

  it('falls back to minimal rule metadata for a transform it does not know', () => {
    const r = [{ path: 'Dockerfile', result: slimifySync('FROM debian\nRUN apt x\n', { transforms: [aptToAptGet] }) }];
    const rule = sarifOf(r, '1.0.0', []).runs[0].tool.driver.rules[0];
    expect(rule).toMatchObject({
      id: 'apt-in-script',
      shortDescription: { text: 'test-apt-get' },
      properties: { transform: 'test-apt-get', category: null },
    });
  });
});

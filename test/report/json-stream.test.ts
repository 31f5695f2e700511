/**
 * `--format json` is written as files finish (src/report/json.ts jsonReportWriter): its bytes must be
 * those of the whole report stringified at the end, for no file, one, many, errors and odd text.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync } from '../../src/index.js';
import { jsonReportWriter, toJsonReport, type JsonMode } from '../../src/report/json.js';
import type { FileResult } from '../../src/report/file-result.js';
import { corpusFiles } from '../helpers/corpus.js';

beforeAll(async () => {
  await initShellParser();
});

function streamed(results: FileResult[], mode: JsonMode): string {
  let out = '';
  const w = jsonReportWriter(mode, '9.9.9-test', (s) => (out += s));
  for (const r of results) w.add(r);
  w.end();
  return out;
}
const whole = (results: FileResult[], mode: JsonMode) =>
  JSON.stringify(toJsonReport(results, mode, '9.9.9-test'), null, 2) + '\n';

const result = (path: string, text: string): FileResult => ({ path, result: slimifySync(text, { filename: path }) });
const error: FileResult = {
  path: 'gone/Dockerfile',
  result: { status: 'error', input: '', output: '', findings: [], estimatedBytes: 0, passes: 0, error: 'cannot read' },
};

describe('the streamed json report', () => {
  it('is the whole report, byte for byte: no file, one, errors, odd text', () => {
    const odd = result(
      'we\u00efrd "path"\\n.Dockerfile',
      'FROM python:3.11\r\nRUN pip install "flask" \\\r\n  \u00e9\tx\r\n',
    );
    const one = result('Dockerfile', 'FROM python:3.11\nRUN pip install flask\n');
    for (const mode of ['diff', 'check', 'write', 'stdin'] as const)
      for (const list of [[], [one], [error], [one, error, odd], [error, error]])
        expect(streamed(list, mode)).toBe(whole(list, mode));
  });

  const sample = corpusFiles().filter((_, i) => i % 23 === 5);
  it.skipIf(!sample.length)('is the whole report over real files (every 23rd corpus file)', () => {
    const files = sample;
    const results = files.map((f) => result(basename(f), readFileSync(f, 'utf8')));
    expect(results.some((r) => r.result.status === 'changed')).toBe(true);
    expect(streamed(results, 'check')).toBe(whole(results, 'check'));
  });
});

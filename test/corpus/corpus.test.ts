/**
 * The whole registry over ../shared/corpus (1,165 real Dockerfiles): no crash, no rewrite
 * discarded by a post-condition, the output re-parses with no new shell errors, a second run
 * changes nothing, and no comment line, directive, BOM or final newline is lost. These checks
 * are made here independently of the engine's own post-conditions.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  initShellParser,
  parseDockerfile,
  slimifySync,
  type SlimifyOptions,
  type SlimifyResult,
} from '../../src/index.js';
import { CORPUS_DIR, corpusFiles } from '../helpers/corpus.js';

const files = corpusFiles();
if (!files.length) console.warn(`[corpus] ${CORPUS_DIR} not found: corpus tests skipped`);

const commentLines = (text: string) =>
  text
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'));

const configs: [string, SlimifyOptions][] = [
  ['safe (default)', {}],
  ['review, every transform', { level: 'review' }],
];

describe.skipIf(!files.length)('corpus', () => {
  beforeAll(async () => {
    await initShellParser();
  });

  for (const [label, options] of configs) {
    describe(label, () => {
      const results = new Map<string, { input: string; result: SlimifyResult }>();
      beforeAll(() => {
        for (const path of files) {
          const input = readFileSync(path, 'utf8');
          results.set(basename(path), { input, result: slimifySync(input, options) });
        }
      });

      it('processes every file without an error or a discarded rewrite', () => {
        const errors = [...results]
          .filter(([, r]) => r.result.status === 'error')
          .map(([f, r]) => `${f}: ${r.result.error}`);
        expect(errors).toEqual([]);
      });

      it('is idempotent: a second run on every output changes nothing', () => {
        const again = [...results]
          .filter(([, r]) => r.result.status === 'changed')
          .filter(([, r]) => slimifySync(r.result.output, options).output !== r.result.output)
          .map(([f]) => f);
        expect(again).toEqual([]);
      });

      it('keeps every comment line, directive, BOM and final newline', () => {
        const lost: string[] = [];
        for (const [f, { input, result }] of results) {
          if (result.status !== 'changed') continue;
          const out = result.output;
          const remaining = commentLines(out);
          for (const c of commentLines(input)) {
            const i = remaining.indexOf(c);
            if (i === -1) lost.push(`${f}: comment lost: ${c}`);
            else remaining.splice(i, 1);
          }
          if (/[\r\n]$/.test(input) !== /[\r\n]$/.test(out)) lost.push(`${f}: final newline changed`);
          if ((input.charCodeAt(0) === 0xfeff) !== (out.charCodeAt(0) === 0xfeff)) lost.push(`${f}: BOM changed`);
          const dirs = (t: string) =>
            parseDockerfile(t)
              .directives.map((d) => `${d.name}=${d.value}`)
              .join(',');
          if (dirs(input) !== dirs(out)) lost.push(`${f}: directives changed`);
          if (input.includes('\r\n') !== out.includes('\r\n')) lost.push(`${f}: line endings changed`);
        }
        expect(lost).toEqual([]);
      });

      it('leaves no RUN body that parsed before unparsable after', () => {
        const broken: string[] = [];
        for (const [f, { input, result }] of results) {
          if (result.status !== 'changed') continue;
          const before = new Set(
            parseDockerfile(input)
              .instructions.filter((i) => i.run?.shell?.script.hasErrors)
              .map((i) => i.run!.shell!.text),
          );
          for (const ins of parseDockerfile(result.output).instructions) {
            if (ins.run?.shell?.script.hasErrors && !before.has(ins.run.shell.text))
              broken.push(`${f}: ${ins.run.shell.text.slice(0, 100)}`);
          }
        }
        expect(broken).toEqual([]);
      });

      it('changes nothing in files where no transform made an edit', () => {
        const touched = [...results]
          .filter(([, r]) => r.result.status === 'unchanged' && r.result.output !== r.input)
          .map(([f]) => f);
        expect(touched).toEqual([]);
      });
    });
  }
});

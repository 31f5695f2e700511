/**
 * Benchmark: the whole corpus through the full pipeline (every transform, review level) in one
 * process, beside the time just to parse the same files (Dockerfile + RUN bodies).
 * Prints totals, per-file medians and the ratio. A benchmark, not a test: no thresholds.
 *   npm run bench [-- --rounds N]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { initShellParser, parseDockerfile, slimifySync } from '../src/index.js';
import { clearShellMemo } from '../src/shell/parser.js';
import { CORPUS_DIR, corpusFiles } from '../test/helpers/corpus.js';

const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg !== -1 ? Number(process.argv[roundsArg + 1]) : 3;
const files = corpusFiles();
if (!files.length) {
  console.error(`corpus not found at ${CORPUS_DIR}`);
  process.exit(2);
}
const texts = files.map((f) => readFileSync(f, 'utf8'));
await initShellParser();

function measure(fn: (text: string) => unknown): { total: number; median: number; p95: number } {
  let best: number[] | null = null;
  for (let r = 0; r < rounds; r++) {
    const times = texts.map((t) => {
      clearShellMemo(); // every file starts cold: no RUN body parsed for an earlier file or round is reused
      const t0 = performance.now();
      fn(t);
      return performance.now() - t0;
    });
    if (!best || sum(times) < sum(best)) best = times;
  }
  const sorted = [...best!].sort((a, b) => a - b);
  return {
    total: sum(best!),
    median: sorted[Math.floor(sorted.length / 2)],
    p95: sorted[Math.floor(sorted.length * 0.95)],
  };
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// Warm up the JIT on both paths before measuring.
for (const t of texts.slice(0, 200)) slimifySync(t, { level: 'review' });

const parse = measure((t) => parseDockerfile(t));
let changed = 0;
const pipeline = measure((t) => {
  if (slimifySync(t, { level: 'review' }).status === 'changed') changed++;
});
changed /= rounds;

const row = (name: string, m: { total: number; median: number; p95: number }) =>
  `${name.padEnd(34)} ${(m.total / 1000).toFixed(2).padStart(7)} s   median ${m.median.toFixed(2).padStart(6)} ms   p95 ${m.p95.toFixed(2).padStart(6)} ms`;
console.log(`corpus: ${files.length} files (${CORPUS_DIR}); best of ${rounds} rounds`);
console.log(row('parse only (Dockerfile + RUN bodies)', parse));
console.log(row('full pipeline (all transforms)', pipeline));
console.log(
  `ratio pipeline/parse: ${(pipeline.total / parse.total).toFixed(2)}x total, ${(pipeline.median / parse.median).toFixed(2)}x median`,
);
console.log(`files changed: ${Math.round(changed)}`);

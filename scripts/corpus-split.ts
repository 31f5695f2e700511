/**
 * Runs slimify over the shared corpus (../shared/corpus/files) with split-runtime-stage alone and
 * with the whole registry (review level): crashes, error statuses, idempotency, and how many files
 * the transform changes or skips, by reason.  Usage: npx tsx scripts/corpus-split.ts [DIR]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initShellParser, slimifySync, type SlimifyOptions } from '../src/index.js';

const dir = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'files');
const ID = 'split-runtime-stage';

await initShellParser();
const files = readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
for (const [label, opts] of [
  ['split-runtime-stage only', { only: [ID] }],
  ['whole registry (review)', { level: 'review' }],
] as [string, SlimifyOptions][]) {
  let changed = 0;
  let errors = 0;
  let notIdempotent = 0;
  const skips = new Map<string, number>();
  const kinds = new Map<string, number>();
  const problems: string[] = [];
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    const r = slimifySync(text, opts);
    if (r.status === 'error') {
      errors++;
      problems.push(`${f}: ${r.error}`);
      continue;
    }
    const mine = r.findings.filter((x) => x.transform === ID);
    for (const x of mine) {
      if (x.applied) kinds.set(x.code, (kinds.get(x.code) ?? 0) + 1);
      if (x.skipped) {
        const key = `${x.skipped.code}: ${x.skipped.detail.replace(/`[^`]*`/g, '`…`').replace(/\b(line \d+|[\w./:-]+:[\w.-]+)\b/g, '…').slice(0, 90)}`;
        skips.set(key, (skips.get(key) ?? 0) + 1);
      }
    }
    if (r.status === 'changed') {
      if (mine.some((x) => x.applied)) changed++;
      const again = slimifySync(r.output, opts);
      if (again.output !== r.output) {
        notIdempotent++;
        problems.push(`${f}: second run changed the output`);
      }
    }
  }
  console.log(`\n## ${label}: ${files.length} files`);
  console.log(`changed by ${ID}: ${changed}; errors: ${errors}; not idempotent: ${notIdempotent}`);
  for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  applied ${k}: ${n}`);
  const totalSkips = [...skips.values()].reduce((a, b) => a + b, 0);
  console.log(`skipped: ${totalSkips}`);
  for (const [k, n] of [...skips].sort((a, b) => b[1] - a[1])) console.log(`  ${n}\t${k}`);
  for (const p of problems.slice(0, 20)) console.log(`  PROBLEM ${p}`);
}

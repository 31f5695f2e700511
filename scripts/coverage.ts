/**
 * How often each transform fires on the corpus: files changed, findings applied, findings
 * skipped (by reason), errors; each transform alone, then the whole registry together.
 *   npm run coverage [-- --by-source] [-- --only=id,id]  (--only: just those transforms, each alone and together)
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { initShellParser, slimifySync, transforms } from '../src/index.js';
import { CORPUS_DIR, corpusFiles } from '../test/helpers/corpus.js';

const files = corpusFiles();
if (!files.length) {
  console.error(`corpus not found at ${CORPUS_DIR}`);
  process.exit(2);
}
const bySource = process.argv.includes('--by-source');
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',').filter(Boolean);
const texts = files.map((f) => ({ name: basename(f), text: readFileSync(f, 'utf8') }));
await initShellParser();

interface Row {
  changed: number;
  applied: number;
  errors: number;
  skipped: Map<string, number>;
  sources: Map<string, number>;
}

function measure(only: string[] | undefined): Row {
  const row: Row = { changed: 0, applied: 0, errors: 0, skipped: new Map(), sources: new Map() };
  for (const { name, text } of texts) {
    const r = slimifySync(text, only ? { only } : { level: 'review' });
    if (r.status === 'error') row.errors++;
    if (r.status === 'changed') {
      row.changed++;
      const source = name.split('__')[0];
      row.sources.set(source, (row.sources.get(source) ?? 0) + 1);
    }
    for (const f of r.findings) {
      if (f.applied) row.applied++;
      if (f.skipped) row.skipped.set(f.skipped.code, (row.skipped.get(f.skipped.code) ?? 0) + 1);
    }
  }
  return row;
}

const print = (label: string, row: Row) => {
  const skipped = [...row.skipped].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') || '-';
  console.log(`${label.padEnd(28)} ${String(row.changed).padStart(5)} ${String(row.applied).padStart(7)} ${String(row.errors).padStart(6)}   ${skipped}`);
  if (bySource) for (const [s, n] of [...row.sources].sort()) console.log(`${''.padEnd(30)}${s}: ${n}`);
};

console.log(`corpus: ${files.length} files (${CORPUS_DIR})`);
console.log(`${'transform'.padEnd(28)} ${'files'.padStart(5)} ${'applied'.padStart(7)} ${'errors'.padStart(6)}   skipped findings by reason`);
for (const t of transforms) if (!onlyArg || onlyArg.includes(t.meta.id)) print(`${t.meta.id} (${t.meta.tier})`, measure([t.meta.id]));
if (onlyArg) print('together', measure(onlyArg));
else print('all (review level)', measure(undefined));

/**
 * How often each transform fires on the corpus: files changed, findings applied, findings
 * skipped (by reason), errors and non-idempotent outputs (both must be 0); each transform alone,
 * then the whole registry together (review level).
 *   npm run coverage                               every transform, then all together
 *   npm run coverage -- --only a,b                 only these transforms, run together
 *   npm run coverage -- --by-source                files changed per corpus source
 *   SLIMIFY_CORPUS=dir npm run coverage            another corpus folder
 * Diffs of sampled rewrites: scripts/audit-sample.ts.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { initShellParser, slimifySync, transforms, type SlimifyOptions } from '../src/index.js';
import { CORPUS_DIR, corpusFiles } from '../test/helpers/corpus.js';

const files = corpusFiles();
if (!files.length) {
  console.error(`corpus not found at ${CORPUS_DIR}`);
  process.exit(2);
}
const args = process.argv.slice(2);
const bySource = args.includes('--by-source');
// --only a,b or --only=a,b
const onlyArg = args.findIndex((a) => a === '--only' || a.startsWith('--only='));
const onlyValue =
  onlyArg === -1
    ? undefined
    : args[onlyArg].startsWith('--only=')
      ? args[onlyArg].slice('--only='.length)
      : args[onlyArg + 1];
const only = onlyValue?.split(',').filter(Boolean);
const texts = files.map((f) => ({ name: basename(f), text: readFileSync(f, 'utf8') }));
await initShellParser();

interface Row {
  changed: number;
  applied: number;
  errors: string[];
  unstable: string[];
  skipped: Map<string, number>;
  sources: Map<string, number>;
}

function measure(options: SlimifyOptions): Row {
  const row: Row = { changed: 0, applied: 0, errors: [], unstable: [], skipped: new Map(), sources: new Map() };
  for (const { name, text } of texts) {
    const r = slimifySync(text, options);
    if (r.status === 'error') row.errors.push(`${name}: ${r.error}`);
    if (r.status === 'changed') {
      row.changed++;
      const source = name.split('__')[0];
      row.sources.set(source, (row.sources.get(source) ?? 0) + 1);
      if (slimifySync(r.output, options).output !== r.output) row.unstable.push(name);
    }
    for (const f of r.findings) {
      if (f.applied) row.applied++;
      if (f.skipped) row.skipped.set(f.skipped.code, (row.skipped.get(f.skipped.code) ?? 0) + 1);
    }
  }
  return row;
}

let bad = 0;
const print = (label: string, row: Row) => {
  const skipped =
    [...row.skipped]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || '-';
  const problems = row.errors.length + row.unstable.length;
  bad += problems;
  console.log(
    `${label.padEnd(34)} ${String(row.changed).padStart(5)} ${String(row.applied).padStart(7)} ${String(problems).padStart(8)}   ${skipped}`,
  );
  for (const e of row.errors) console.log(`${''.padEnd(36)}error: ${e}`);
  for (const u of row.unstable) console.log(`${''.padEnd(36)}second run changes: ${u}`);
  if (bySource) for (const [s, n] of [...row.sources].sort()) console.log(`${''.padEnd(36)}${s}: ${n}`);
};

console.log(`corpus: ${files.length} files (${CORPUS_DIR})`);
console.log(
  `${'transform'.padEnd(34)} ${'files'.padStart(5)} ${'applied'.padStart(7)} ${'problems'.padStart(8)}   skipped findings by reason`,
);
if (only) print(only.join(','), measure({ only }));
else {
  for (const t of transforms) print(`${t.meta.id} (${t.meta.tier})`, measure({ only: [t.meta.id] }));
  print('all (review level)', measure({ level: 'review' }));
}
process.exitCode = bad ? 1 : 0;

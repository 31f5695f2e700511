/**
 * Runs transforms over the shared corpus (../shared/corpus/files) and prints, per transform, how many
 * files it changed and how many findings it skipped (by reason); fails on a crash, an `error` status
 * or a non-idempotent output.
 *
 *   npx tsx scripts/corpus-stats.ts                      # every transform in the registry, review tier included
 *   npx tsx scripts/corpus-stats.ts apt-lists-cleanup,apk-no-cache   # only these, run together
 *   CORPUS=/path/to/files npx tsx scripts/corpus-stats.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initShellParser, slimifySync, transforms } from '../src/index.js';

const dir = process.env.CORPUS ?? '/work/shared/corpus/files';
const only = process.argv[2] ? process.argv[2].split(',') : transforms.map((t) => t.meta.id);
const verbose = process.argv.includes('--verbose');

await initShellParser();
const files = readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
const changed = new Map<string, number>();
const skipped = new Map<string, Map<string, number>>();
const applied = new Map<string, number>();
const problems: string[] = [];
let filesChanged = 0;
for (const f of files) {
  const text = readFileSync(join(dir, f), 'utf8');
  const r = slimifySync(text, { only });
  if (r.status === 'error') {
    problems.push(`${f}: error: ${r.error}`);
    continue;
  }
  if (r.status === 'changed') {
    filesChanged++;
    const again = slimifySync(r.output, { only });
    if (again.status !== 'unchanged') problems.push(`${f}: not idempotent (${again.status}${again.error ? `: ${again.error}` : ''})`);
  }
  const ids = new Set<string>();
  for (const finding of r.findings) {
    if (finding.applied) {
      ids.add(finding.transform);
      applied.set(finding.transform, (applied.get(finding.transform) ?? 0) + 1);
    } else if (finding.skipped) {
      const m = skipped.get(finding.transform) ?? new Map<string, number>();
      m.set(finding.skipped.code, (m.get(finding.skipped.code) ?? 0) + 1);
      skipped.set(finding.transform, m);
      if (verbose) console.log(`  skip ${finding.transform} ${f}:${finding.line} ${finding.skipped.code}: ${finding.skipped.detail}`);
    }
  }
  for (const id of ids) changed.set(id, (changed.get(id) ?? 0) + 1);
}
console.log(`${files.length} files, ${filesChanged} changed, transforms: ${only.length}`);
console.log('transform\tfiles changed\tfindings applied\tskipped findings by reason');
for (const id of only) {
  const s = [...(skipped.get(id) ?? new Map()).entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${v}`).join(' ');
  console.log(`${id}\t${changed.get(id) ?? 0}\t${applied.get(id) ?? 0}\t${s || '-'}`);
}
if (problems.length) {
  console.log(`\n${problems.length} problem(s):`);
  for (const p of problems) console.log(`  ${p}`);
  process.exitCode = 1;
}

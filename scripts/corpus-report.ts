/**
 * Runs transforms over the shared corpus and reports, per transform, how many files it changes and
 * skips (by reason), plus any error status or non-idempotent output (both must be zero).
 *   npx tsx scripts/corpus-report.ts --only merge-run,fold-cleanup-run   (those transforms, review tier included)
 *   npx tsx scripts/corpus-report.ts --all                                 (the whole registry, review tier included)
 * Options: --dir <corpus files dir> (default ../shared/corpus/files), --show <transform> (print the diffs of that transform).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initShellParser, slimifySync, transforms, type SlimifyOptions } from '../src/index.js';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
};
const dir = arg('--dir') ?? join(process.cwd(), '..', 'shared', 'corpus', 'files');
const only = arg('--only')?.split(',');
const show = arg('--show');
const options: SlimifyOptions = only ? { only } : { level: 'review' };
const ids = only ?? transforms.map((t) => t.meta.id);

await initShellParser();
const files = readdirSync(dir).filter((f) => f.endsWith('.Dockerfile')).sort();
const changedBy = new Map<string, Set<string>>();
const applied = new Map<string, number>();
const skippedBy = new Map<string, Map<string, Set<string>>>();
const errors: string[] = [];
const unstable: string[] = [];
let changedFiles = 0;
let maxPasses = 0;
for (const f of files) {
  const text = readFileSync(join(dir, f), 'utf8');
  const r = slimifySync(text, options);
  if (r.status === 'error') {
    errors.push(`${f}: ${r.error}`);
    continue;
  }
  maxPasses = Math.max(maxPasses, r.passes);
  if (r.status === 'changed') {
    changedFiles++;
    const again = slimifySync(r.output, options);
    if (again.status !== 'unchanged') unstable.push(`${f}: second run ${again.status} ${again.error ?? ''}`);
  }
  for (const fi of r.findings) {
    if (fi.applied) {
      if (!changedBy.has(fi.transform)) changedBy.set(fi.transform, new Set());
      changedBy.get(fi.transform)!.add(f);
      applied.set(fi.transform, (applied.get(fi.transform) ?? 0) + 1);
      if (show === fi.transform) console.log(`--- ${f} (${fi.code}, line ${fi.line})`);
    } else if (!fi.skipped && !fi.edits?.length) {
      const m = skippedBy.get(fi.transform) ?? new Map<string, Set<string>>();
      skippedBy.set(fi.transform, m);
      const key = `advisory (no edit): ${fi.code}`;
      if (!m.has(key)) m.set(key, new Set());
      m.get(key)!.add(f);
    } else if (fi.skipped) {
      const key = `${fi.skipped.code}: ${fi.skipped.detail.replace(/\d+|\/\S+|"[^"]*"/g, '…')}`;
      const m = skippedBy.get(fi.transform) ?? new Map<string, Set<string>>();
      skippedBy.set(fi.transform, m);
      if (!m.has(key)) m.set(key, new Set());
      m.get(key)!.add(f);
    }
  }
  if (show && r.status === 'changed' && r.findings.some((x) => x.applied && x.transform === show)) {
    const { unifiedDiff } = await import('../src/report/diff.js');
    console.log(unifiedDiff(f, text, r.output));
  }
}
console.log(`corpus: ${files.length} files, ${changedFiles} changed, errors ${errors.length}, non-idempotent ${unstable.length}, max passes ${maxPasses}`);
for (const e of [...errors, ...unstable]) console.log(`  ! ${e}`);
for (const id of ids) {
  console.log(`${id}: changes ${changedBy.get(id)?.size ?? 0} files (${applied.get(id) ?? 0} findings applied)`);
  const m = skippedBy.get(id);
  if (!m) continue;
  const rows = [...m].sort((a, b) => b[1].size - a[1].size);
  for (const [reason, fs] of rows) console.log(`    ${reason.startsWith('advisory') ? 'reported' : 'skipped'} in ${fs.size} files: ${reason}`);
}
if (errors.length || unstable.length) process.exitCode = 1;

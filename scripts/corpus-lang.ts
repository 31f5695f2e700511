/**
 * Runs the language package manager transforms over the shared corpus and prints, per transform,
 * how many files it changes and how many findings it skips by reason; checks no crash, no `error`
 * status and idempotent output. Usage: npx tsx scripts/corpus-lang.ts [--all] [corpus dir]
 *   --all: run every transform of the registry (review tier included) instead of only ours.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initShellParser, slimifySync, transforms } from '../src/index.js';

const LANG_IDS = [
  'pip-no-cache-dir', 'npm-cache-clean', 'yarn-cache-clean', 'composer-clear-cache', 'gem-no-document',
  'go-clean-cache', 'cargo-registry-clean',
];

const args = process.argv.slice(2);
const all = args.includes('--all');
const dir = args.find((a) => !a.startsWith('--')) ?? '/work/shared/corpus/files';
const ids = all ? transforms.map((t) => t.meta.id) : LANG_IDS.filter((id) => transforms.some((t) => t.meta.id === id));

await initShellParser();
const files = readdirSync(dir).filter((f) => f.endsWith('.Dockerfile')).sort();
const changed = new Map<string, number>();
const applied = new Map<string, number>();
const skipped = new Map<string, Map<string, number>>();
const problems: string[] = [];
let filesChanged = 0;
for (const f of files) {
  const text = readFileSync(join(dir, f), 'utf8');
  const r = slimifySync(text, { only: ids });
  if (r.status === 'error') {
    problems.push(`${f}: ${r.error}`);
    continue;
  }
  if (r.status === 'changed') {
    filesChanged++;
    const again = slimifySync(r.output, { only: ids });
    if (again.status !== 'unchanged') problems.push(`${f}: not idempotent (${again.status} ${again.error ?? ''})`);
  }
  const touched = new Set<string>();
  for (const x of r.findings) {
    if (!ids.includes(x.transform)) continue;
    if (x.applied) {
      touched.add(x.transform);
      applied.set(x.transform, (applied.get(x.transform) ?? 0) + 1);
    }
    if (x.skipped) {
      const m = skipped.get(x.transform) ?? new Map<string, number>();
      m.set(x.skipped.code, (m.get(x.skipped.code) ?? 0) + 1);
      skipped.set(x.transform, m);
    }
  }
  for (const t of touched) changed.set(t, (changed.get(t) ?? 0) + 1);
}
console.log(`${files.length} files, ${filesChanged} changed, ${problems.length} problems (transforms: ${all ? 'whole registry' : 'language package managers'})`);
for (const id of ids) {
  const sk = [...(skipped.get(id) ?? new Map()).entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  if (!changed.get(id) && !sk && all && !LANG_IDS.includes(id)) continue;
  console.log(`${id.padEnd(22)} files changed ${String(changed.get(id) ?? 0).padStart(4)}  edits ${String(applied.get(id) ?? 0).padStart(4)}  skipped: ${sk || '-'}`);
}
for (const p of problems) console.log(`PROBLEM ${p}`);
process.exitCode = problems.length ? 1 : 0;

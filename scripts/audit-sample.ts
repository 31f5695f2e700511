/**
 * Prints the unified diffs of a reproducible random sample of corpus files that the transforms
 * change, so a human can read the rewrites critically (would it still build, and behave the same?).
 *
 *   npx tsx scripts/audit-sample.ts                         # 20 files, whole registry at level review, seed 1
 *   npx tsx scripts/audit-sample.ts --only pip-no-cache-dir # only files this transform changes, run alone
 *   npx tsx scripts/audit-sample.ts --only a,b --n 10 --seed 7 --level safe
 *   npx tsx scripts/audit-sample.ts --files 0042.Dockerfile,0100.Dockerfile   # these files, no sampling
 *   npx tsx scripts/audit-sample.ts --list                  # names only (sample order), no diffs
 *   CORPUS=/path/to/files npx tsx scripts/audit-sample.ts
 *
 * The sample is drawn from the sorted list of changed files with a seeded PRNG (mulberry32), so the
 * same seed, options and corpus give the same files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initShellParser, slimifySync, transforms } from '../src/index.js';
import { unifiedDiff } from '../src/report/diff.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dir = process.env.CORPUS ?? '/work/shared/corpus/files';
const only = arg('only')?.split(',');
const n = Number(arg('n') ?? 20);
const seed = Number(arg('seed') ?? 1);
const level = (arg('level') ?? 'review') as 'safe' | 'review';
const listOnly = process.argv.includes('--list');
const explicit = arg('files')?.split(',');

for (const id of only ?? []) {
  if (!transforms.some((t) => t.meta.id === id)) throw new Error(`unknown transform id: ${id}`);
}

function mulberry32(a: number): () => number {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

await initShellParser();
const options = only ? { only } : { level };
const files =
  explicit ??
  readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort();
const results = new Map<string, ReturnType<typeof slimifySync>>();
for (const f of files) {
  const r = slimifySync(readFileSync(join(dir, f), 'utf8'), { ...options, filename: f });
  if (r.status === 'changed') results.set(f, r);
}
const changed = [...results.keys()];
let sample = changed;
if (!explicit) {
  const rand = mulberry32(seed);
  const pool = [...changed];
  // Fisher-Yates, then take the first n.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  sample = pool.slice(0, n);
}
console.log(
  `# ${changed.length} of ${files.length} files changed (${only ? `only ${only.join(',')}` : `level ${level}`}); showing ${sample.length}, seed ${seed}`,
);
for (const f of sample) {
  const r = results.get(f)!;
  const applied = r.findings.filter((x) => x.applied);
  const ids = [...new Set(applied.map((x) => x.transform))];
  if (listOnly) {
    console.log(`${f}\t${ids.join(',')}`);
    continue;
  }
  console.log(`\n######## ${f}  [${ids.join(', ')}]`);
  const base = r.input.match(/^\s*FROM\s+.*$/gim);
  if (base) console.log(`# ${base.map((b) => b.trim()).join(' | ')}`);
  for (const x of applied) console.log(`#   ${x.transform} L${(x as { line?: number }).line ?? '?'}: ${x.message}`);
  console.log(unifiedDiff(f, r.input, r.output));
}

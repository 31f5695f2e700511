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
 *   npx tsx scripts/audit-sample.ts --md audit.md --per 3 --seed 1   # per-edit sample for an expert reading
 *
 * `--md FILE` draws, for every transform, up to `--per` applied findings (safe-tier transforms at
 * level safe, review-tier ones at level review) with the seeded PRNG, and writes each one's diff
 * hunks (5 lines of context, only the hunks its lines touch) with its message and estimate, a
 * verdict line to fill in, and a tally template per transform (edits read, correct, risky, wrong,
 * no effect) into a Markdown file.
 *
 * The sample is drawn from the sorted list of changed files with a seeded PRNG (mulberry32), so the
 * same seed, options and corpus give the same files.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
const md = arg('md');
if (md) {
  writeFileSync(md, perEditSample(Number(arg('per') ?? 3)));
  console.log(`wrote ${md}`);
  process.exit(0);
}
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

/** The hunks of `diff` (a unified diff) whose old-file lines overlap [from, to] (1-based). */
function hunksTouching(diff: string, from: number, to: number): string[] {
  const hunks = diff.split(/\n(?=@@ )/).slice(1);
  return hunks.filter((h) => {
    const m = /^@@ -(\d+)(?:,(\d+))? /.exec(h);
    if (!m) return false;
    const start = Number(m[1]);
    const end = start + Math.max(1, Number(m[2] ?? 1)) - 1;
    return start <= to && end >= from;
  });
}

function perEditSample(per: number): string {
  const names = readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort();
  interface Edit {
    file: string;
    level: 'safe' | 'review';
    finding: ReturnType<typeof slimifySync>['findings'][number];
    hunks: string[];
    others: string[];
  }
  const byTransform = new Map<string, Edit[]>();
  for (const lvl of ['safe', 'review'] as const) {
    for (const f of names) {
      const r = slimifySync(readFileSync(join(dir, f), 'utf8'), { level: lvl, filename: f });
      if (r.status !== 'changed') continue;
      const diff = unifiedDiff(f, r.input, r.output, { context: 5 });
      const applied = r.findings.filter((x) => x.applied);
      for (const x of applied) {
        const t = transforms.find((tr) => tr.meta.id === x.transform)!;
        if (t.meta.tier !== lvl) continue; // safe-tier edits are read at level safe, review-tier ones at review
        const hunks = hunksTouching(diff, x.line, x.endLine);
        const others = [
          ...new Set(
            applied
              .filter((o) => o !== x && o.line <= x.endLine + 5 && o.endLine >= x.line - 5)
              .map((o) => o.transform),
          ),
        ];
        const list = byTransform.get(x.transform) ?? [];
        list.push({ file: f, level: lvl, finding: x, hunks, others });
        byTransform.set(x.transform, list);
      }
    }
  }
  const rand = mulberry32(seed);
  const out: string[] = [
    `# slimify semantic audit sample`,
    '',
    `Corpus: \`${dir}\` (${names.length} files). Seed ${seed}, up to ${per} applied edits per transform; safe-tier transforms read at level safe, review-tier ones at level review. Regenerate: \`npx tsx scripts/audit-sample.ts --md FILE --per ${per} --seed ${seed}\`.`,
    '',
    'For each edit: would the image still build and behave the same, and does the edit save bytes in a shipped image or remove a hazard? Mark one verdict: **correct**, **risky** (plausible but depends on something the file does not show), **wrong** (breaks the build/program or grows the image), **no effect** (saves nothing, removes no hazard).',
    '',
  ];
  const tally: string[] = [
    '| transform | tier | edits in corpus | edits read | correct | risky | wrong | no effect |',
    '|---|---|---|---|---|---|---|---|',
  ];
  let k = 0;
  for (const t of transforms) {
    const all = byTransform.get(t.meta.id) ?? [];
    const pool = [...all];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    const picked = pool.slice(0, per);
    tally.push(`| ${t.meta.id} | ${t.meta.tier} | ${all.length} | ${picked.length} |  |  |  |  |`);
    out.push(
      `## ${t.meta.id} (${t.meta.tier}): ${all.length} applied edit(s) in the corpus, ${picked.length} drawn`,
      '',
    );
    for (const e of picked) {
      k++;
      const x = e.finding;
      out.push(
        `### E${k}. \`${e.file}\` line ${x.line}${x.endLine !== x.line ? `-${x.endLine}` : ''} (level ${e.level})`,
        '',
      );
      out.push(`> ${x.message.replace(/\n/g, ' ')}`, '');
      if (x.estimate)
        out.push(
          `Estimate: ${x.estimate.bytes === null ? 'unknown' : `${x.estimate.bytes} bytes`} (${x.estimate.basis}): ${x.estimate.note}`,
          '',
        );
      if (e.others.length) out.push(`Other edits in these lines: ${e.others.join(', ')}`, '');
      out.push(
        '```diff',
        ...(e.hunks.length ? e.hunks.map((h) => h.trimEnd()) : ['(no hunk found for these lines)']),
        '```',
        '',
      );
      out.push('Verdict: correct / risky / wrong / no effect — note: ', '');
    }
  }
  out.push('## Tally', '', ...tally, '');
  return out.join('\n');
}

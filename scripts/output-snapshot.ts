/**
 * A digest of everything slimify produces for the corpus and every fixture input, at both
 * levels: one line per file and level with a hash of the output text and a hash of the findings
 * (transform, code, message, span, applied, skip reason, estimate) and of the diff and summary
 * line the CLI prints. Refactors that must not
 * change behaviour compare two runs:
 *   npx tsx scripts/output-snapshot.ts > before.tsv   (then after the change)
 *   npx tsx scripts/output-snapshot.ts > after.tsv && diff before.tsv after.tsv
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { initShellParser, slimifySync, type SlimifyOptions } from '../src/index.js';
import { REPO_ROOT, corpusFiles } from '../test/helpers/corpus.js';
import { unifiedDiff } from '../src/report/diff.js';
import { summaryLine } from '../src/report/text.js';

function fixtureInputs(): string[] {
  const out: string[] = [];
  const root = join(REPO_ROOT, 'transforms');
  for (const id of readdirSync(root, { withFileTypes: true })) {
    if (!id.isDirectory()) continue;
    const dir = join(root, id.name, '__fixtures__');
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names.sort()) if (n.includes('.input.')) out.push(join(dir, n));
  }
  return out;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
await initShellParser();
const levels: [string, SlimifyOptions][] = [
  ['safe', {}],
  ['review', { level: 'review' }],
];
for (const file of [...corpusFiles(), ...fixtureInputs()]) {
  const text = readFileSync(file, 'utf8');
  const name = file.startsWith(REPO_ROOT) ? relative(REPO_ROOT, file) : 'corpus/' + file.split('/').pop();
  for (const [label, options] of levels) {
    const r = slimifySync(text, { ...options, filename: name });
    const findings = r.findings.map((f) => ({
      t: f.transform,
      c: f.code,
      m: f.message,
      s: f.span,
      a: f.applied,
      k: f.skipped?.code,
      kd: f.skipped?.detail,
      e: f.estimate,
      h: f.hadolint,
      tier: f.tier,
    }));
    const shown = unifiedDiff(name, r.input, r.output) + summaryLine({ path: name, result: r });
    console.log(
      `${name}\t${label}\t${r.status}\t${hash(r.output)}\t${hash(JSON.stringify(findings))}\t${hash(shown)}\t${r.estimatedBytes}`,
    );
  }
}

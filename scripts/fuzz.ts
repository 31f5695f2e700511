/**
 * Mutation fuzzing (issue 16): seeded mutants of the corpus (or of the fixture inputs when the corpus
 * is absent) through the library in one process. Reports crashes (anything thrown), errors by
 * cause, and idempotence (a second run over a changed output must change nothing).
 *   npx tsx scripts/fuzz.ts [--seed 1] [--count 3000] [--level review] [--save DIR]
 * Same seed, same mutants. --save writes every crash, internal error, safety-net error and
 * non-idempotent mutant to DIR for replay (`slimify --level review DIR/<name>`).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initShellParser, slimifySync, type SlimifyOptions } from '../src/index.js';
import { REPO_ROOT, corpusFiles } from '../test/helpers/corpus.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const seed = Number(arg('seed', '1'));
const count = Number(arg('count', '3000'));
const level = arg('level', 'review') as SlimifyOptions['level'];
const saveDir = arg('save', '');

/** mulberry32: small, seedable, good enough to pick mutations. */
function rng(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(seed);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];

function sources(): { name: string; text: string }[] {
  const files = corpusFiles();
  if (files.length) return files.map((f) => ({ name: f.split('/').pop()!, text: readFileSync(f, 'utf8') }));
  const out: { name: string; text: string }[] = [];
  const root = join(REPO_ROOT, 'transforms');
  for (const id of readdirSync(root)) {
    let names: string[];
    try {
      names = readdirSync(join(root, id, '__fixtures__'));
    } catch {
      continue;
    }
    for (const n of names)
      if (n.includes('.input.')) out.push({ name: n, text: readFileSync(join(root, id, '__fixtures__', n), 'utf8') });
  }
  return out;
}

const SNIPPETS = [
  '\\',
  '\\ ',
  ' \\\n',
  '$(',
  ')',
  '`',
  '"',
  "'",
  '<<EOF\n',
  '<<-EOT',
  '&&',
  '||',
  ';',
  '|',
  '#',
  '\r',
  '\r\n',
  '\t',
  '${',
  '}',
  '\u00e9',
  '\ufeff',
  ' && apt-get update',
  ' && pip install x',
  'RUN ',
  'FROM ',
  'COPY --from=0 ',
  '--mount=type=cache,target=/root/.cache ',
  '# syntax=docker/dockerfile:1\n',
  '# escape=`\n',
];

type Mutation = (lines: string[], text: string) => string;
const join1 = (lines: string[]) => lines.join('\n');
const MUTATIONS: [string, Mutation][] = [
  ['delete-line', (l) => (l.splice(int(l.length), 1), join1(l))],
  ['duplicate-line', (l) => (l.splice(int(l.length), 0, pick(l)), join1(l))],
  [
    'swap-lines',
    (l) => {
      const i = int(l.length);
      const j = int(l.length);
      [l[i], l[j]] = [l[j], l[i]];
      return join1(l);
    },
  ],
  [
    'insert-snippet',
    (_l, t) => {
      const at = int(t.length + 1);
      return t.slice(0, at) + pick(SNIPPETS) + t.slice(at);
    },
  ],
  [
    'insert-bytes',
    (_l, t) => {
      const at = int(t.length + 1);
      const bytes = Array.from({ length: 1 + int(8) }, () => String.fromCharCode(1 + int(126))).join('');
      return t.slice(0, at) + bytes + t.slice(at);
    },
  ],
  ['truncate', (_l, t) => t.slice(0, int(t.length + 1))],
  ['to-crlf', (_l, t) => t.replace(/\r?\n/g, '\r\n')],
  ['to-cr', (_l, t) => t.replace(/\r?\n/g, '\r')],
  ['strip-final-newline', (_l, t) => t.replace(/\s+$/, '')],
  ['end-backslash-space', (_l, t) => t.replace(/\s+$/, '') + ' \\ '],
  ['end-heredoc-marker', (_l, t) => t.replace(/\s+$/, '') + ' <<-EOT'],
  [
    'deep-nesting',
    (l) => {
      const depth = pick([50, 500, 2000]);
      const kind = pick(['$(', '( ', '&&', '|']);
      const body =
        kind === '$('
          ? 'echo ' + '$('.repeat(depth) + 'x' + ')'.repeat(depth)
          : kind === '( '
            ? '( '.repeat(depth) + 'x' + ' )'.repeat(depth)
            : Array.from({ length: depth }, (_, i) => `echo ${i}`).join(` ${kind} `);
      l.splice(1 + int(l.length), 0, `RUN ${body}`);
      return join1(l);
    },
  ],
];

await initShellParser();
const all = sources();
const stats = {
  mutants: 0,
  crashes: 0,
  changed: 0,
  unchanged: 0,
  errors: 0,
  idempotent: 0,
  notIdempotent: 0,
};
const causes = new Map<string, { n: number; example: string }>();
const byMutation = new Map<string, number>();
const slowest: { ms: number; name: string }[] = [];
const save = (name: string, text: string) => {
  if (!saveDir) return;
  mkdirSync(saveDir, { recursive: true });
  writeFileSync(join(saveDir, name), text);
};
/** An error message without its numbers, quoted snippets and paths: its cause. */
const cause = (msg: string) =>
  msg
    .replace(/`[^`]*`|"[^"]*"|: [^;:]{40,}/g, '…')
    .replace(/\d+/g, 'N')
    .replace(/\n[\s\S]*/, '')
    .slice(0, 140);

const t0 = performance.now();
for (let i = 0; i < count; i++) {
  const src = pick(all);
  const [mname, mutate] = pick(MUTATIONS);
  const rounds = 1 + (random() < 0.3 ? 1 : 0); // some mutants get two mutations
  let text = src.text;
  let label = mname;
  text = mutate(text.split('\n'), text);
  if (rounds > 1) {
    const [m2, f2] = pick(MUTATIONS);
    text = f2(text.split('\n'), text);
    label += '+' + m2;
  }
  const name = `${String(i).padStart(5, '0')}-${label}-${src.name}`;
  stats.mutants++;
  await initShellParser(); // a new parser instance after an abort, as the CLI does
  const s0 = performance.now();
  try {
    const r = slimifySync(text, { level, filename: name });
    if (r.status === 'error') {
      stats.errors++;
      const c = cause(r.error ?? '');
      const e = causes.get(c) ?? { n: 0, example: name };
      e.n++;
      causes.set(c, e);
      byMutation.set(label, (byMutation.get(label) ?? 0) + 1);
      if (/internal error|safety check|RangeError/.test(r.error ?? '')) save(name, text);
    } else if (r.status === 'changed') {
      stats.changed++;
      const again = slimifySync(r.output, { level, filename: name });
      if (again.status === 'unchanged') stats.idempotent++;
      else {
        stats.notIdempotent++;
        save(name, text);
      }
    } else stats.unchanged++;
  } catch (err) {
    stats.crashes++;
    save(name, text);
    const c = `THROWN: ${cause(err instanceof Error ? err.message : String(err))}`;
    const e = causes.get(c) ?? { n: 0, example: name };
    e.n++;
    causes.set(c, e);
  }
  const ms = performance.now() - s0;
  slowest.push({ ms, name });
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 5);
}
const secs = (performance.now() - t0) / 1000;

const pct = (n: number, of: number) => (of ? ((100 * n) / of).toFixed(1) : '100.0') + ' %';
console.log(
  `fuzz: seed ${seed}, ${stats.mutants} mutants of ${all.length} files, level ${level}, ${secs.toFixed(1)} s`,
);
console.log(`  crashes (thrown): ${stats.crashes}`);
console.log(`  changed ${stats.changed}, unchanged ${stats.unchanged}, errors ${stats.errors}`);
console.log(
  `  idempotence: ${stats.idempotent}/${stats.changed} changed outputs unchanged by a second run (${pct(stats.idempotent, stats.changed)})`,
);
console.log('  errors by cause:');
for (const [c, e] of [...causes].sort((a, b) => b[1].n - a[1].n))
  console.log(`    ${String(e.n).padStart(5)}  ${c}   (e.g. ${e.example})`);
console.log('  errors by mutation:');
for (const [m, n] of [...byMutation].sort((a, b) => b[1] - a[1]).slice(0, 12))
  console.log(`    ${String(n).padStart(5)}  ${m}`);
console.log('  slowest mutants:');
for (const s of slowest) console.log(`    ${s.ms.toFixed(0).padStart(7)} ms  ${s.name}`);

/**
 * Benchmark (issues 14 and 16): wall time, CPU time and peak memory of the real executable, each
 * beside the cost of just parsing the same input with the same two parsers (the "parse floor").
 *   1. one file, cold start: `slimify --check <file>` against a cold parse-floor process (median of N);
 *   2. the corpus in one process: `slimify --check <corpus folder>` against the floor over every
 *      file and every RUN body, and peak memory against the same run over half the files (flat: ~1x);
 *   3. generated 64 KB / 256 KB / 1 MB Dockerfiles: time and peak memory, as ratios between sizes
 *      (linear: ~4x per step).
 * Both sides are bundled with esbuild the same way (the bin is dist/bundle/slimify.cjs; this script
 * re-bundles first, so it measures the current source). A benchmark, not a test: no thresholds.
 *   npm run bench [-- --runs N] [-- --sizes 64,256,1024] [-- --file F] [-- --skip corpus,sizes]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildCached } from './cached-bundle.mjs';
import { CORPUS_DIR, REPO_ROOT, corpusFiles } from '../test/helpers/corpus.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('runs', '7'));
const sizes = arg('sizes', '64,256,1024').split(',').map(Number);
const skip = new Set(arg('skip', '').split(','));
const oneFile = arg('file', join(REPO_ROOT, 'examples', 'python-api', 'Dockerfile'));
const timeoutSec = Number(arg('timeout', '900'));

// Build both sides the same way: one CommonJS bundle each, started by the same bin (src/cli/bin.cts)
// with its V8 code cache.
spawnOrDie(process.execPath, [join(REPO_ROOT, 'scripts', 'bundle.mjs')]);
const BIN = join(REPO_ROOT, 'dist', 'bundle', 'slimify.cjs');
const benchDir = join(REPO_ROOT, 'dist', 'bench');
mkdirSync(benchDir, { recursive: true });
const { bin: FLOOR } = await buildCached({
  entry: join(REPO_ROOT, 'scripts', 'parse-floor.ts'),
  outdir: benchDir,
  name: 'parse-floor',
  external: ['web-tree-sitter', 'tree-sitter-bash'],
});

const work = mkdtempSync(join(tmpdir(), 'slimify-bench-'));
const usageFile = join(work, 'usage.json');
// Each child reports its own CPU time and peak RSS when it exits (a CommonJS preload: an ES one
// would start Node's ES module loader in both programs, which neither needs). With
// SLIMIFY_BENCH_LIVE=1 also the heap still alive after a full collection at exit: what the run
// kept, apart from how large V8 let its heap grow (which moves peak RSS from run to run).
const HOOK = join(work, 'usage-hook.cjs');
writeFileSync(
  HOOK,
  "process.on('exit',()=>{const u=process.resourceUsage();let live=null;if(process.env.SLIMIFY_BENCH_LIVE){" +
    "require('node:v8').setFlagsFromString('--expose-gc');require('node:vm').runInNewContext('gc')();" +
    'live=process.memoryUsage().heapUsed}' +
    "require('node:fs').writeFileSync(process.env.SLIMIFY_BENCH_USAGE," +
    'JSON.stringify({cpu:(u.userCPUTime+u.systemCPUTime)/1e6,rss:u.maxRSS*1024,live}))})\n',
);
// Both bins keep their V8 code cache here (src/cli/bin.cts), not in the user's cache folder.
const compileCache = join(work, 'compile-cache');
const env: NodeJS.ProcessEnv = {
  ...process.env,
  SLIMIFY_BENCH_USAGE: usageFile,
  SLIMIFY_COMPILE_CACHE: compileCache,
  NO_COLOR: '1',
};
delete env.NODE_OPTIONS;

interface Sample {
  wall: number;
  cpu: number;
  rss: number;
  /** Bytes alive after a full collection at exit (only with `live`; else NaN). */
  live: number;
  ok: boolean;
  note: string;
}

function once(script: string, args: string[], live = false): Sample {
  rmSync(usageFile, { force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', HOOK, script, ...args], {
    env: live ? { ...env, SLIMIFY_BENCH_LIVE: '1' } : env,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: timeoutSec * 1000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - t0) / 1000;
  let usage = { cpu: NaN, rss: NaN, live: NaN };
  try {
    const read = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpu: number; rss: number; live: number | null };
    usage = { ...read, live: read.live ?? NaN };
  } catch {
    // killed by the timeout: no report
  }
  // --check exits 1 when a file would change; 2 is an error.
  const ok = r.status === 0 || r.status === 1;
  const note = r.signal
    ? `killed (${r.signal}) after ${timeoutSec} s`
    : ok
      ? ''
      : `exit ${r.status}: ${(r.stderr ?? '').trim().split('\n').slice(-1)[0]}`;
  return { wall, ...usage, ok, note };
}

function median(script: string, args: string[], n: number): Sample {
  return summary(Array.from({ length: n }, () => once(script, args)));
}

function summary(samples: Sample[]): Sample {
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    wall: mid(samples.map((s) => s.wall)),
    cpu: mid(samples.map((s) => s.cpu)),
    rss: mid(samples.map((s) => s.rss)),
    live: mid(samples.map((s) => s.live)),
    ok: samples.every((s) => s.ok),
    note: samples.find((s) => s.note)?.note ?? '',
  };
}

/**
 * Medians of n spawns of each program, taken in turn (a, b, a, b, ...) so a change in the machine's
 * load falls on both. `fresh`: every spawn starts with no code cache (a first run after install).
 */
function alternating(programs: [string, string[]][], n: number, fresh: boolean): { medians: Sample[]; spread: string } {
  const samples = programs.map((): Sample[] => []);
  for (let i = 0; i < n; i++)
    programs.forEach(([script, args], j) => {
      if (fresh) rmSync(compileCache, { recursive: true, force: true });
      samples[j].push(once(script, args));
    });
  return { medians: samples.map(summary), spread: pairSpread(samples[0], samples[1]) };
}

/**
 * The wall-time ratio of each spawn of the first program to the spawn of the second taken just after
 * it, as quartiles: how much of the ratio of medians is the machine's noise (a shared machine's
 * speed changes between bench runs, and within one).
 */
function pairSpread(a: Sample[], b: Sample[]): string {
  const r = a.map((s, i) => s.wall / b[i].wall).sort((x, y) => x - y);
  const q = (f: number) => r[Math.min(r.length - 1, Math.floor(f * r.length))].toFixed(2);
  return `per spawn pair: quartiles ${q(0.25)}x / ${q(0.5)}x / ${q(0.75)}x wall`;
}

const fmt = (s: Sample) =>
  `${s.wall.toFixed(2).padStart(7)} s wall  ${s.cpu.toFixed(2).padStart(7)} s cpu  ${(s.rss / 2 ** 20).toFixed(0).padStart(5)} MB max RSS` +
  (s.note ? `  (${s.note})` : '');
const ratio = (a: Sample, b: Sample) =>
  `${(a.wall / b.wall).toFixed(2)}x wall, ${(a.cpu / b.cpu).toFixed(2)}x cpu, ${(a.rss / b.rss).toFixed(2)}x RSS`;
const row = (label: string, s: Sample) => console.log(`  ${label.padEnd(28)} ${fmt(s)}`);

console.log(`node ${process.version}, ${runs} runs per median; bin ${BIN}`);

// 1. One file, cold: a new process each time, as a pre-commit hook or an editor runs it. Twice: with
// the code cache both bins keep (every run after the first), and with none (the first run).
{
  const programs: [string, string[]][] = [
    [BIN, ['--check', oneFile]],
    [FLOOR, [oneFile]],
  ];
  once(BIN, ['--check', oneFile]); // fills the code caches
  once(FLOOR, [oneFile]);
  const warm = alternating(programs, runs, false);
  const first = alternating(programs, runs, true);
  const [slim, floor] = warm.medians;
  const [slimFirst, floorFirst] = first.medians;
  console.log(`\none file, cold start (${oneFile.replace(REPO_ROOT + '/', '')}), median of ${runs} spawns each:`);
  row('slimify --check', slim);
  row('parse floor', floor);
  console.log(`  ratio slimify/floor: ${ratio(slim, floor)}   (goal: <= 0.4 s, <= 1.2x)`);
  console.log(`  ${warm.spread}`);
  console.log('  first run (no code cache yet, both sides):');
  row('slimify --check', slimFirst);
  row('parse floor', floorFirst);
  console.log(`  ratio slimify/floor: ${ratio(slimFirst, floorFirst)}`);
  console.log(`  ${first.spread}`);
}

// 2. The corpus, one process.
if (!skip.has('corpus')) {
  const files = corpusFiles();
  if (!files.length) console.log(`\ncorpus not found at ${CORPUS_DIR}: skipped`);
  else {
    const n = Math.max(1, Math.min(3, runs));
    const floor = median(FLOOR, [CORPUS_DIR], n);
    const slim = median(BIN, ['--check', CORPUS_DIR], n);
    console.log(`\ncorpus (${files.length} files, one process), median of ${n}:`);
    row('slimify --check <folder>', slim);
    row('parse floor', floor);
    console.log(`  ratio slimify/floor: ${ratio(slim, floor)}   (goal: <= 3x)`);
    // Memory flat in the number of files: the same run over the first half of the files.
    const halfDir = join(work, 'corpus-half');
    mkdirSync(halfDir);
    const half = files.slice(0, Math.ceil(files.length / 2));
    for (const f of half) copyFileSync(f, join(halfDir, basename(f)));
    const slimHalf = median(BIN, ['--check', halfDir], n);
    row(`slimify, first ${half.length} files`, slimHalf);
    console.log(
      `  memory: ${(slim.rss / slimHalf.rss).toFixed(2)}x max RSS for ${(files.length / half.length).toFixed(1)}x the files   (goal: flat, ~1x)`,
    );
    // And against a run over 5,000 files (the issue's goal): the corpus copied under new names
    // (a-<name>, b-<name>, ...), each copy's shell-form RUN bodies made its own (`RUN : a; ...`), so
    // no parse or other memo can serve one copy from another: 5,000 different files, as a large
    // monorepo has. One spawn, not a median: it is the longest run here.
    const MANY_FILES = 5000;
    const manyDir = join(work, 'corpus-many');
    mkdirSync(manyDir);
    const many = Array.from({ length: Math.ceil(MANY_FILES / files.length) }, (_, i) =>
      files.map((f) => ({ from: f, to: join(manyDir, `${String.fromCharCode(97 + i)}-${basename(f)}`) })),
    )
      .flat()
      .slice(0, MANY_FILES);
    for (const [n, { from, to }] of many.entries()) {
      const copy = String.fromCharCode(97 + Math.floor(n / files.length));
      writeFileSync(to, readFileSync(from, 'utf8').replace(/^RUN (?!\[)/gm, `RUN : ${copy}; `));
    }
    const slimMany = once(BIN, ['--check', manyDir], true);
    row(`slimify, ${many.length} files (once)`, slimMany);
    const slimLive = once(BIN, ['--check', CORPUS_DIR], true);
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
    console.log(
      `  memory: ${(slimMany.rss / slim.rss).toFixed(2)}x max RSS for ${(many.length / files.length).toFixed(1)}x the files   (goal: flat, ~1x)`,
    );
    console.log(
      `  heap alive at exit: ${mb(slimMany.live)} for ${many.length} files, ${mb(slimLive.live)} for ${files.length}: ${(slimMany.live / slimLive.live).toFixed(2)}x`,
    );
  }
}

// 3. Generated files: linear in size?
if (!skip.has('sizes')) {
  console.log(`\ngenerated Dockerfiles (RUN/ENV/ARG/WORKDIR/COPY mix), one spawn each:`);
  let prev: { kb: number; s: Sample } | null = null;
  for (const kb of sizes) {
    const file = join(work, `gen-${kb}k.Dockerfile`);
    writeFileSync(file, generateDockerfile(kb * 1024));
    const s = once(BIN, ['--check', file]);
    const vs = prev ? `   vs ${prev.kb} KB (${(kb / prev.kb).toFixed(0)}x size): ${ratio(s, prev.s)}` : '';
    row(`${kb >= 1024 ? `${kb / 1024} MB` : `${kb} KB`}`, s);
    if (vs) console.log(`  ${vs.trim()}`);
    prev = s.ok ? { kb, s } : null;
    if (!s.ok) break;
  }
}
rmSync(work, { recursive: true, force: true });

/**
 * A Dockerfile of about `bytes` bytes: one stage of instructions of the kinds real generated files
 * repeat (apt and pip installs, ENV/ARG the RUNs read, WORKDIR, COPY), each numbered.
 */
export function generateDockerfile(bytes: number): string {
  const parts = ['FROM python:3.11\n'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const block = [
      `ENV PKG_${i}=pkg${i}\n`,
      `ARG VERSION_${i}=1.${i}\n`,
      `RUN apt-get update && apt-get install -y curl${i} \\\n    && echo "$PKG_${i}" > /tmp/pkg${i}\n`,
      `WORKDIR /app/dir${i}\n`,
      `COPY file${i}.txt /app/dir${i}/\n`,
      `RUN pip install lib${i}==$VERSION_${i}\n`,
      `RUN chown -R app /app/dir${i}\n`,
    ].join('');
    parts.push(block);
    size += block.length;
  }
  return parts.join('');
}

function spawnOrDie(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: REPO_ROOT });
  if (r.status !== 0) process.exit(r.status ?? 2);
}

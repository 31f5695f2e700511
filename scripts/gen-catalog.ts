/**
 * Generates src/catalog/catalog.data.json from ../shared/data (run: `npm run catalog`).
 * Inputs: official-images/library (tags listed now), official-images/history (older library files),
 * official-images/tags-ever-listed (every tag ever listed, with dates), image-sizes.md (dated size
 * table) and other-images.md (.NET, distroless, Chainguard). Output: tags per image, front-coded
 * (see src/catalog/encoding.ts), split into current and past, plus the size table and sources.
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { frontEncode } from '../src/catalog/encoding.js';
import { indexCatalogText } from '../src/catalog/data-index.js';
import { sizeClass } from '../src/catalog/variants.js';
import type { CatalogData, SizeEntry } from '../src/catalog/data.js';

const root = resolve(process.argv[2] ?? '../shared/data');
const out = resolve(process.argv[3] ?? 'src/catalog/catalog.data.json');
// The index beside the data, as src/catalog/load.ts looks for it (catalog.data.json -> catalog.index.json).
const indexOut = out.replace(/\.data\.json$/, '.index.json');
if (indexOut === out) {
  console.error(`gen-catalog: the output must be named *.data.json (its index is written beside it): ${out}`);
  process.exit(1);
}
const oi = join(root, 'official-images');
if (!existsSync(oi)) {
  console.error(`gen-catalog: ${oi} not found (pass the data folder as the first argument)`);
  process.exit(1);
}

/** Tags in a library definition file: `Tags:`/`SharedTags:` lines (current format) or `tag: url@commit dir` (pre-2016). */
export function libraryTags(text: string): Set<string> {
  const tags = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^(?:Tags|SharedTags):\s*(.*)$/.exec(line);
    if (m) {
      for (const t of m[1].split(',')) if (t.trim()) tags.add(t.trim());
      continue;
    }
    const old = /^([A-Za-z0-9_][A-Za-z0-9_.-]*):\s+\S+@[0-9a-f]{7,}/.exec(line);
    if (old) tags.add(old[1]);
  }
  return tags;
}

// ---- README: source commit and date ------------------------------------------------------------
const readme = readFileSync(join(oi, 'README.md'), 'utf8');
const commit = /commit \(HEAD of snapshot\)\s*\|\s*`([0-9a-f]{40})`/.exec(readme)?.[1] ?? null;
const date = /commit date\s*\|\s*(\d{4}-\d{2}-\d{2})/.exec(readme)?.[1] ?? null;

// ---- official images ---------------------------------------------------------------------------
interface Img {
  current: Set<string>;
  past: Map<string, string | null>;
  history: boolean;
}
const images = new Map<string, Img>();
const img = (name: string): Img => {
  let i = images.get(name);
  if (!i) images.set(name, (i = { current: new Set(), past: new Map(), history: false }));
  return i;
};

for (const name of readdirSync(join(oi, 'library')).sort()) {
  img(name).current = libraryTags(readFileSync(join(oi, 'library', name), 'utf8'));
}
for (const file of readdirSync(join(oi, 'tags-ever-listed')).sort()) {
  if (!file.endsWith('.tsv')) continue;
  const i = img(file.replace(/\.tsv$/, ''));
  i.history = true;
  for (const line of readFileSync(join(oi, 'tags-ever-listed', file), 'utf8').split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const [tag, , last] = line.split('\t');
    if (!i.current.has(tag)) i.past.set(tag, last || null);
  }
}
for (const file of readdirSync(join(oi, 'history')).sort()) {
  const m = /^(.+)@(\d{4}-\d{2}-\d{2})$/.exec(file);
  if (!m) continue;
  const i = img(m[1]);
  for (const tag of libraryTags(readFileSync(join(oi, 'history', file), 'utf8'))) {
    if (i.current.has(tag)) continue;
    const known = i.past.get(tag);
    if (known === undefined || (known !== null && known < m[2])) i.past.set(tag, known ?? m[2]);
  }
}

// ---- deprecations (from the README's summary of docker-library/docs) ---------------------------
const deprecated: Record<string, string> = {
  openjdk: 'deprecated (only early-access builds since 2022-08); runtime replacement: eclipse-temurin:<v>-jre',
  java: 'renamed to openjdk in 2017, itself deprecated; use eclipse-temurin',
  adoptopenjdk: 'renamed to eclipse-temurin (no updates after 2021-08-01)',
  centos: 'all tags end of life (2024-06-30); use almalinux, rockylinux, oraclelinux or fedora',
};

// ---- other images (other-images.md) ------------------------------------------------------------
const other = readFileSync(join(root, 'other-images.md'), 'utf8');
const otherSources: string[] = [];
{
  // distroless: current names from the "Currently published" table, removed ones from the list below it.
  const sec = section(other, '## 2. Google distroless');
  const head = /HEAD\s*`([0-9a-f]{40})`\s*\((\d{4}-\d{2}-\d{2})\)/.exec(sec);
  otherSources.push(
    `distroless: github.com/GoogleContainerTools/distroless @ ${head?.[1].slice(0, 12)} (${head?.[2]})`,
  );
  const pub = section(sec, '### Currently published');
  const removed = section(sec, '### Removed recently');
  const base = ['latest', 'nonroot', 'debug', 'debug-nonroot'];
  const tagsOf = () =>
    base.flatMap((t) => [t, ...['amd64', 'arm64', 'arm', 's390x', 'ppc64le', 'riscv64'].map((a) => `${t}-${a}`)]);
  for (const row of pub.split('\n').filter((l) => l.startsWith('| `'))) {
    for (const name of backticked(row.split('|')[1])) {
      const i = img(`gcr.io/distroless/${name}`);
      for (const t of tagsOf()) i.current.add(t);
    }
  }
  // `static|base|cc-debian11` lists several names sharing the suffix of the last one.
  const expand = (n: string): string[] => {
    if (!n.includes('|')) return [n];
    const parts = n.split('|');
    const suffix = /-debian\d+$/.exec(parts[parts.length - 1])?.[0] ?? '';
    return parts.map((p) => (p.endsWith(suffix) ? p : p + suffix));
  };
  for (const name of backticked(removed)
    .flatMap(expand)
    .map((n) => n.replace(/^gcr\.io\/distroless\//, ''))) {
    if (!/^[a-z0-9.]+(-debian\d+)?$/.test(name) || name.includes('.')) continue;
    const i = img(`gcr.io/distroless/${name}`);
    if (i.current.size) continue;
    for (const t of tagsOf()) i.past.set(t, null);
  }
}
{
  const sec = section(other, '## 3. Chainguard');
  const head = /HEAD\s*`([0-9a-f]{40})`\s*\n?\s*\((\d{4}-\d{2}-\d{2})\)/.exec(sec);
  otherSources.push(
    `chainguard: github.com/chainguard-images/images @ ${head?.[1].slice(0, 12)} (${head?.[2]}); public tier pulls only :latest/:latest-dev by tag`,
  );
  const list = /Public image names in the repo snapshot \(\d+\):([\s\S]*?)\(Full commercial/.exec(sec)?.[1] ?? '';
  // "name (`latest`, `latest-glibc`)" or "name"
  for (const m of list.matchAll(/([a-z0-9-]+)(?:\s*\(([^)]*)\))?\s*(?:,|$)/g)) {
    const i = img(`cgr.dev/chainguard/${m[1]}`);
    i.current.add('latest');
    i.current.add('latest-dev');
    for (const t of backticked(m[2] ?? '')) if (t.startsWith('latest')) i.current.add(t);
  }
}

{
  // Microsoft .NET (mcr.microsoft.com/dotnet/*): other-images.md section 1 lists the tags in prose and
  // tables, so this is an explicit table transcribed from it ("Current floating Linux tags" = current,
  // "Older versions (all EOL, still pullable)" = past). Only tags the section spells out are listed:
  // ranges such as `-alpine3.NN` with no numbers given, fixed `<M.m.p>` tags and `-<arch>` suffixes
  // are left out (the catalog then says `never`, and nothing writes them). The section's header is
  // checked so a changed data file fails loudly instead of silently keeping stale tags.
  const sec = section(other, '## 1. Microsoft .NET images');
  const head = /HEAD\s*`([0-9a-f]{40})`\s*\n?\s*\((\d{4}-\d{2}-\d{2})\)/.exec(sec);
  if (!head || !sec.includes('### Current floating Linux tags') || !sec.includes('### Older versions')) {
    throw new Error(
      'gen-catalog: the .NET section of other-images.md changed; update the .NET table in scripts/gen-catalog.ts',
    );
  }
  otherSources.push(
    `dotnet: github.com/dotnet/dotnet-docker @ ${head[1].slice(0, 12)} (${head[2]}), transcribed in scripts/gen-catalog.ts`,
  );
  const withSuffixes = (v: string, suffixes: string[]) => suffixes.map((x) => (x === '' ? v : `${v}-${x}`));
  // Runtime-family suffixes per OS family (aspnet, runtime, runtime-deps); `composite` only for aspnet.
  const chiseled = (os: string, composite: boolean) => [
    os,
    `${os}-chiseled`,
    `${os}-chiseled-extra`,
    ...(composite ? [`${os}-chiseled-composite`, `${os}-chiseled-composite-extra`] : []),
  ];
  const distroless = (composite: boolean) => [
    'azurelinux3.0',
    'azurelinux3.0-distroless',
    'azurelinux3.0-distroless-extra',
    ...(composite ? ['azurelinux3.0-distroless-composite', 'azurelinux3.0-distroless-composite-extra'] : []),
  ];
  const runtimeCurrent = (v: string, composite: boolean, deps: boolean): string[] => {
    const suffixes = [
      '',
      'alpine',
      ...(deps && v === '8.0' ? ['alpine3.24-extra'] : ['alpine-extra']),
      ...distroless(composite),
    ];
    if (v === '10.0') suffixes.push(...chiseled('noble', composite), ...chiseled('resolute', composite));
    else suffixes.push('bookworm-slim', ...chiseled('noble', composite));
    if (v === '8.0') suffixes.push(...chiseled('jammy', composite));
    return withSuffixes(v, suffixes);
  };
  const current: Record<string, string[]> = {
    sdk: [
      ...withSuffixes('10.0', ['', 'noble', 'resolute', 'alpine', 'alpine3.23', 'alpine3.24', 'azurelinux3.0']).flatMap(
        (t) => [t, `${t}-aot`],
      ),
      ...withSuffixes('9.0', ['', 'bookworm-slim', 'noble', 'alpine', 'azurelinux3.0']),
      ...withSuffixes('8.0', ['', 'bookworm-slim', 'noble', 'jammy', 'alpine', 'azurelinux3.0']),
      ...withSuffixes('11.0-preview', ['', 'resolute', 'alpine', 'azurelinux4.0', 'aot']),
    ],
    aspnet: ['10.0', '9.0', '8.0'].flatMap((v) => runtimeCurrent(v, true, false)),
    runtime: ['10.0', '9.0', '8.0'].flatMap((v) => runtimeCurrent(v, false, false)),
    'runtime-deps': ['10.0', '9.0', '8.0'].flatMap((v) => runtimeCurrent(v, false, true)),
  };
  // EOL versions: the table lists aspnet/runtime tags; for the SDK only `3.1-buster`/`3.1-bullseye`.
  const alpines = (v: string, from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, k) => `${v}-alpine3.${from + k}`);
  const old = [
    ...withSuffixes('2.1', ['', 'stretch-slim', 'alpine', 'focal', 'bionic']),
    ...alpines('2.1', 12, 13),
    ...withSuffixes('3.1', ['', 'buster-slim', 'bullseye-slim', 'alpine', 'focal', 'bionic']),
    ...alpines('3.1', 12, 15),
    ...withSuffixes('5.0', ['', 'buster-slim', 'bullseye-slim', 'alpine', 'focal']),
    ...alpines('5.0', 12, 15),
    ...withSuffixes('6.0', [
      '',
      'bullseye-slim',
      'bookworm-slim',
      'alpine',
      'jammy',
      'jammy-chiseled',
      'jammy-chiseled-extra',
      'focal',
      'cbl-mariner2.0',
      'cbl-mariner2.0-distroless',
    ]),
    ...alpines('6.0', 13, 20),
    ...withSuffixes('7.0', ['', 'bullseye-slim', 'bookworm-slim', 'alpine', 'jammy']),
    ...alpines('7.0', 15, 18),
  ];
  const past: Record<string, string[]> = {
    sdk: ['3.1-buster', '3.1-bullseye'],
    aspnet: old,
    runtime: old,
    'runtime-deps': [],
  };
  for (const repo of ['sdk', 'aspnet', 'runtime', 'runtime-deps']) {
    const i = img(`mcr.microsoft.com/dotnet/${repo}`);
    for (const t of current[repo]) i.current.add(t);
    for (const t of past[repo]) if (!i.current.has(t)) i.past.set(t, null);
  }
}

// ---- size table (image-sizes.md) ---------------------------------------------------------------
const sizesMd = readFileSync(join(root, 'image-sizes.md'), 'utf8');
const sizes: Record<string, Record<string, SizeEntry>> = {};
{
  const secA = section(sizesMd, '## A. Measured');
  const repoCommitless = 'github.com/docker-library/repo-info';
  for (const row of secA.split('\n').filter((l) => /^\| [a-z]/.test(l))) {
    const cells = row
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length < 5 || cells[0] === 'image:tag') continue;
    const ref = cells[0].split(/\s/)[0];
    const [image, tag] = ref.split(':');
    const compressed = num(cells[1]);
    const uncompressed = num(cells[2]);
    const src = cells[3];
    const when = cells[4];
    addSize(image, tag, compressed, uncompressed, `${repoCommitless} ${src}, image built ${when}`);
    // Rows that say which other tag has the same content.
    const alias = /\((?:=|same content as )([a-z0-9.:-]+)\)/.exec(cells[0])?.[1];
    if (alias && alias.includes(':')) {
      const [ai, at] = alias.split(':');
      if (ai === image) addSize(image, at, compressed, uncompressed, `${repoCommitless} ${src}, image built ${when}`);
    }
  }
  const secB = section(sizesMd, '## B. Vendor documentation');
  for (const row of secB.split('\n').filter((l) => l.startsWith('| gcr.io/distroless/static'))) {
    const cells = row
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const mib = /~?(\d+(?:\.\d+)?)\s*MiB/.exec(cells[2]);
    if (mib)
      addSize(
        'gcr.io/distroless/static-debian13',
        'latest',
        null,
        Math.round(Number(mib[1]) * 1048576),
        `${cells[3]} ("around 2 MiB"), ${cells[4]}`,
      );
  }
}

function addSize(
  image: string,
  tag: string,
  compressed: number | null,
  uncompressed: number | null,
  source: string,
): void {
  const cls = sizeClass(image, tag);
  if (cls === null) return;
  const byImage = (sizes[image] ??= {});
  const e = (byImage[cls] ??= { tag, compressed: null, uncompressed: null, sources: [] });
  if (compressed !== null && e.compressed === null) e.compressed = compressed;
  if (uncompressed !== null && e.uncompressed === null) e.uncompressed = uncompressed;
  if (!e.sources.includes(source)) e.sources.push(source);
}

// ---- write ---------------------------------------------------------------------------------------
const data: CatalogData = {
  format: 1,
  source: {
    description: `github.com/docker-library/official-images library files, history snapshots and tags-ever-listed (via ../shared/data); ${otherSources.join('; ')}`,
    commit,
    date,
  },
  sizeSource: 'image-sizes.md: docker-library/repo-info (linux/amd64, MB = 10^6 bytes, ±10%) and vendor READMEs',
  deprecated,
  images: {},
  sizes,
};
for (const [name, i] of [...images].sort(([a], [b]) => a.localeCompare(b))) {
  const past = [...i.past.keys()].sort();
  const lastListed: Record<string, string> = {};
  // Dates only for the tags slimify may write or warn about: short version lines (`3.7-slim`, `18-bullseye-slim`).
  for (const t of past) {
    const d = i.past.get(t);
    if (d && /^([0-9]+(\.[0-9]+)?|[a-z]+)(-[a-z][a-z0-9.]*)*$/.test(t)) lastListed[t] = d;
  }
  data.images[name] = {
    current: frontEncode([...i.current].sort()),
    past: frontEncode(past),
    history: i.history,
    ...(Object.keys(lastListed).length ? { lastListed: packDates(lastListed) } : {}),
  };
}
// ASCII only (other characters as \u escapes, which JSON.parse reads back the same): load.ts reads
// the file as latin1, which takes a third of the time of UTF-8 decoding, and JSON.parse a one-byte
// string faster too; together ~5 ms of every start.
const json = JSON.stringify(data).replace(
  /[\u0080-\uffff]/g,
  (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
);
const text = json + '\n';
writeFileSync(out, text);
// Where each image's entry lies, so a run reads only the images it asks about (src/catalog/data-index.ts).
writeFileSync(indexOut, JSON.stringify(indexCatalogText(text)) + '\n');
console.log(
  `gen-catalog: ${images.size} images, ${[...images.values()].reduce((n, i) => n + i.current.size + i.past.size, 0)} tags, ${(json.length / 1024).toFixed(0)} KiB -> ${out}`,
);

/** `{tag: date}` as one string `tag=YYYYMMDD ...`, grouped by date to stay small. */
function packDates(m: Record<string, string>): string {
  const byDate = new Map<string, string[]>();
  for (const [t, d] of Object.entries(m)) {
    const k = d.replaceAll('-', '');
    if (!byDate.has(k)) byDate.set(k, []);
    byDate.get(k)!.push(t);
  }
  return [...byDate].map(([d, ts]) => `${d}:${ts.join(',')}`).join(' ');
}

function section(text: string, heading: string): string {
  const i = text.indexOf(heading);
  if (i === -1) throw new Error(`gen-catalog: section "${heading}" not found`);
  const level = /^#+/.exec(heading)![0];
  const rest = text.slice(i + heading.length);
  const next = rest.search(new RegExp(`\\n${level} `));
  return next === -1 ? rest : rest.slice(0, next);
}

function backticked(s: string): string[] {
  return [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

function num(cell: string): number | null {
  const m = /^(\d+(?:\.\d+)?)/.exec(cell);
  return m ? Math.round(Number(m[1]) * 1e6) : null;
}

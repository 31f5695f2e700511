/**
 * Generates src/catalog/debian/data/debian.data.json (run: `npm run data:debian`).
 *
 * Inputs:
 * - the Packages index of each Debian suite in SUITES (main, amd64), fetched by apt itself from the
 *   Debian mirror of the machine's apt sources
 *   (`apt-get update` in a private apt root under the temp folder, so the machine's own apt state is
 *   untouched);
 * - the package names installed with apt-get/apt in the Dockerfiles of ../shared/corpus (the
 *   "watched" list: the packages people install), plus the packages the need table names;
 * - the official-images library files in ../shared/data (version numbers -> codenames).
 *
 * For each need package of src/catalog/debian/needs.ts and each suite it records which watched
 * packages pull it in through Depends/Pre-Depends (kept by --no-install-recommends) and which only
 * through a Recommends somewhere in their closure (dropped by the flag). With `--verify` it checks a
 * sample against apt's own resolver (`apt-get -s install` with an empty dpkg status).
 *
 * Usage: tsx scripts/gen-debian-data.ts [--verify] [--mirror=URI] [corpusDir] [dataDir] [out]
 * The Debian mirror is the one this machine's apt is configured with (or --mirror); the data header
 * records the archive paths and each suite's Release version and date, not the mirror's host.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDockerfile } from '../src/parse/document.js';
import { initShellParser } from '../src/shell/parser.js';
import { findCommands, operands } from '../src/shell/find-commands.js';
import type { ShellScript } from '../src/shell/model.js';
import { FONT_USERS, NEEDS, isFontPackage, needPackages } from '../src/catalog/debian/needs.js';
import { nativeDevPackages } from '../src/catalog/debian/native-libs.js';
import type { DebianData, FontRelation, NeedRelation } from '../src/catalog/debian/data.js';

/** Suites whose index the Debian mirrors serve (older ones moved off the mirror network, not reachable from here). */
const SUITES = ['trixie', 'bookworm', 'bullseye'];

const args = process.argv.slice(2);

/**
 * The Debian mirror this machine's apt uses (`--mirror URI` overrides): the first `URIs:` of a
 * deb822 .sources file, or the first `deb URI` line of sources.list, that points at a Debian archive.
 */
function debianMirror(): string {
  const flag = args.find((a) => a.startsWith('--mirror='));
  if (flag) return flag.slice('--mirror='.length);
  const dir = '/etc/apt/sources.list.d';
  const texts: string[] = [];
  if (existsSync(dir))
    for (const f of readdirSync(dir).sort())
      if (/\.(sources|list)$/.test(f)) texts.push(readFileSync(join(dir, f), 'utf8'));
  if (existsSync('/etc/apt/sources.list')) texts.push(readFileSync('/etc/apt/sources.list', 'utf8'));
  for (const t of texts) {
    for (const m of t.matchAll(/^(?:URIs:\s*|deb\s+(?:\[[^\]]*\]\s+)?)(\S+)/gm)) {
      if (/\/debian\/?$/.test(m[1])) return m[1].replace(/\/$/, '');
    }
  }
  console.error('gen-debian-data: no Debian mirror in /etc/apt sources; pass --mirror=URI');
  process.exit(1);
}
const ARCHIVE = debianMirror();
const verify = args.includes('--verify');
const pos = args.filter((a) => !a.startsWith('--'));
const corpusDir = resolve(pos[0] ?? '../shared/corpus/files');
const dataDir = resolve(pos[1] ?? '../shared/data');
const out = resolve(pos[2] ?? 'src/catalog/debian/data/debian.data.json');
for (const d of [corpusDir, dataDir]) {
  if (!existsSync(d)) {
    console.error(`gen-debian-data: ${d} not found`);
    process.exit(1);
  }
}

// ---- watched packages: every static operand of apt-get/apt install in the corpus -----------------
await initShellParser();

/** `pkg=1.2`, `pkg:amd64`, `pkg/bookworm-backports` -> `pkg`; null for what is not a package name. */
export function packageName(operand: string): string | null {
  const name = operand.replace(/[=/].*$/, '').replace(/:[a-z0-9]+$/, '');
  return /^[a-z0-9][a-z0-9+.-]+$/.test(name) ? name : null;
}

const watchedSet = new Set<string>(needPackages());
let corpusFiles = 0;
const scripts = (text: string): ShellScript[] => {
  const doc = parseDockerfile(text);
  const out: ShellScript[] = [];
  for (const ins of doc.instructions) {
    if (ins.run?.shell && !ins.run.shell.script.hasErrors) out.push(ins.run.shell.script);
    for (const h of ins.run?.heredocs ?? []) if (h.script) out.push(h.script.script);
  }
  return out;
};
for (const file of readdirSync(corpusDir).sort()) {
  let text: string;
  try {
    text = readFileSync(join(corpusDir, file), 'utf8');
  } catch {
    continue;
  }
  corpusFiles++;
  for (const script of scripts(text)) {
    for (const inv of findCommands(script, ['apt-get', 'apt'], { subcommands: ['install'] })) {
      for (const w of operands(inv)) {
        const name = w.value === null ? null : packageName(w.value);
        if (name) watchedSet.add(name);
      }
    }
  }
}

// ---- Packages indexes, through apt ---------------------------------------------------------------
interface Pkg {
  version: string;
  source: string;
  depends: string[][];
  recommends: string[][];
  /** Essential or Priority required: debootstrap's minbase installs it (with its Depends closure) in every Debian image. */
  base: boolean;
}
interface SuiteIndex {
  pkgs: Map<string, Pkg>;
  providers: Map<string, string[]>;
  release: string | null;
  date: string | null;
  root: string;
}

/** `a (>= 1) | b:any [amd64], c <!nocheck>` -> [['a', 'b'], ['c']] */
export function parseRelations(field: string | undefined): string[][] {
  if (!field) return [];
  return field
    .split(',')
    .map((group) =>
      group
        .split('|')
        .map((alt) =>
          alt
            .replace(/\(.*?\)|\[.*?\]|<.*?>/g, '')
            .trim()
            .replace(/:[a-z0-9]+$/, ''),
        )
        .filter(Boolean),
    )
    .filter((g) => g.length > 0);
}

function aptRoot(suite: string): string {
  const root = join(tmpdir(), 'slimify-debian-data', suite);
  for (const d of [
    'etc/apt/apt.conf.d',
    'etc/apt/preferences.d',
    'var/lib/apt/lists/partial',
    'var/cache/apt/archives/partial',
    'var/lib/dpkg',
  ])
    mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'var/lib/dpkg/status'), '');
  writeFileSync(
    join(root, 'etc/apt/sources.list'),
    `deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${ARCHIVE} ${suite} main\n`,
  );
  return root;
}

const aptOpts = (root: string): string[] => [
  '-o',
  `Dir=${root}`,
  '-o',
  `Dir::State::status=${root}/var/lib/dpkg/status`,
  '-o',
  `Dir::Etc::SourceParts=${root}/etc/apt/sources.list.d`,
  '-o',
  'Debug::NoLocking=1',
  '-o',
  'APT::Architecture=amd64',
  '-o',
  'APT::Architectures::=amd64',
  '-o',
  'Acquire::Languages=none',
];

function loadSuite(suite: string): SuiteIndex {
  const root = aptRoot(suite);
  execFileSync('apt-get', [...aptOpts(root), '-q', 'update'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const lists = join(root, 'var/lib/apt/lists');
  const files = readdirSync(lists);
  const packagesFile = files.find((f) => /_dists_[^_]+_main_binary-amd64_Packages/.test(f));
  const releaseFile = files.find((f) => /_InRelease$/.test(f));
  if (!packagesFile || !releaseFile) throw new Error(`gen-debian-data: no index for ${suite} in ${lists}`);
  const read = (f: string) =>
    execFileSync('/usr/lib/apt/apt-helper', ['cat-file', join(lists, f)], { maxBuffer: 1 << 30 }).toString('utf8');
  const rel = read(releaseFile);
  const pkgs = new Map<string, Pkg>();
  const providers = new Map<string, string[]>();
  for (const stanza of read(packagesFile).split(/\n\n+/)) {
    const fields = new Map<string, string>();
    let last = '';
    for (const line of stanza.split('\n')) {
      if (/^\s/.test(line) && last) fields.set(last, `${fields.get(last)} ${line.trim()}`);
      else {
        const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
        if (m) fields.set((last = m[1]), m[2]);
      }
    }
    const name = fields.get('Package');
    if (!name || pkgs.has(name)) continue;
    pkgs.set(name, {
      version: fields.get('Version') ?? '',
      source: (fields.get('Source') ?? name).split(' ')[0],
      depends: [...parseRelations(fields.get('Pre-Depends')), ...parseRelations(fields.get('Depends'))],
      recommends: parseRelations(fields.get('Recommends')),
      base: fields.get('Essential') === 'yes' || fields.get('Priority') === 'required',
    });
    for (const [p] of parseRelations(fields.get('Provides'))) {
      const list = providers.get(p) ?? [];
      list.push(name);
      providers.set(p, list);
    }
  }
  return {
    pkgs,
    providers,
    release: /^Version:\s*(.+)$/m.exec(rel)?.[1] ?? null,
    date: /^Date:\s*(.+)$/m.exec(rel)?.[1] ?? null,
    root,
  };
}

/**
 * What apt installs for one relation group. `sure`: the packages it certainly installs (the first
 * alternative that exists, or the only provider of a virtual one); `maybe`: every candidate (used
 * for "would the default install bring it", where over-counting only adds a package explicitly).
 */
function resolveGroup(idx: SuiteIndex, group: string[], mode: 'sure' | 'maybe'): string[] {
  for (const alt of group) {
    if (idx.pkgs.has(alt)) return [alt];
    const prov = idx.providers.get(alt) ?? [];
    if (prov.length === 1) return prov;
    if (prov.length > 1) return mode === 'sure' ? [] : prov;
  }
  return [];
}

function closure(idx: SuiteIndex, start: string, withRecommends: boolean): Set<string> {
  const seen = new Set<string>([start]);
  const todo = [start];
  while (todo.length) {
    const p = idx.pkgs.get(todo.pop()!);
    if (!p) continue;
    const groups = withRecommends ? [...p.depends, ...p.recommends] : p.depends;
    for (const g of groups) {
      for (const q of resolveGroup(idx, g, withRecommends ? 'maybe' : 'sure')) {
        if (!seen.has(q)) {
          seen.add(q);
          todo.push(q);
        }
      }
    }
  }
  return seen;
}

/**
 * True when installing `start` brings no package through a Recommends: every Recommends of the packages
 * its Depends/Pre-Depends closure newly installs is met by a base package (Essential or Priority required,
 * already in every Debian image; their own relations are not followed), and every relation group there
 * resolves to one certain package (a virtual package with several providers could bring a provider with
 * Recommends). `--no-install-recommends` then changes nothing for it.
 */
function recommendsNothing(idx: SuiteIndex, start: string, base: ReadonlySet<string>): boolean {
  const seen = new Set<string>([start]);
  const todo = [start];
  const inBase = (g: string[]) => resolveGroup(idx, g, 'maybe').some((q) => base.has(q));
  while (todo.length) {
    const name = todo.pop()!;
    const p = idx.pkgs.get(name);
    if (!p) return false;
    if (base.has(name) && name !== start) continue;
    if (!p.recommends.every(inBase)) return false;
    for (const g of p.depends) {
      const got = resolveGroup(idx, g, 'sure');
      if (!got.length) return false;
      for (const q of got) {
        if (!seen.has(q)) {
          seen.add(q);
          todo.push(q);
        }
      }
    }
  }
  return true;
}

/**
 * The runtime libraries a -dev package links against: the packages it depends on that are built
 * from the same Debian source and are not themselves headers/data (libpq-dev -> libpq5). A -dev
 * package with none (libjpeg-dev, default-libmysqlclient-dev) is followed through its -dev Depends.
 */
function runtimeLibs(idx: SuiteIndex, dev: string): string[] | null {
  const start = idx.pkgs.has(dev)
    ? dev
    : (idx.providers.get(dev) ?? []).length === 1
      ? idx.providers.get(dev)![0]
      : null;
  if (!start) return null;
  const out = new Set<string>();
  const seen = new Set<string>([start]);
  const todo = [start];
  while (todo.length) {
    const name = todo.shift()!;
    const p = idx.pkgs.get(name);
    if (!p) continue;
    const deps = p.depends.flatMap((g) => resolveGroup(idx, g, 'sure'));
    const libs = deps.filter(
      (q) =>
        idx.pkgs.get(q)?.source === p.source &&
        !/(dev|-compat|-common|-doc|-data|-bin|-utils|-tools)$/.test(q) &&
        !/^gir1\.2-/.test(q),
    );
    if (libs.length) for (const l of libs) out.add(l);
    else {
      for (const q of deps.filter((d) => /dev(-compat)?$/.test(d))) {
        if (!seen.has(q)) {
          seen.add(q);
          todo.push(q);
        }
      }
    }
  }
  return [...out].sort();
}

// ---- per suite -----------------------------------------------------------------------------------
const watched = [...watchedSet].sort();
const needPkgs = [...new Set(NEEDS.flatMap((n) => n.packages))];
const data: DebianData = {
  format: 1,
  source: {
    description:
      'Debian archive Packages indexes (debian/dists/<suite>/main/binary-amd64/Packages, fetched with apt-get update from a Debian mirror into a private apt root; suite Release version and date below), rules in src/catalog/debian/needs.ts',
    generated: new Date().toISOString().slice(0, 10),
    suites: {},
    watched: `${watched.length} package names: every static operand of apt-get/apt install in ${corpusFiles} Dockerfiles of ../shared/corpus, plus the packages the need table names`,
    notCovered:
      'Ubuntu suites: the machine that makes this data may reach only the Debian archive, so no Ubuntu index was read; Debian buster and older: their indexes moved off the Debian mirror network and were not reachable. For these suites the transform falls back to rules that hold in every suite above (see transforms/apt-no-install-recommends/README.md).',
  },
  suites: SUITES,
  codenames: { debian: {}, ubuntu: {} },
  pip: {},
  watched: watched.join(' '),
  missing: {},
  recommendsNothing: {},
  needs: Object.fromEntries(needPkgs.map((n) => [n, {}])),
  fonts: Object.fromEntries(FONT_USERS.map((f) => [f, {}])),
  runtimeLibs: Object.fromEntries(nativeDevPackages().map((d) => [d, {}])),
};

const indexes = new Map<string, SuiteIndex>();
for (const suite of SUITES) {
  const idx = loadSuite(suite);
  indexes.set(suite, idx);
  data.source.suites[suite] = {
    release: idx.release,
    date: idx.date,
    packages: `debian/dists/${suite}/main/binary-amd64/Packages`,
  };
  data.pip[suite] = idx.pkgs.get('python3-pip')?.version ?? null;
  data.missing[suite] = watched.filter((w) => !idx.pkgs.has(w)).join(' ');
  // What every Debian image of the suite already has: minbase (Essential and Priority required) with its Depends closure.
  const base = new Set<string>();
  for (const [name, p] of idx.pkgs) if (p.base) for (const q of closure(idx, name, false)) base.add(q);
  data.recommendsNothing[suite] = watched.filter((w) => idx.pkgs.has(w) && recommendsNothing(idx, w, base)).join(' ');
  const rel = new Map<string, NeedRelation>(needPkgs.map((n) => [n, { depends: '', recommends: '' }]));
  const dep = new Map<string, string[]>(needPkgs.map((n) => [n, []]));
  const rec = new Map<string, string[]>(needPkgs.map((n) => [n, []]));
  for (const w of watched) {
    if (!idx.pkgs.has(w)) continue;
    const d = closure(idx, w, false);
    const r = closure(idx, w, true);
    for (const n of needPkgs) {
      if (w === n) continue;
      if (d.has(n)) dep.get(n)!.push(w);
      else if (r.has(n)) rec.get(n)!.push(w);
    }
  }
  for (const n of needPkgs) {
    rel.get(n)!.depends = dep.get(n)!.join(' ');
    rel.get(n)!.recommends = rec.get(n)!.join(' ');
    data.needs[n][suite] = rel.get(n)!;
  }
  for (const f of FONT_USERS) {
    const p = idx.pkgs.get(f);
    if (!p) continue;
    const fr: FontRelation = {
      depends: [...closure(idx, f, false)].filter(isFontPackage).sort(),
      recommends: p.recommends
        .flatMap((g) => resolveGroup(idx, g, 'sure'))
        .filter(isFontPackage)
        .sort(),
    };
    data.fonts[f][suite] = fr;
  }
  for (const dev of nativeDevPackages()) {
    const libs = runtimeLibs(idx, dev);
    if (libs) data.runtimeLibs[dev][suite] = libs.join(' ');
  }
}

// ---- codenames from the official-images library files ----------------------------------------------
const oi = join(dataDir, 'official-images');
for (const distro of ['debian', 'ubuntu'] as const) {
  const files = [
    join(oi, 'library', distro),
    ...readdirSync(join(oi, 'history'))
      .filter((f) => f.startsWith(`${distro}@`))
      .sort()
      .map((f) => join(oi, 'history', f)),
  ];
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/^(?:Tags|SharedTags):\s*(.*)$/gm)) {
      const tags = m[1].split(',').map((t) => t.trim());
      const code = tags.find((t) => /^[a-z]+$/.test(t) && t !== 'latest' && t !== 'rolling' && t !== 'devel');
      if (!code) continue;
      for (const t of tags) {
        if (!/^\d+(\.\d+)?$/.test(t)) continue;
        // Debian point releases (12.15) are kept only as their major number.
        const key = distro === 'debian' ? t.replace(/\.\d+$/, '') : t;
        data.codenames[distro][key] ??= code;
      }
    }
  }
}

// ---- optional check against apt's resolver -----------------------------------------------------------
if (verify) {
  const sample = ['curl', 'wget', 'git', 'xvfb', 'gnupg', 'python3-pip', 'graphviz', 'software-properties-common'];
  let bad = 0;
  for (const suite of SUITES) {
    const idx = indexes.get(suite)!;
    for (const p of sample.filter((s) => idx.pkgs.has(s))) {
      const sim = (flag: string[]) =>
        new Set(
          [
            ...execFileSync('apt-get', [...aptOpts(idx.root), '-s', 'install', ...flag, p], {
              maxBuffer: 1 << 28,
            })
              .toString()
              .matchAll(/^Inst (\S+)/gm),
          ].map((x) => x[1]),
        );
      const without = sim(['--no-install-recommends']);
      const withRec = sim([]);
      for (const n of needPkgs) {
        const rel = data.needs[n][suite];
        const says = rel.depends.split(' ').includes(p) ? 'D' : rel.recommends.split(' ').includes(p) ? 'R' : '-';
        const apt = without.has(n) ? 'D' : withRec.has(n) ? 'R' : '-';
        if (says !== apt) {
          bad++;
          console.error(`verify ${suite} ${p} -> ${n}: data ${says}, apt ${apt}`);
        }
      }
    }
  }
  console.error(
    `verify: ${bad} disagreements with apt-get -s over ${sample.length} packages x ${SUITES.length} suites`,
  );
  if (bad) process.exitCode = 1;
}

writeFileSync(out, JSON.stringify(data, null, 0) + '\n');
console.error(`gen-debian-data: ${watched.length} watched packages, ${SUITES.length} suites -> ${out}`);

/**
 * Lookups over the generated Debian package data (debian.data.json, `npm run data:debian`):
 * which Debian/Ubuntu suite a base image runs, whether a package pulls in a need package through
 * Depends or only through Recommends there, the pip version of a suite, and what a few official
 * base images already carry.
 */
import { readFileSync } from 'node:fs';
import type { ImageReference } from '../../parse/document.js';
import { parseTag } from '../variants.js';
import type { DebianData, FontRelation } from './data.js';
import { PIP_SELF_SUFFICIENT } from './needs.js';
import { NATIVE_BUILD_DEPS, normalizePackage, type Ecosystem } from './native-libs.js';

let cached: DebianData | null = null;

/** The shipped data (read once). */
export function debianData(): DebianData {
  cached ??= JSON.parse(readFileSync(new URL('./data/debian.data.json', import.meta.url), 'utf8')) as DebianData;
  return cached;
}

export interface SuiteInfo {
  distro: 'debian' | 'ubuntu' | null;
  /** Codename (`bookworm`, `jammy`), or null when the tag does not tell. */
  suite: string | null;
  /** The data has this suite's Packages index. */
  hasData: boolean;
}

/** The distribution and suite of a base image, when its tag names it (`bookworm-slim`, `3.12-slim-bookworm`, `debian:12`, `ubuntu:22.04`). */
export function suiteOf(image: ImageReference | null, data: DebianData = debianData()): SuiteInfo {
  const ref = image?.resolved ? image.parsed : null;
  if (!ref) return { distro: null, suite: null, hasData: false };
  const repo = (image!.official ?? ref.path).toLowerCase();
  let suite = parseTag(ref.tag).suite?.replace(/-\d{8}$/, '') ?? null;
  let distro: SuiteInfo['distro'] = null;
  if (repo === 'debian' || repo === 'ubuntu') {
    distro = repo;
    const version = /^(\d+(?:\.\d+)?)(?:[.-]|$)/.exec(ref.tag ?? '')?.[1];
    if (!suite && version) suite = data.codenames[repo][version] ?? data.codenames[repo][version.split('.')[0]] ?? null;
  }
  if (suite && !distro)
    distro = data.codenames.ubuntu && Object.values(data.codenames.ubuntu).includes(suite) ? 'ubuntu' : null;
  if (suite && !distro && /^(forky|trixie|bookworm|bullseye|buster|stretch|jessie|wheezy|sid)$/.test(suite))
    distro = 'debian';
  return { distro, suite, hasData: suite !== null && data.suites.includes(suite) };
}

export type Relation = 'depends' | 'recommends' | 'none' | 'unknown';

/**
 * How installing `pkg` on `suite` brings `need`: through Depends (kept by --no-install-recommends),
 * only through a Recommends (dropped), not at all, or unknown (suite without data, package not watched).
 */
export function relation(suite: string | null, pkg: string, need: string, data: DebianData = debianData()): Relation {
  if (!suite || !data.suites.includes(suite)) return 'unknown';
  if (pkg === need) return 'depends';
  const rel = data.needs[need]?.[suite];
  if (!rel) return 'unknown';
  if (words(rel.depends).has(pkg)) return 'depends';
  if (words(rel.recommends).has(pkg)) return 'recommends';
  if (!watched(data).has(pkg) || words(data.missing[suite] ?? '').has(pkg)) return 'unknown';
  return 'none';
}

/** The fonts of a font user on a suite, or null when unknown. */
export function fontsOf(suite: string | null, pkg: string, data: DebianData = debianData()): FontRelation | null {
  if (!suite) return null;
  return data.fonts[pkg]?.[suite] ?? null;
}

/**
 * True when the data knows that installing `pkg` on `suite` brings nothing through a Recommends (no
 * package its install adds recommends anything beyond the base system), so `--no-install-recommends`
 * changes nothing; false when it may or the package is not in the data. For a suite without data, true
 * when the package recommends nothing in every suite of the data.
 */
export function recommendsNothing(suite: string | null, pkg: string, data: DebianData = debianData()): boolean {
  if (suite && data.suites.includes(suite)) return words(data.recommendsNothing?.[suite] ?? '').has(pkg);
  // A suite without data (older Debian, Ubuntu, unknown): a package that exists in every suite of the
  // data and recommends nothing in each is taken to recommend nothing there too (locales, net-tools).
  // A wrong guess here only leaves an edit undone.
  return data.suites.every((s) => words(data.recommendsNothing?.[s] ?? '').has(pkg));
}

/** A package name that exists in every suite of the data (evidence that the name is stable across releases). */
export function existsInEverySuite(pkg: string, data: DebianData = debianData()): boolean {
  return watched(data).has(pkg) && data.suites.every((s) => !words(data.missing[s] ?? '').has(pkg));
}

/** True when the suite's python3-pip is older than 23.1 (needs setuptools/wheel beside it); null when unknown. */
export function pipNeedsBuildTools(suite: string | null, data: DebianData = debianData()): boolean | null {
  const v = suite ? data.pip[suite] : null;
  if (!v) return null;
  const [major, minor] = v
    .replace(/^\d+:/, '')
    .split(/[.+~-]/)
    .map((x) => Number.parseInt(x, 10));
  return major < PIP_SELF_SUFFICIENT[0] || (major === PIP_SELF_SUFFICIENT[0] && minor < PIP_SELF_SUFFICIENT[1]);
}

/**
 * Packages a base image is known to carry. Transcribed from the docker-library Dockerfiles
 * (github.com/docker-library/buildpack-deps, python, ruby, php): buildpack-deps (every variant)
 * installs ca-certificates, curl and wget, and gnupg with dirmngr where `gpg` is not already there
 * (jessie's gpg 1.4 reaches key servers by itself); the full (non-slim) python, node, ruby, golang, perl,
 * rust, gcc and openjdk images are built FROM buildpack-deps; the slim python and ruby images
 * install ca-certificates and keep it; php installs ca-certificates and curl. Everything else
 * (debian, ubuntu, node slim, unknown images) is taken to carry none of them.
 */
const FULL_ON_BUILDPACK = new Set(['python', 'node', 'ruby', 'golang', 'perl', 'rust', 'gcc', 'openjdk', 'pypy']);

const BUILDPACK_DEPS = ['ca-certificates', 'curl', 'wget', 'gnupg', 'dirmngr'];

export function baseCarries(image: ImageReference | null, pkg: string): boolean {
  const ref = image?.resolved ? image.parsed : null;
  const repo = image?.official;
  if (!ref || !repo || ref.digest) return false;
  const t = parseTag(ref.tag);
  if (t.alpine || t.windows) return false;
  const full = !t.slim && !t.words.some((w) => /^(slim|alpine|windowsservercore|nanoserver)/.test(w));
  if (repo === 'buildpack-deps' || (FULL_ON_BUILDPACK.has(repo) && full)) return BUILDPACK_DEPS.includes(pkg);
  if ((repo === 'python' || repo === 'ruby') && t.slim) return pkg === 'ca-certificates';
  if (repo === 'php') return pkg === 'ca-certificates' || pkg === 'curl';
  return false;
}

const wordCache = new Map<string, Set<string>>();
function words(s: string): Set<string> {
  let w = wordCache.get(s);
  if (!w) {
    w = new Set(s.split(' ').filter(Boolean));
    if (s.length > 40) wordCache.set(s, w);
  }
  return w;
}
function watched(data: DebianData): Set<string> {
  return words(data.watched);
}

/**
 * The Debian runtime packages a native Python/Node package loads when it was built from source
 * (psycopg2 -> libpq5), for the runtime stage of a builder/runtime split on the same suite.
 * Null when the package is not in the table (src/catalog/debian/native-libs.ts) or the suite has no data.
 */
export function runtimeLibraries(
  ecosystem: Ecosystem,
  name: string,
  suite: string | null,
  data: DebianData = debianData(),
): string[] | null {
  const devs = NATIVE_BUILD_DEPS[ecosystem][normalizePackage(ecosystem, name)];
  if (!devs || !suite || !data.suites.includes(suite)) return null;
  const out = new Set<string>();
  for (const dev of devs) {
    const libs = data.runtimeLibs?.[dev]?.[suite];
    if (libs === undefined) return null;
    for (const l of libs.split(' ').filter(Boolean)) out.add(l);
  }
  return [...out].sort();
}

/** The suites the Debian data has Packages indexes for. */
export function debianSuites(data: DebianData = debianData()): readonly string[] {
  return data.suites;
}

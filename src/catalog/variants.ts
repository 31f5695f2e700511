/**
 * The variant grammar of base-image tags: split a tag into version, variant words, Debian/Ubuntu
 * suite, Alpine and Windows parts, and compute the smaller variant of each image family
 * (slim, alpine, jre, distroless). Pure string logic; whether a candidate exists is the catalog's call.
 *
 * Family differences (docker-library library files, see ../shared/data/official-images/README.md):
 * python/ruby/rust/perl/pypy put `slim` before the suite (`3.12-slim-bookworm`), node after it
 * (`22-bookworm-slim`), debian is `bookworm-slim`, golang and php have no slim, eclipse-temurin has
 * `-jre`, openjdk is deprecated (runtime replacement `eclipse-temurin:<v>-jre`).
 */

export const DEBIAN_SUITES = new Set([
  'forky',
  'trixie',
  'bookworm',
  'bullseye',
  'buster',
  'stretch',
  'jessie',
  'wheezy',
  'squeeze',
  'sid',
]);
export const UBUNTU_SUITES = new Set([
  'resolute',
  'questing',
  'plucky',
  'oracular',
  'noble',
  'mantic',
  'lunar',
  'kinetic',
  'jammy',
  'impish',
  'hirsute',
  'groovy',
  'focal',
  'eoan',
  'disco',
  'cosmic',
  'bionic',
  'artful',
  'zesty',
  'yakkety',
  'xenial',
  'wily',
  'vivid',
  'trusty',
]);
/** Named versions (node codenames and floating aliases) that stand where a version number would. */
const NAMED_VERSIONS = new Set([
  'lts',
  'current',
  'argon',
  'boron',
  'carbon',
  'dubnium',
  'erbium',
  'fermium',
  'gallium',
  'hydrogen',
  'iron',
  'jod',
  'krypton',
]);
const WINDOWS_WORD = /^(windowsservercore|nanoserver|servercore|ltsc\d{4}|\d{4}|1809|1903|1909|2004|20H2|windows)$/i;

export interface TagParts {
  /** The tag as given (`latest` when there was none). */
  tag: string;
  /** `3.12`, `3.12.1`, `22`, `lts`, `8u302-b08`, `3.15-rc`; null for `latest` or suite-only tags. */
  version: string | null;
  /** Segments after the version, in order, as written (`slim`, `bookworm`, `jre`, `alpine3.18`). */
  rest: string[];
  slim: boolean;
  /** Debian or Ubuntu codename (with a `-YYYYMMDD` date stamp when present), or null. */
  suite: string | null;
  /** `alpine`, `alpine3.18` or `alpine-3.21` (eclipse-temurin spelling), or null. */
  alpine: string | null;
  windows: boolean;
  /** Variant words other than slim/suite/alpine/windows: `jre`, `jdk`, `cli`, `fpm`, `threaded`, `onbuild`, ... */
  words: string[];
}

/** Splits a tag into its parts. `null` (no tag) is read as `latest`. */
export function parseTag(tag: string | null): TagParts {
  const t = tag ?? 'latest';
  const segs = t.split('-');
  let i = 0;
  let version: string | null = null;
  if (/^\d/.test(segs[0]) || NAMED_VERSIONS.has(segs[0])) {
    version = segs[0];
    i = 1;
    // `3.15-rc`, `8u302-b08`, `28-ea-12`, `1.2.3-beta1`: pre-release and build parts belong to the version.
    while (i < segs.length && /^(rc\d*|ea|beta\d*|alpha\d*|b\d+|\d+)$/.test(segs[i]) && !/^\d{8}$/.test(segs[i])) {
      version += '-' + segs[i];
      i++;
    }
  } else if (segs[0] === 'latest' && segs.length === 1) {
    i = 1;
  }
  const rest = segs.slice(i);
  let slim = false;
  let suite: string | null = null;
  let alpine: string | null = null;
  let windows = false;
  const words: string[] = [];
  for (let k = 0; k < rest.length; k++) {
    const s = rest[k];
    if (s === 'slim') slim = true;
    else if (DEBIAN_SUITES.has(s) || UBUNTU_SUITES.has(s)) {
      suite = s;
      if (/^\d{8}$/.test(rest[k + 1] ?? '')) suite += '-' + rest[++k];
    } else if (/^alpine(\d+\.\d+)?$/.test(s)) {
      alpine = s;
      if (s === 'alpine' && /^\d+\.\d+$/.test(rest[k + 1] ?? '')) alpine += '-' + rest[++k];
    } else if (WINDOWS_WORD.test(s)) windows = true;
    else words.push(s);
  }
  return { tag: t, version, rest, slim, suite, alpine, windows, words };
}

/** How an image family spells its smaller variants. */
export type FamilyKind =
  | 'slim-before-suite' // python, ruby, rust, perl, pypy: 3.12-slim-bookworm
  | 'slim-after-suite' // node: 22-bookworm-slim
  | 'debian' // bookworm-slim, 12-slim
  | 'temurin' // eclipse-temurin: -jre
  | 'openjdk' // deprecated: eclipse-temurin:<v>-jre
  | 'php' // -cli/-fpm/-apache/-zts, alpine only
  | 'no-slim' // golang, buildpack-deps: no slim variant
  | 'minimal' // alpine, busybox, distroless, chainguard, scratch: already minimal
  | 'other'; // anything else: not rewritten

const FAMILIES: Record<string, FamilyKind> = {
  python: 'slim-before-suite',
  ruby: 'slim-before-suite',
  rust: 'slim-before-suite',
  perl: 'slim-before-suite',
  pypy: 'slim-before-suite',
  node: 'slim-after-suite',
  debian: 'debian',
  'eclipse-temurin': 'temurin',
  openjdk: 'openjdk',
  php: 'php',
  golang: 'no-slim',
  'buildpack-deps': 'no-slim',
  alpine: 'minimal',
  busybox: 'minimal',
};

/** The family of a repository name as the catalog spells it (`python`, `gcr.io/distroless/base-debian12`). */
export function familyOf(repository: string): FamilyKind {
  if (repository.startsWith('gcr.io/distroless/') || repository.startsWith('cgr.dev/chainguard/')) return 'minimal';
  return FAMILIES[repository] ?? 'other';
}

/** Variants a tag already has that make it small: nothing to gain from the slim switch. */
export function isMinimalTag(repository: string, tag: string | null): boolean {
  const fam = familyOf(repository);
  if (fam === 'minimal') return true;
  const p = parseTag(tag);
  if (p.slim || p.alpine) return true;
  if (fam === 'temurin' && p.words.includes('jre')) return true;
  if (p.words.some((w) => /^(minimal|chiseled|distroless|ubi\d*-minimal)$/.test(w))) return true;
  return false;
}

export interface Candidate {
  /** Repository to write; differs from the input only for replacements (openjdk -> eclipse-temurin). */
  repository: string;
  tag: string;
  kind: 'slim' | 'alpine' | 'jre' | 'distroless';
}

export type CandidateResult =
  { kind: 'candidates'; candidates: Candidate[] } | { kind: 'minimal' } | { kind: 'none'; why: string };

const none = (why: string): CandidateResult => ({ kind: 'none', why });

/**
 * The same-distribution smaller variant of `repository:tag` (slim; `-jre` for eclipse-temurin;
 * `eclipse-temurin:<v>-jre` for openjdk). The version text is kept exactly as written (no
 * change of version or precision); the first candidate the catalog lists wins.
 */
export function slimCandidates(repository: string, tag: string | null): CandidateResult {
  const fam = familyOf(repository);
  if (fam === 'minimal') return { kind: 'minimal' };
  const p = parseTag(tag);
  if (p.windows) return none('Windows images have no slim variant here');
  if (fam !== 'other' && isMinimalTag(repository, tag)) return { kind: 'minimal' };
  const one = (t: string, kind: Candidate['kind'] = 'slim', repo = repository): CandidateResult => ({
    kind: 'candidates',
    candidates: [{ repository: repo, tag: t, kind }],
  });
  switch (fam) {
    case 'slim-before-suite': {
      if (p.words.includes('onbuild')) return none('-onbuild variants have no slim form');
      // Insert `slim` right after the version: 3.12 -> 3.12-slim, 3.12-bookworm -> 3.12-slim-bookworm,
      // 5-threaded-bookworm -> 5-slim-threaded-bookworm, latest -> slim, bookworm -> slim-bookworm.
      const tail = p.rest.length ? '-' + p.rest.join('-') : '';
      return one(p.version ? `${p.version}-slim${tail}` : `slim${tail}`);
    }
    case 'slim-after-suite': {
      if (p.words.length) return none(`node tags with extra words (${p.words.join(', ')}) have no slim form`);
      const parts = [p.version, p.suite].filter(Boolean);
      return one(parts.length ? `${parts.join('-')}-slim` : 'slim');
    }
    case 'debian': {
      if (p.words.includes('backports')) return none('debian backports tags have no slim form');
      if (p.tag === 'latest') return one('stable-slim');
      return one(`${p.tag}-slim`);
    }
    case 'temurin': {
      // 21 / 21-jdk / 21-jdk-noble / 21-noble -> 21-jre[-noble]
      if (!p.version) return none('eclipse-temurin: no version to build a -jre tag from');
      const rest = p.rest.filter((w) => w !== 'jdk');
      return one([p.version, 'jre', ...rest].join('-'), 'jre');
    }
    case 'openjdk': {
      const major = p.version && /^(\d+)(-jdk|-jre)?$/.exec(p.version)?.[1];
      if (!major)
        return none(
          'openjdk is deprecated; only a plain major version (8, 11, 17) maps to eclipse-temurin:<v>-jre without changing the Java version',
        );
      const extra = p.words.filter((w) => w !== 'jdk' && w !== 'jre');
      if (extra.length || p.alpine)
        return none(`openjdk:${p.tag} (${extra.join(', ') || p.alpine}) has no eclipse-temurin equivalent`);
      return one(`${major}-jre`, 'jre', 'eclipse-temurin');
    }
    case 'php':
      return none('php has no slim variant (its -alpine variants need --target alpine)');
    case 'no-slim':
      return none(
        repository === 'golang'
          ? 'golang has no slim variant; ship the binary on a small runtime stage instead (multi-stage)'
          : `${repository} has no slim variant`,
      );
    default:
      return none(`${repository} has no known smaller variant`);
  }
}

/** The alpine variant of `repository:tag` (musl libc, apk): review tier, see transforms/alpine-base. */
export function alpineCandidates(repository: string, tag: string | null): CandidateResult {
  const fam = familyOf(repository);
  if (fam === 'minimal') return { kind: 'minimal' };
  const p = parseTag(tag);
  if (p.windows) return none('Windows images have no alpine variant');
  if (p.alpine) return { kind: 'minimal' };
  const words = p.words.filter((w) => w !== 'slim');
  const make = (t: string): CandidateResult => ({
    kind: 'candidates',
    candidates: [{ repository, tag: t, kind: 'alpine' }],
  });
  switch (fam) {
    case 'slim-before-suite':
    case 'slim-after-suite':
    case 'no-slim': {
      if (repository === 'buildpack-deps' || repository === 'perl') return none(`${repository} has no alpine variant`);
      if (words.length) return none(`tags with extra words (${words.join(', ')}) have no alpine form`);
      return make(p.version ? `${p.version}-alpine` : 'alpine');
    }
    case 'php': {
      if (words.includes('apache')) return none('php -apache has no alpine variant');
      const sub = words.filter((w) => /^(cli|fpm|zts)$/.test(w));
      if (words.length !== sub.length) return none(`php tags with ${words.join(', ')} have no alpine form`);
      return make([p.version, ...sub, 'alpine'].filter(Boolean).join('-'));
    }
    default:
      return none(`${repository}: no alpine mapping`);
  }
}

/**
 * A distroless runtime for a stage that only copies artifacts (for the multi-stage transform):
 * golang -> gcr.io/distroless/static (CGO off) or base (cgo/glibc); python 3.13 -> python3-debian13;
 * node 22/24/26 -> nodejs<v>-debian13; eclipse-temurin/openjdk 17/21/25 -> java<v>-debian13.
 * `debian` picks the Debian release (12 for bookworm and older suites, 13 for trixie).
 */
export function distrolessCandidates(
  repository: string,
  tag: string | null,
  opts: { staticBinary?: boolean } = {},
): CandidateResult {
  const p = parseTag(tag);
  if (p.windows) return none('Windows images have no distroless variant');
  const deb = p.suite?.startsWith('trixie') ? 'debian13' : 'debian12';
  const major = p.version ? /^(\d+)/.exec(p.version)?.[1] : undefined;
  const make = (name: string, t = 'nonroot'): CandidateResult => ({
    kind: 'candidates',
    candidates: [{ repository: `gcr.io/distroless/${name}`, tag: t, kind: 'distroless' }],
  });
  switch (repository) {
    case 'golang':
    case 'debian':
      return make(opts.staticBinary ? `static-${deb}` : `base-${deb}`);
    case 'python':
      return p.version && /^3\.13(\.|$)/.test(p.version)
        ? make('python3-debian13')
        : none('distroless python3 only matches Python 3.13');
    case 'node':
      return major && ['22', '24', '26'].includes(major)
        ? make(`nodejs${major}-debian13`)
        : none('distroless node exists for 22, 24 and 26');
    case 'eclipse-temurin':
    case 'openjdk':
      return major && ['17', '21', '25'].includes(major)
        ? make(`java${major}-debian13`)
        : none('distroless java exists for 17, 21 and 25');
    default:
      return none(`${repository}: no distroless mapping`);
  }
}

/**
 * The key of the size table a tag falls in: its variant words without version, suite or Alpine
 * release (`python:3.9-slim-buster` -> `slim`, `eclipse-temurin:21` -> `jdk`, `php:8.4` -> `cli`).
 * Null for Windows tags.
 */
export function sizeClass(repository: string, tag: string | null): string | null {
  const p = parseTag(tag);
  if (p.windows) return null;
  const fam = familyOf(repository);
  let words = [...p.words];
  if (fam === 'temurin' && !words.includes('jre') && !words.includes('jdk')) words = ['jdk', ...words];
  if (fam === 'php' && !words.some((w) => /^(cli|fpm|apache|zts)$/.test(w))) words = ['cli', ...words];
  if (fam === 'minimal' || repository === 'ubuntu') words = words.filter((w) => !/^\d/.test(w));
  return [p.slim ? 'slim' : '', ...words, p.alpine ? 'alpine' : ''].filter(Boolean).join('-');
}

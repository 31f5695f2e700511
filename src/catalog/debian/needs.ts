/**
 * The rule table behind apt-no-install-recommends' "keep what the stage needs": for each need a
 * stage can have, the Debian packages that meet it. Which of those packages a given install only
 * *recommends* (so `--no-install-recommends` drops it) is not written here: it is generated from the
 * suites' Packages files by scripts/gen-debian-data.ts into debian.data.json.
 *
 * Sources for the needs (why the package is required for the function):
 * - https: curl, wget, git (libcurl/gnutls) and apt verify TLS servers against the system trust
 *   store /etc/ssl/certs, which only the `ca-certificates` package fills.
 * - xvfb-run: the script calls `xauth` to create the X authority file (xvfb-run(1)); `xauth` is its
 *   own package.
 * - keyserver: `apt-key adv --keyserver`/`--recv-keys` and `gpg --recv-keys` run through `dirmngr`,
 *   which gnupg only recommends on some suites.
 * - pip-build: pip older than 23.1 builds a source distribution without pyproject.toml with the
 *   setuptools installed next to it (no build isolation fallback) and makes wheels with `wheel`
 *   (pip 23.1 release notes: setuptools is no longer assumed); Debian's python3-pip recommends both.
 * - fonts: graphviz and wkhtmltopdf render text; without any font file they draw empty boxes.
 */

export type NeedId = 'https' | 'xvfb-run' | 'keyserver' | 'pip-build' | 'fonts';

export interface NeedRule {
  id: NeedId;
  /** Packages that meet the need (all are added when missing). Empty for `fonts`: the packages come from the data. */
  packages: readonly string[];
  /** What the need is, for messages. */
  what: string;
}

export const NEEDS: readonly NeedRule[] = [
  { id: 'https', packages: ['ca-certificates'], what: 'HTTPS downloads need the CA certificates' },
  { id: 'xvfb-run', packages: ['xauth'], what: '`xvfb-run` calls `xauth`' },
  {
    id: 'keyserver',
    packages: ['dirmngr'],
    what: 'key server look-ups (`apt-key adv`, `gpg --recv-keys`) run through dirmngr',
  },
  {
    id: 'pip-build',
    packages: ['python3-setuptools', 'python3-wheel'],
    what: 'pip before 23.1 builds source packages with the setuptools and wheel installed beside it',
  },
  { id: 'fonts', packages: [], what: 'graphviz and wkhtmltopdf need a font to render text' },
];

/** Packages whose job needs a font (need `fonts`). */
export const FONT_USERS: readonly string[] = ['graphviz', 'wkhtmltopdf'];

/** A package that provides fonts (Debian naming policy: fonts-*, older ttf-*, X11 bitmap xfonts-*). */
export function isFontPackage(name: string): boolean {
  return /^(fonts|ttf|otf|xfonts|t1)-/.test(name) && name !== 'xfonts-utils' && name !== 'xfonts-encodings';
}

/** The pip version from which setuptools/wheel are no longer needed beside it (pip 23.1). */
export const PIP_SELF_SUFFICIENT = [23, 1] as const;

/** Every package the need table names, plus the font users: the generator always watches these. */
export function needPackages(): string[] {
  return [...new Set([...NEEDS.flatMap((n) => n.packages), ...FONT_USERS, 'python3-pip', 'xvfb', 'gnupg'])];
}

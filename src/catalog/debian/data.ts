/** The shape of debian.data.json (written by scripts/gen-debian-data.ts, read by lookup.ts). */

export interface DebianSuiteSource {
  /** `Version` of the suite's Release file (e.g. `13.2`), when it has one. */
  release: string | null;
  /** `Date` of the suite's Release file. */
  date: string | null;
  /** Where its Packages index was read. */
  packages: string;
}

/** For one need package and suite: watched packages that pull it in. */
export interface NeedRelation {
  /** Space-separated watched packages whose Depends/Pre-Depends closure contains it (kept by --no-install-recommends). */
  depends: string;
  /** Space-separated watched packages whose closure contains it only through a Recommends (dropped by the flag). */
  recommends: string;
}

export interface FontRelation {
  /** Font packages in the Depends closure (a font is there even with --no-install-recommends). */
  depends: string[];
  /** The package's own font Recommends (what to add when no font comes through Depends). */
  recommends: string[];
}

export interface DebianData {
  format: 1;
  source: {
    description: string;
    /** Generation date (YYYY-MM-DD). */
    generated: string;
    suites: Record<string, DebianSuiteSource>;
    /** How the watched package list was made. */
    watched: string;
    /** What the data does not cover, and why. */
    notCovered: string;
  };
  /** Suites with data, newest first. */
  suites: string[];
  /** Version numbers to codenames, from the official-images library files (`12` -> bookworm, `22.04` -> jammy). */
  codenames: { debian: Record<string, string>; ubuntu: Record<string, string> };
  /** Version of python3-pip per suite. */
  pip: Record<string, string | null>;
  /** Space-separated sorted names of the watched packages. */
  watched: string;
  /** Per suite: watched names that the suite does not have (space-separated). */
  missing: Record<string, string>;
  /**
   * Per suite: watched packages whose install brings nothing through a Recommends (no package of their
   * Depends closure recommends anything), so `--no-install-recommends` changes nothing for them (space-separated).
   */
  recommendsNothing: Record<string, string>;
  /** Need package (ca-certificates, xauth, ...) -> suite -> which watched packages pull it in, and how. */
  needs: Record<string, Record<string, NeedRelation>>;
  /** Font user (graphviz, wkhtmltopdf) -> suite -> its fonts. */
  fonts: Record<string, Record<string, FontRelation>>;
  /** -dev package (src/catalog/debian/native-libs.ts) -> suite -> the runtime libraries it links against (space-separated). */
  runtimeLibs: Record<string, Record<string, string>>;
}

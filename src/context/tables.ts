/** The generated tables of known packages (scripts/gen-context-tables.ts -> data/*.json), read once, lazily. */
import { readFileSync } from 'node:fs';

export type NpmNativeKind = 'gyp' | 'download-or-build' | 'bundled-prebuilds' | 'platform-packages' | 'script' | 'none';

interface NpmTable {
  source: string;
  date: string;
  packages: Record<string, { from: string; to: string; kind: NpmNativeKind }[]>;
}
interface NpmAddonLibsTable {
  source: string;
  date: string;
  packages: Record<string, { from: string; to: string; libraries: string[]; unknown: string[] }[]>;
}
interface PythonTable {
  source: string;
  date: string;
  sourceOnly: Record<string, string>;
  wheelsFrom: Record<string, Record<string, string>>;
}
interface GoTable {
  source: string;
  date: string;
  modules: Record<string, string>;
}

const cache = new Map<string, unknown>();
function load<T>(name: string): T {
  if (!cache.has(name)) cache.set(name, JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')));
  return cache.get(name) as T;
}

export const npmTable = (): NpmTable => load<NpmTable>('npm-native.json');
/** What the .gyp files of the newest compiling releases of the seed packages link on Linux (src/context/gyp.ts). */
export const npmAddonLibsTable = (): NpmAddonLibsTable => load<NpmAddonLibsTable>('npm-addon-libs.json');
export const pythonTable = (): PythonTable => load<PythonTable>('python-wheels.json');
export const goTable = (): GoTable => load<GoTable>('go-cgo.json');

/** Compares dotted numeric versions (`1.26.0` vs `1.9`); non-numeric parts compare as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => parseInt(x, 10) || 0);
  const pb = b.split(/[.+-]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** How an npm package version gets its native code, from the table; null when the package or version is not listed. */
export function npmNativeKind(name: string, version: string | null): NpmNativeKind | null {
  const ranges = npmTable().packages[name];
  if (!ranges || !version) return null;
  const v = version.replace(/^[^\d]*/, '');
  for (const r of ranges) if (compareVersions(v, r.from) >= 0 && compareVersions(v, r.to) <= 0) return r.kind;
  // Newer than the table: the kind of the latest listed version.
  const last = ranges[ranges.length - 1];
  return last && compareVersions(v, last.to) > 0 ? last.kind : null;
}

/**
 * The libraries an npm package version's addon links on Linux, from its release's .gyp files; null when
 * that version was not read (only the releases listed are covered: no extrapolation to others).
 */
export function npmAddonLibs(
  name: string,
  version: string | null,
): { from: string; to: string; libraries: string[]; unknown: string[] } | null {
  const ranges = npmAddonLibsTable().packages[name];
  if (!ranges || !version || !/^\d+\.\d+\.\d+$/.test(version)) return null;
  return ranges.find((r) => compareVersions(version, r.from) >= 0 && compareVersions(version, r.to) <= 0) ?? null;
}

/** Node manifests: package.json, package-lock.json / npm-shrinkwrap.json (v1–v3), yarn.lock (v1 and berry), pnpm-lock.yaml. */
import { parse as parseYaml } from 'yaml';
import type { LockedPackage, Manifest } from '../types.js';

type Extract<K extends Manifest['kind']> = Manifest & { kind: K };

function record(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v))
    for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function parsePackageJson(path: string, text: string): Extract<'package.json'> {
  const j: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  if (!isObject(j)) throw new Error('package.json is not an object');
  const ws = j.workspaces;
  const workspaces = Array.isArray(ws)
    ? ws.filter((x): x is string => typeof x === 'string')
    : isObject(ws) && Array.isArray(ws.packages)
      ? ws.packages.filter((x): x is string => typeof x === 'string')
      : [];
  return {
    path,
    kind: 'package.json',
    name: typeof j.name === 'string' ? j.name : null,
    dependencies: record(j.dependencies),
    devDependencies: record(j.devDependencies),
    optionalDependencies: record(j.optionalDependencies),
    scripts: record(j.scripts),
    packageManager: typeof j.packageManager === 'string' ? j.packageManager : null,
    gypfile: j.gypfile === true,
    workspaces,
  };
}

const GIT_RESOLVED = /^(git\+|git:|github:|gitlab:|bitbucket:)|\.git(#|$)/;

/** package-lock.json / npm-shrinkwrap.json: v2/v3 `packages` (with hasInstallScript), v1 `dependencies` tree. */
export function parsePackageLock(path: string, text: string): Extract<'package-lock'> {
  const j: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  if (!isObject(j)) throw new Error('lockfile is not an object');
  const version = String(j.lockfileVersion ?? 1);
  const packages: LockedPackage[] = [];
  if (isObject(j.packages)) {
    for (const [key, raw] of Object.entries(j.packages)) {
      if (key === '' || !isObject(raw)) continue;
      if (raw.link === true) continue; // workspace link; its folder has its own entry
      const idx = key.lastIndexOf('node_modules/');
      const name = typeof raw.name === 'string' ? raw.name : idx === -1 ? key : key.slice(idx + 'node_modules/'.length);
      const resolved = typeof raw.resolved === 'string' ? raw.resolved : '';
      packages.push({
        name,
        version: typeof raw.version === 'string' ? raw.version : null,
        ...(raw.hasInstallScript === true ? { installScript: true } : {}),
        ...(raw.dev === true || raw.devOptional === true ? { dev: true } : {}),
        ...(raw.optional === true ? { optional: true } : {}),
        ...(GIT_RESOLVED.test(resolved) ? { git: true } : {}),
        ...(Array.isArray(raw.os) ? { os: raw.os.filter((x): x is string => typeof x === 'string') } : {}),
        ...(isObject(raw.bin) ? { bin: Object.keys(raw.bin) } : {}),
      });
    }
  } else if (isObject(j.dependencies)) {
    const walk = (deps: Record<string, unknown>) => {
      for (const [name, raw] of Object.entries(deps)) {
        if (!isObject(raw)) continue;
        const v = typeof raw.version === 'string' ? raw.version : null;
        packages.push({
          name,
          version: v,
          ...(raw.dev === true ? { dev: true } : {}),
          ...(raw.optional === true ? { optional: true } : {}),
          ...(v && GIT_RESOLVED.test(v) ? { git: true } : {}),
        });
        if (isObject(raw.dependencies)) walk(raw.dependencies);
      }
    };
    walk(j.dependencies);
  }
  return { path, kind: 'package-lock', lockfileVersion: version, packages };
}

/** `"@scope/name@^1.0.0", name@npm:1.2` -> `@scope/name`. */
function descriptorName(descriptor: string): string {
  const d = descriptor.trim().replace(/^"|"$/g, '');
  const at = d.indexOf('@', d.startsWith('@') ? 1 : 0);
  return at === -1 ? d : d.slice(0, at);
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return JSON.parse(t) as string;
  return t;
}

/**
 * yarn.lock: berry files are YAML (`__metadata` key); v1 files are yarn's own format: a
 * top-level line of comma-separated descriptors ending in `:`, then indented `key value` lines
 * (values quoted or bare) and indented sub-blocks (`dependencies:`).
 */
export function parseYarnLock(path: string, text: string): Extract<'yarn-lock'> {
  const body = text.replace(/^\uFEFF/, '');
  if (/^__metadata:/m.test(body)) {
    const y: unknown = parseYaml(body);
    if (!isObject(y)) throw new Error('yarn.lock (berry) is not a mapping');
    const meta = isObject(y.__metadata) ? y.__metadata : {};
    const packages: LockedPackage[] = [];
    for (const [key, raw] of Object.entries(y)) {
      if (key === '__metadata' || !isObject(raw)) continue;
      const resolution = typeof raw.resolution === 'string' ? raw.resolution : key.split(',')[0];
      if (/@workspace:/.test(resolution)) continue;
      packages.push({
        name: descriptorName(resolution),
        version: typeof raw.version === 'string' ? raw.version : null,
        ...(/@(git|github|ssh|https?):|\.git#/.test(resolution) ? { git: true } : {}),
      });
    }
    return { path, kind: 'yarn-lock', lockfileVersion: `berry-${String(meta.version ?? '?')}`, packages };
  }
  const packages: LockedPackage[] = [];
  let current: LockedPackage | null = null;
  let lineNo = 0;
  for (const line of body.split(/\r?\n/)) {
    lineNo++;
    if (line === '' || line.startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      if (!line.endsWith(':')) throw new Error(`yarn.lock line ${lineNo}: expected a descriptor list ending in ':'`);
      const first = line.slice(0, -1).split(',')[0];
      current = { name: descriptorName(first), version: null };
      if (/@(git\+|git:|github:)|\.git#/.test(first)) current.git = true;
      packages.push(current);
      continue;
    }
    if (!current) throw new Error(`yarn.lock line ${lineNo}: an indented line before any entry`);
    if (indent !== 2) continue; // dependency lists and other sub-blocks
    const t = line.trim();
    if (t.endsWith(':')) continue; // `dependencies:` opens a sub-block
    const sp = t.indexOf(' ');
    if (sp === -1) continue;
    const key = unquote(t.slice(0, sp));
    const value = unquote(t.slice(sp + 1));
    if (key === 'version') current.version = value;
    else if (key === 'resolved' && /^(git\+|git:)|\.git#/.test(value)) current.git = true;
  }
  return { path, kind: 'yarn-lock', lockfileVersion: '1', packages };
}

/** pnpm-lock.yaml v5–v9: `packages` keys are `/name/1.2.3`, `/name@1.2.3` or `name@1.2.3` (peer suffixes in parentheses). */
export function parsePnpmLock(path: string, text: string): Extract<'pnpm-lock'> {
  const y: unknown = parseYaml(text.replace(/^\uFEFF/, ''));
  if (!isObject(y)) throw new Error('pnpm-lock.yaml is not a mapping');
  const version = String(y.lockfileVersion ?? '?');
  const packages: LockedPackage[] = [];
  if (isObject(y.packages)) {
    for (const [rawKey, raw] of Object.entries(y.packages)) {
      const key = rawKey.replace(/\(.*$/, '').replace(/^\//, '');
      let name: string;
      let ver: string | null;
      const at = key.lastIndexOf('@');
      if (at > 0) {
        name = key.slice(0, at);
        ver = key.slice(at + 1);
      } else {
        // v5: name/1.2.3 (scoped: @scope/name/1.2.3)
        const slash = key.lastIndexOf('/');
        name = slash > 0 ? key.slice(0, slash) : key;
        ver = slash > 0 ? key.slice(slash + 1) : null;
      }
      const info = isObject(raw) ? raw : {};
      const res = isObject(info.resolution) ? info.resolution : {};
      packages.push({
        name: typeof info.name === 'string' ? info.name : name,
        version: typeof info.version === 'string' ? info.version : ver,
        ...(info.requiresBuild === true ? { installScript: true } : {}),
        ...(info.dev === true ? { dev: true } : {}),
        ...(info.optional === true ? { optional: true } : {}),
        ...(typeof res.repo === 'string' || res.type === 'git' ? { git: true } : {}),
      });
    }
  }
  return { path, kind: 'pnpm-lock', lockfileVersion: version, packages };
}

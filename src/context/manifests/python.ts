/** Python manifests: requirements*.txt (with -r/-c includes), pyproject.toml, poetry.lock, Pipfile.lock, uv.lock. */
import { posix } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { LockedPackage, Manifest, PythonRequirement } from '../types.js';

type Extract<K extends Manifest['kind']> = Manifest & { kind: K };

/** PEP 503 normalisation. */
export function normalizePyName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/;

/** One PEP 508 requirement (`name[extra]>=1,<2 ; python_version < "3.12"`), a URL or a path. */
export function parseRequirement(spec: string, editable = false): PythonRequirement {
  let text = spec.trim();
  let markers: string | null = null;
  const hashes: string[] = [];
  // --hash options may trail the requirement on the same logical line.
  text = text.replace(/\s--hash[=\s]\s*(\S+)/g, (_m, h: string) => {
    hashes.push(h);
    return '';
  });
  // Markers follow `;` (for URL forms only `;` after whitespace, since a URL may contain `;`).
  const semi = text.includes('://') ? text.search(/\s;/) + 1 || -1 : text.indexOf(';');
  if (semi >= 0) {
    markers = text.slice(semi + 1).trim() || null;
    text = text.slice(0, semi).trim();
  }
  const base = { markers, hashes, editable, extras: [] as string[] };
  if (/^(git|hg|svn|bzr)\+/.test(text)) {
    const egg = /#egg=([A-Za-z0-9._-]+)/.exec(text);
    return { ...base, name: egg ? normalizePyName(egg[1]) : null, pinned: null, specifier: text, source: 'vcs' };
  }
  const at = /^([A-Za-z0-9._-]+)\s*(\[[^\]]*\])?\s*@\s*(\S+)/.exec(text);
  if (at) {
    const vcs = /^(git|hg|svn|bzr)\+/.test(at[3]);
    return { ...base, name: normalizePyName(at[1]), pinned: null, specifier: at[3], source: vcs ? 'vcs' : 'url' };
  }
  if (/^[a-z]+:\/\//i.test(text)) return { ...base, name: null, pinned: null, specifier: text, source: 'url' };
  if (/^(\.|\/|~)/.test(text) || /\.(whl|tar\.gz|zip|tar\.bz2)$/.test(text))
    return { ...base, name: null, pinned: null, specifier: text, source: 'path' };
  const m = NAME.exec(text);
  if (!m) throw new Error(`not a requirement: ${spec.trim()}`);
  const specifier = m[3].replace(/^\(|\)$/g, '').trim();
  const pin = /^===?\s*([^,\s*]+)$/.exec(specifier);
  return {
    ...base,
    name: normalizePyName(m[1]),
    extras: m[2]
      ? m[2]
          .slice(1, -1)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
    pinned: pin ? pin[1] : null,
    specifier,
    source: 'index',
  };
}

/** Logical lines of a requirements file: `\` continuations joined, comments (`#` at start or after whitespace) removed. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let acc = '';
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '');
    if (line.endsWith('\\')) {
      acc += line.slice(0, -1) + ' ';
      continue;
    }
    acc += line;
    if (acc.trim()) out.push(acc.trim());
    acc = '';
  }
  if (acc.trim()) out.push(acc.trim());
  return out;
}

const OPTION_WITH_VALUE =
  /^(-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host|--no-binary|--only-binary|--use-feature|--global-option|--config-settings|--pre)\b/;

/**
 * requirements*.txt in pip's format (https://pip.pypa.io/en/stable/reference/requirements-file-format/).
 * `read` returns the text of another context file (or null): `-r`/`-c` includes are relative to the including file.
 */
export function parseRequirements(
  path: string,
  text: string,
  read: (contextPath: string) => string | null,
  maxDepth = 5,
): Extract<'requirements'> {
  const requirements: PythonRequirement[] = [];
  const includes: string[] = [];
  const missing: string[] = [];
  const visit = (file: string, body: string, depth: number) => {
    for (const line of logicalLines(body)) {
      const inc = /^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)$/.exec(line) ?? /^(-r|-c)(\S+)$/.exec(line);
      if (inc) {
        const target = posix.normalize(posix.join(posix.dirname(file), inc[2]));
        const isConstraint = inc[1].startsWith('-c') || inc[1] === '--constraint';
        if (/^[a-z]+:\/\//i.test(inc[2]) || target.startsWith('..') || posix.isAbsolute(inc[2])) {
          missing.push(inc[2]);
          continue;
        }
        if (includes.includes(target) || target === path) continue;
        const t = depth < maxDepth ? read(target) : null;
        if (t === null) {
          missing.push(target);
          continue;
        }
        includes.push(target);
        // Constraints pin versions but install nothing by themselves.
        if (!isConstraint) visit(target, t, depth + 1);
        continue;
      }
      const ed = /^(-e|--editable)(?:\s*=\s*|\s+)(.+)$/.exec(line);
      if (ed) {
        requirements.push(parseRequirement(ed[2], true));
        continue;
      }
      if (line.startsWith('-')) {
        if (OPTION_WITH_VALUE.test(line) || /^--(require-hashes|prefer-binary|no-index|pre)\b/.test(line)) continue;
        continue; // other global options
      }
      requirements.push(parseRequirement(line));
    }
  };
  visit(path, text, 0);
  return { path, kind: 'requirements', requirements, includes, missing };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function parsePyproject(path: string, text: string): Extract<'pyproject'> {
  const t = parseToml(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  const project = isObject(t.project) ? t.project : {};
  const build = isObject(t['build-system']) ? t['build-system'] : {};
  const tool = isObject(t.tool) ? t.tool : {};
  const poetry = isObject(tool.poetry) ? tool.poetry : {};
  const deps = Array.isArray(project.dependencies)
    ? project.dependencies.filter((d): d is string => typeof d === 'string').map((d) => parseRequirement(d))
    : [];
  const poetryDeps = isObject(poetry.dependencies)
    ? Object.keys(poetry.dependencies)
        .filter((k) => k.toLowerCase() !== 'python')
        .map(normalizePyName)
    : [];
  return {
    path,
    kind: 'pyproject',
    name:
      typeof project.name === 'string'
        ? project.name
        : typeof poetry.name === 'string'
          ? (poetry.name as string)
          : null,
    requiresPython: typeof project['requires-python'] === 'string' ? (project['requires-python'] as string) : null,
    buildBackend: typeof build['build-backend'] === 'string' ? (build['build-backend'] as string) : null,
    dependencies: deps,
    poetryDependencies: poetryDeps,
  };
}

/** poetry.lock and uv.lock: TOML with `[[package]]` tables (name, version, source). */
export function parseTomlLock(path: string, text: string, kind: 'poetry-lock' | 'uv-lock'): Extract<typeof kind> {
  const t = parseToml(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  const packages: LockedPackage[] = [];
  for (const p of Array.isArray(t.package) ? t.package : []) {
    if (!isObject(p) || typeof p.name !== 'string') continue;
    const source = isObject(p.source) ? p.source : {};
    const git = source.type === 'git' || typeof source.git === 'string';
    if (kind === 'uv-lock' && (typeof source.editable === 'string' || typeof source.virtual === 'string')) continue; // the project itself
    packages.push({
      name: normalizePyName(p.name),
      version: typeof p.version === 'string' ? p.version : null,
      ...(git ? { git: true } : {}),
      ...(p.category === 'dev' ? { dev: true } : {}),
    });
  }
  return { path, kind, packages };
}

/** Pipfile.lock: JSON with `default` and `develop` maps of name -> { version: "==1.2.3" | git }. */
export function parsePipfileLock(path: string, text: string): Extract<'pipfile-lock'> {
  const j: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  if (!isObject(j)) throw new Error('Pipfile.lock is not an object');
  const packages: LockedPackage[] = [];
  for (const [section, dev] of [
    ['default', false],
    ['develop', true],
  ] as const) {
    const s = j[section];
    if (!isObject(s)) continue;
    for (const [name, raw] of Object.entries(s)) {
      const info = isObject(raw) ? raw : {};
      const v = typeof info.version === 'string' ? info.version.replace(/^==/, '') : null;
      packages.push({
        name: normalizePyName(name),
        version: v,
        ...(typeof info.git === 'string' ? { git: true } : {}),
        ...(dev ? { dev: true } : {}),
      });
    }
  }
  return { path, kind: 'pipfile-lock', packages };
}

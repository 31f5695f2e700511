/**
 * Config files: `--config PATH`, else the nearest `.slimifyrc.json` or `package.json` with a
 * `slimify` key, searching from the working folder up to the file-system root (the first found wins).
 * Command-line flags override config values.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface SlimifyConfig {
  level?: 'safe' | 'review';
  only?: string[];
  skip?: string[];
  enable?: string[];
  target?: 'slim' | 'alpine' | 'distroless';
  /** Build context folder, relative to the config file (like --context). */
  context?: string;
  /** Per-transform options, by transform id. */
  transforms?: Record<string, Record<string, unknown>>;
  /** Other sections (verify, pr) read their own keys. */
  [key: string]: unknown;
}

export class ConfigError extends Error {}

export function loadConfig(cwd: string, explicit?: string): { config: SlimifyConfig; path: string | null } {
  if (explicit) {
    const path = resolve(cwd, explicit);
    return { config: readJson(path, false), path };
  }
  let dir = resolve(cwd);
  for (;;) {
    const rc = join(dir, '.slimifyrc.json');
    if (existsSync(rc)) return { config: readJson(rc, false), path: rc };
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      const found = readJson(pkg, true);
      if (found) return { config: found, path: pkg };
    }
    const parent = dirname(dir);
    if (parent === dir) return { config: {}, path: null };
    dir = parent;
  }
}

function readJson(path: string, packageJson: true): SlimifyConfig | null;
function readJson(path: string, packageJson: false): SlimifyConfig;
function readJson(path: string, packageJson: boolean): SlimifyConfig | null {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    if (packageJson) return null;
    throw new ConfigError(`${path}: cannot read config: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (packageJson) {
    const section = (data as Record<string, unknown> | null)?.slimify;
    if (section === undefined) return null;
    data = section;
  }
  return validate(data, path);
}

function validate(data: unknown, path: string): SlimifyConfig {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new ConfigError(`${path}: the config must be a JSON object`);
  const c = data as Record<string, unknown>;
  const oneOf = (key: string, values: string[]) => {
    if (c[key] !== undefined && !values.includes(c[key] as string))
      throw new ConfigError(`${path}: "${key}" must be one of ${values.join(', ')}`);
  };
  oneOf('level', ['safe', 'review']);
  oneOf('target', ['slim', 'alpine', 'distroless']);
  if (c.context !== undefined && typeof c.context !== 'string')
    throw new ConfigError(`${path}: "context" must be a folder path (a string)`);
  for (const key of ['only', 'skip', 'enable']) {
    if (c[key] !== undefined && !(Array.isArray(c[key]) && (c[key] as unknown[]).every((x) => typeof x === 'string'))) {
      throw new ConfigError(`${path}: "${key}" must be an array of transform ids`);
    }
  }
  if (
    c.transforms !== undefined &&
    (typeof c.transforms !== 'object' || c.transforms === null || Array.isArray(c.transforms))
  ) {
    throw new ConfigError(`${path}: "transforms" must be an object keyed by transform id`);
  }
  return c as SlimifyConfig;
}

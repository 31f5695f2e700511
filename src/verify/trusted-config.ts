/**
 * Which verify settings slimify takes from where. A build runs the Dockerfile's code by design;
 * giving that code the host does not: engine and run arguments (`engineArgs`, `runArgs`, e.g. a
 * `--secret src=/etc/shadow` or `-v /:/host --privileged`) widen what the build and the smoke
 * container reach, so they come only from the command line, a config file named with `--config`,
 * or the user's own config (`$SLIMIFY_USER_CONFIG`, else `$XDG_CONFIG_HOME/slimify/config.json`,
 * else `~/.config/slimify/config.json`) — never from a `.slimifyrc.json` / package.json found in
 * the repository being checked, unless `--trust-repo-config` says so. Everything else in the
 * `verify` section (engine, smoke command, timeout) may come from the repository: it runs inside
 * the container, as the Dockerfile does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { EngineName } from './engine.js';

export interface VerifyFileConfig {
  engine?: EngineName;
  engineArgs?: string[];
  runArgs?: string[];
  /** One smoke command for every file, or one per file (keys: paths relative to the config file's folder). */
  smoke?: string | Record<string, string>;
  smokeTimeout?: number;
}

/** Keys that widen what the build or the container can reach. */
export const WIDENING_KEYS = ['engineArgs', 'runArgs'] as const;

export function userConfigPath(env: Record<string, string | undefined>): string {
  if (env.SLIMIFY_USER_CONFIG) return env.SLIMIFY_USER_CONFIG;
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'slimify', 'config.json');
}

function section(v: unknown, where: string): VerifyFileConfig {
  if (v === undefined) return {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${where}: "verify" must be an object`);
  const c = v as Record<string, unknown>;
  for (const k of WIDENING_KEYS) {
    if (c[k] !== undefined && !(Array.isArray(c[k]) && (c[k] as unknown[]).every((x) => typeof x === 'string')))
      throw new Error(`${where}: "verify.${k}" must be an array of strings`);
  }
  return c as VerifyFileConfig;
}

/** The `verify` section of the user's own config file, or {} when there is none. */
export function loadUserVerifyConfig(env: Record<string, string | undefined>): VerifyFileConfig {
  const path = userConfigPath(env);
  if (!existsSync(path)) return {};
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: cannot read config: ${(err as Error).message}`, { cause: err });
  }
  return section((data as Record<string, unknown> | null)?.verify, path);
}

export interface TrustInput {
  /** The `verify` section of the config file in use (explicit or found), and where it came from. */
  fileSection: unknown;
  configPath: string | null;
  /** The config file was named with --config (the user chose it). */
  explicit: boolean;
  trustRepoConfig: boolean;
  env: Record<string, string | undefined>;
}

export interface TrustedVerifyConfig {
  config: VerifyFileConfig;
  /** The config file's folder (per-file smoke keys are relative to it). */
  configDir: string | null;
  /** Settings that were ignored, one line each. */
  ignored: string[];
}

/** Merges the user's config under the file's, dropping the file's widening keys unless it is trusted. */
export function trustedVerifyConfig(input: TrustInput): TrustedVerifyConfig {
  const user = loadUserVerifyConfig(input.env);
  const file = section(input.fileSection, input.configPath ?? 'config');
  const trusted = input.explicit || input.trustRepoConfig;
  const ignored: string[] = [];
  const merged: VerifyFileConfig = { ...user, ...file };
  for (const k of WIDENING_KEYS) {
    if (file[k]?.length && !trusted) {
      ignored.push(
        `${input.configPath}: "verify.${k}" ignored: engine and run arguments are taken from the command line or your own config only (use --trust-repo-config to accept the repository's)`,
      );
      merged[k] = user[k];
    }
  }
  return { config: merged, configDir: input.configPath ? dirname(input.configPath) : null, ignored };
}

/** The config's smoke command for one file (absolute path), if any. */
export function configSmokeFor(t: TrustedVerifyConfig, file: string): string | undefined {
  const s = t.config.smoke;
  if (typeof s === 'string') return s;
  if (!s || !t.configDir) return undefined;
  const rel = relative(t.configDir, resolve(file)).split(sep).join('/');
  return s[rel];
}

/**
 * The rewrite options every command shares (main, verify, pr): command-line flags over the
 * config file's top-level keys. Lists accept comma-separated and repeated values.
 */
import type { SlimifyOptions } from '../api/slimify.js';
import type { SlimifyConfig } from './config.js';

/** `--only a,b --only c` -> [a, b, c]; undefined when the flag was not given. */
export function splitList(values: unknown): string[] | undefined {
  if (values === undefined || values === null) return undefined;
  return (Array.isArray(values) ? values : [values])
    .flatMap((v) => String(v).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface RewriteArgs {
  level?: unknown;
  /** A string, or an array when the flag was repeated. */
  only?: unknown;
  skip?: unknown;
  enable?: unknown;
  /** Base-image target (the main command's --target; verify calls it --rewrite-target). */
  target?: unknown;
}

export function rewriteOptions(args: RewriteArgs, config: SlimifyConfig): SlimifyOptions {
  return {
    level: (args.level ?? config.level) as SlimifyOptions['level'],
    only: splitList(args.only) ?? config.only,
    skip: splitList(args.skip) ?? config.skip,
    enable: splitList(args.enable) ?? config.enable,
    target: (args.target ?? config.target) as SlimifyOptions['target'],
    transformOptions: config.transforms,
  };
}

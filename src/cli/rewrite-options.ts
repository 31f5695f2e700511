/**
 * The rewrite options every command shares (main, verify, pr): command-line flags over the
 * config file's top-level keys. Lists accept comma-separated and repeated values.
 */
import type { SlimifyOptions } from '../api/slimify.js';
import type { SlimifyConfig } from './config.js';

import { splitList } from '../text/split-list.js';

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

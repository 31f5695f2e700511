import type { Plugin } from 'esbuild';

/** See cached-bundle.mjs: `<name>-cli.cjs` (the program) and `<name>.cjs` (its bin, with the code cache). */
export function buildCached(o: {
  entry: string;
  outdir: string;
  name: string;
  external?: string[];
  plugins?: Plugin[];
}): Promise<{ bin: string; cli: string }>;

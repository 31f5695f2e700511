// Bundles the CLI into dist/bundle/ (the `slimify` bin) so start-up reads a few modules, not hundreds:
// slimify.mjs holds the main command; `pr` (with @octokit) and `verify` are chunks loaded on use.
// web-tree-sitter and tree-sitter-bash stay in node_modules: src/shell/parser.ts loads them at
// run time (a fresh WebAssembly instance after an abort) and reads the grammar's .wasm from there.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';

const outdir = 'dist/bundle';
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: { slimify: 'src/cli/main.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['web-tree-sitter', 'tree-sitter-bash'],
  // Bundled CommonJS dependencies call require(); give the ES module one.
  banner: {
    js: "import { createRequire as __slimifyRequire } from 'node:module';\nconst require = __slimifyRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// src/catalog/load.ts reads the catalog next to the module that holds it.
copyFileSync('src/catalog/catalog.data.json', `${outdir}/catalog.data.json`);
chmodSync(`${outdir}/slimify.mjs`, 0o755);

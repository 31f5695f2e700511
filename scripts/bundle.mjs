// Bundles the CLI into dist/bundle/ (the `slimify` bin) so start-up reads a few modules, not hundreds:
// slimify.mjs holds the main command; `pr` (with @octokit) and `verify` are chunks loaded on use.
// web-tree-sitter stays in node_modules: src/shell/parser.ts loads it at run time (a fresh
// WebAssembly instance after an abort). The grammar's .wasm is copied beside the bundle, where
// src/shell/grammar.ts reads it (tree-sitter-bash is a devDependency). @octokit/rest is bundled
// into the `pr` chunk, so it is a devDependency too: users install none of it.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { copyGrammar } from './copy-grammar.mjs';

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
  external: ['web-tree-sitter'],
  // Bundled CommonJS dependencies call require(); give the ES module one.
  banner: {
    js: "import { createRequire as __slimifyRequire } from 'node:module';\nconst require = __slimifyRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// src/shell/grammar.ts reads the shell grammar next to the module that holds it.
copyGrammar(outdir);
// src/catalog/load.ts reads the catalog next to the module that holds it.
copyFileSync('src/catalog/catalog.data.json', `${outdir}/catalog.data.json`);
// Modules that read generated tables as `new URL('./data/<name>.json', import.meta.url)` find them in
// the bundle's data/ folder: copy every src/**/data/*.json there (a name used twice is an error).
const dataOut = `${outdir}/data`;
mkdirSync(dataOut, { recursive: true });
const seen = new Map();
for (const dir of findDataDirs('src')) {
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    if (seen.has(name)) throw new Error(`bundle: data file ${name} in both ${seen.get(name)} and ${dir}`);
    seen.set(name, dir);
    copyFileSync(join(dir, name), join(dataOut, name));
  }
}
function findDataDirs(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const sub = join(dir, e.name);
    if (e.name === 'data') out.push(sub);
    else out.push(...findDataDirs(sub));
  }
  return out;
}
chmodSync(`${outdir}/slimify.mjs`, 0o755);

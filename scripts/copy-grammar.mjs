// Vendors the shell grammar (tree-sitter-bash's WebAssembly build, and its MIT licence) into a
// build output folder: src/shell/grammar.ts reads it there, next to the compiled module, so the
// published package needs no tree-sitter-bash (a devDependency) at run time.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export function copyGrammar(outdir) {
  const wasm = require.resolve('tree-sitter-bash/tree-sitter-bash.wasm');
  mkdirSync(outdir, { recursive: true });
  copyFileSync(wasm, join(outdir, 'tree-sitter-bash.wasm'));
  copyFileSync(join(dirname(wasm), 'LICENSE'), join(outdir, 'tree-sitter-bash.LICENSE'));
}

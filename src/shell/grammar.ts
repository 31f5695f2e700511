/**
 * Where the shell grammar (tree-sitter-bash's WebAssembly build) comes from. The build copies it
 * next to the compiled modules (scripts/copy-assets.mjs into dist/src/shell/, scripts/bundle.mjs
 * into dist/bundle/), so the published package reads its own copy and does not depend on
 * tree-sitter-bash (a devDependency: users never install it nor run its native install script).
 * Run from src/ (tsx, vitest) there is no copy, and the grammar comes from node_modules.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The grammar's file name, in tree-sitter-bash and in the build output. */
export const GRAMMAR_FILE = 'tree-sitter-bash.wasm';

/** The path of the grammar this module loads: the shipped copy beside it, else tree-sitter-bash's. */
export function grammarPath(): string {
  const shipped = fileURLToPath(new URL(`./${GRAMMAR_FILE}`, import.meta.url));
  if (existsSync(shipped)) return shipped;
  try {
    return createRequire(import.meta.url).resolve(`tree-sitter-bash/${GRAMMAR_FILE}`);
  } catch {
    throw new Error(
      `slimify: the shell grammar is missing: no ${shipped} and no tree-sitter-bash package (reinstall slimify)`,
    );
  }
}

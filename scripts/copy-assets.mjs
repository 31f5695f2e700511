// Copies the non-TypeScript files the compiled package reads at run time (JSON data, the shell
// grammar beside src/shell/grammar.ts) into dist/.
import { cpSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { copyGrammar } from './copy-grammar.mjs';

function copyJson(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copyJson(path);
    else if (name.endsWith('.json')) {
      const target = join('dist', path);
      mkdirSync(dirname(target), { recursive: true });
      cpSync(path, target);
    }
  }
}
copyJson('src');
copyGrammar('dist/src/shell');

/**
 * The parse floor for `npm run bench`: only the two parsers slimify is built on, loaded and run the
 * way the CLI loads them (same V8 flags, same bundling and bin with its code cache, from
 * scripts/cached-bundle.mjs): dockerfile-ast over every file named (or
 * every `*.Dockerfile` / `Dockerfile*` in a folder named) and tree-sitter-bash over every RUN body.
 * No rewriting, no rules: what any tool reading these files must pay.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import type * as TreeSitter from 'web-tree-sitter';
import { setV8Flags } from '../src/cli/v8-flags.cjs';

setV8Flags(); // the CLI's flags (src/cli/v8-flags.cts)

async function main(): Promise<void> {
  const nodeRequire = createRequire(import.meta.url);
  const { Parser, Language } = nodeRequire('web-tree-sitter') as typeof TreeSitter;
  await Parser.init();
  const language = await Language.load(readFileSync(nodeRequire.resolve('tree-sitter-bash/tree-sitter-bash.wasm')));
  const parser = new Parser();
  parser.setLanguage(language);

  const files: string[] = [];
  for (const arg of process.argv.slice(2)) {
    if (statSync(arg).isDirectory()) {
      for (const name of readdirSync(arg).sort())
        if (/\.(Dockerfile|dockerfile)$|^(Docker|Container)file/.test(name)) files.push(join(arg, name));
    } else files.push(arg);
  }
  let bodies = 0;
  for (const file of files) {
    const doc = DockerfileParser.parse(readFileSync(file, 'utf8'));
    for (const ins of doc.getInstructions()) {
      if (ins.getKeyword().toUpperCase() !== 'RUN') continue;
      const body = ins.getArgumentsContent();
      if (!body) continue;
      parser.parse(body)?.delete();
      bodies++;
    }
  }
  process.stdout.write(`${files.length} files, ${bodies} RUN bodies\n`);
}

// No top-level await: the bench bundles this as CommonJS, as the CLI is.
main().catch((err: unknown) => {
  process.stderr.write(`parse-floor: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});

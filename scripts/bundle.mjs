// Bundles the CLI into dist/bundle/ (the `slimify` bin) so start-up reads two files, not hundreds:
// - slimify-cli.cjs: the whole CLI as one CommonJS file (src/cli/main.ts and all it imports; `pr`
//   with @octokit and `verify` are in it but only initialised when used);
// - slimify.cjs: the bin (src/cli/bin.cts), which runs slimify-cli.cjs through a V8 code cache.
//   CommonJS because Node 20 can give a code cache only to a script (vm.Script), not to ES modules.
// web-tree-sitter stays in node_modules: src/shell/parser.ts loads it at run time (a fresh
// WebAssembly instance after an abort). The grammar's .wasm is copied beside the bundle, where
// src/shell/grammar.ts finds it (tree-sitter-bash is a devDependency). @octokit/rest is bundled
// into the CLI, so it is a devDependency too: users install none of it.
import { chmodSync, copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildCached } from './cached-bundle.mjs';
import { copyGrammar } from './copy-grammar.mjs';

const outdir = 'dist/bundle';

/**
 * yargs reaches string-width (three copies: its own, cliui's and wrap-ansi's), which at load time
 * creates an Intl.Segmenter (the first one loads ICU break data: ~10 ms) and compiles
 * /^\p{RGI_Emoji}$/v (~17 ms), both only used to measure text for --help. Create them on first use
 * instead: same behaviour, ~25 ms less at every start. A pattern no longer found is a warning (the
 * bundle is then only slower), so a string-width update cannot break the build.
 */
const LAZY_STRING_WIDTH = [
  [
    'const segmenter = new Intl.Segmenter();',
    'let segmenterMade;\nconst segmenter = { segment: (s) => (segmenterMade ??= new Intl.Segmenter()).segment(s) };',
  ],
  [
    'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
    'let rgiEmojiMade;\nconst rgiEmojiRegex = { test: (s) => (rgiEmojiMade ??= /^\\p{RGI_Emoji}$/v).test(s) };',
  ],
];
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, (args) => {
      let text = readFileSync(args.path, 'utf8');
      const warnings = [];
      for (const [from, to] of LAZY_STRING_WIDTH) {
        if (from.includes('rgiEmojiRegex') && !text.includes('rgiEmojiRegex')) continue; // 7.x uses emoji-regex
        if (text.includes(from)) text = text.replace(from, to);
        else warnings.push({ text: `string-width: not made lazy (pattern not found): ${from}` });
      }
      return { contents: text, loader: 'js', warnings };
    });
  },
};
/**
 * yargs checks two of its own invariants with node:assert, whose loading costs ~2 ms of every start.
 * Give yargs the same two functions that load the real node:assert only when a check fails: the
 * same checks, the same AssertionError.
 */
const LAZY_ASSERT = `
export function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) require('node:assert').strictEqual(actual, expected, message);
}
export function notStrictEqual(actual, expected, message) {
  if (Object.is(actual, expected)) require('node:assert').notStrictEqual(actual, expected, message);
}
`;
const lazyAssert = {
  name: 'lazy-assert',
  setup(b) {
    b.onResolve({ filter: /^assert$/ }, (args) =>
      /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]/.test(args.importer)
        ? { path: 'yargs-assert', namespace: 'slimify-lazy' }
        : undefined,
    );
    b.onLoad({ filter: /^yargs-assert$/, namespace: 'slimify-lazy' }, () => ({ contents: LAZY_ASSERT, loader: 'js' }));
  },
};
/**
 * The yaml package is only needed when a build context has a compose file, a yarn berry lock or a
 * pnpm lock, but its module initialisation (with node:process) was ~2 ms of every start. Give
 * slimify's modules a `parse` that loads yaml on its first call: the same function, the same
 * errors. A yaml export slimify imports other than `parse` fails the build here, not at run time.
 */
const LAZY_YAML = `
export function parse(...args) {
  return require('yaml').parse(...args);
}
`;
const lazyYaml = {
  name: 'lazy-yaml',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, (args) =>
      args.namespace === 'file' && /[\\/]src[\\/]/.test(args.importer)
        ? { path: 'yaml', namespace: 'slimify-lazy' }
        : undefined,
    );
    b.onLoad({ filter: /^yaml$/, namespace: 'slimify-lazy' }, () => ({
      contents: LAZY_YAML,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const { bin } = await buildCached({
  entry: 'src/cli/main.ts',
  outdir,
  name: 'slimify',
  external: ['web-tree-sitter'],
  plugins: [lazyStringWidth, lazyAssert, lazyYaml],
});
// src/shell/grammar.ts reads the shell grammar next to the module that holds it.
copyGrammar(outdir);
// src/catalog/load.ts reads the catalog next to the module that holds it.
copyFileSync('src/catalog/catalog.data.json', `${outdir}/catalog.data.json`);
copyFileSync('src/catalog/catalog.index.json', `${outdir}/catalog.index.json`);
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
chmodSync(bin, 0o755);

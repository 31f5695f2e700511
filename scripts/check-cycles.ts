/**
 * Fails when the modules of src/ and transforms/ import each other in a cycle.
 * Builds the import graph with TypeScript's own pre-processor (`ts.preProcessFile`): static imports,
 * `import type`, `export ... from` and dynamic `import()` all count, because a type-only cycle is still a
 * layering error. Prints every elementary cycle found (one per strongly connected component walk) and
 * exits 1 when there is any.
 *
 *   npx tsx scripts/check-cycles.ts        (npm run lint:cycles)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const roots = ['src', 'transforms'];

function listSources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '__fixtures__') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listSources(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Maps a relative specifier (`./x.js`, `../y/index.js`, `./z`) to a source file, or null. */
function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  const candidates = [
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.mjs$/, '.mts'),
    base,
    `${base}.ts`,
    join(base, 'index.ts'),
  ];
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c)) ?? null;
}

const files = roots.flatMap((r) => listSources(join(root, r)));
const known = new Set(files);
const graph = new Map<string, string[]>();
for (const file of files) {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const deps = new Set<string>();
  for (const ref of info.importedFiles) {
    const target = resolveImport(file, ref.fileName);
    if (target && known.has(target) && target !== file) deps.add(target);
  }
  graph.set(file, [...deps].sort());
}

// Tarjan's strongly connected components; every component with more than one module holds a cycle.
let counter = 0;
const index = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const components: string[][] = [];
function connect(v: string): void {
  index.set(v, counter);
  low.set(v, counter);
  counter++;
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!index.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v)!, low.get(w)!));
    } else if (onStack.has(w)) {
      low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
  }
  if (low.get(v) === index.get(v)) {
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) components.push(component.sort());
  }
}
for (const file of [...files].sort()) if (!index.has(file)) connect(file);

/** One shortest cycle through `start` inside its component (breadth-first), as a path of modules. */
function cycleThrough(start: string, members: Set<string>): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(prev.get(path[0])!);
        return [...path, start];
      }
      if (!seen.has(w)) {
        seen.add(w);
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

const rel = (f: string) => relative(root, f);
const printed = new Set<string>();
let cycles = 0;
for (const component of components) {
  const members = new Set(component);
  for (const start of component) {
    const cycle = cycleThrough(start, members);
    const key = [...cycle.slice(0, -1)].sort().join('|');
    if (printed.has(key)) continue;
    printed.add(key);
    cycles++;
    console.log(cycle.map(rel).join(' -> '));
  }
}
if (cycles) {
  console.error(`\n${cycles} import cycle(s) in ${components.length} group(s) of modules (src/, transforms/).`);
  process.exit(1);
}
console.log(`no import cycles among ${files.length} modules of src/ and transforms/`);

/** Go manifests: go.mod (its own line/block grammar, https://go.dev/ref/mod#go-mod-file-grammar) and go.sum. */
import type { Manifest } from '../types.js';

type Extract<K extends Manifest['kind']> = Manifest & { kind: K };

/** Splits a go.mod line into tokens: bare words, "interpreted" and `raw` strings; `//` comments end the line. */
function tokens(line: string): { words: string[]; comment: string } {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (line.startsWith('//', i)) {
      return { words, comment: line.slice(i + 2).trim() };
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        s += line[j++];
      }
      words.push(s);
      i = j + 1;
    } else if (c === '`') {
      const j = line.indexOf('`', i + 1);
      words.push(line.slice(i + 1, j === -1 ? undefined : j));
      i = j === -1 ? line.length : j + 1;
    } else if (c === '(' || c === ')') {
      words.push(c);
      i++;
    } else {
      let j = i;
      while (j < line.length && !/[\s()"`]/.test(line[j]) && !line.startsWith('//', j)) j++;
      words.push(line.slice(i, j));
      i = j;
    }
  }
  return { words, comment: '' };
}

export function parseGoMod(path: string, text: string): Extract<'go-mod'> {
  const out: Extract<'go-mod'> = { path, kind: 'go-mod', module: null, go: null, requires: [], replaces: [] };
  let block: string | null = null;
  const handle = (verb: string, args: string[], comment: string) => {
    if (verb === 'module') out.module = args[0] ?? null;
    else if (verb === 'go') out.go = args[0] ?? null;
    else if (verb === 'require' && args.length >= 2)
      out.requires.push({ path: args[0], version: args[1], indirect: /(^|;)\s*indirect\b/.test(comment) });
    else if (verb === 'replace') {
      const arrow = args.indexOf('=>');
      if (arrow > 0 && args[arrow + 1]) out.replaces.push({ from: args[0], to: args[arrow + 1] });
    }
  };
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const { words, comment } = tokens(line);
    if (!words.length) continue;
    if (block) {
      if (words[0] === ')') block = null;
      else handle(block, words, comment);
      continue;
    }
    if (words[1] === '(' && words.length === 2) {
      block = words[0];
      continue;
    }
    handle(words[0], words.slice(1), comment);
  }
  return out;
}

/** go.sum: `<module> <version>[/go.mod] <hash>` lines; the modules whose code (not only go.mod) is summed. */
export function parseGoSum(path: string, text: string): Extract<'go-sum'> {
  const modules = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const [mod, version] = line.trim().split(/\s+/);
    if (!mod || !version) continue;
    if (!version.endsWith('/go.mod')) modules.add(mod);
  }
  return { path, kind: 'go-sum', modules: [...modules] };
}

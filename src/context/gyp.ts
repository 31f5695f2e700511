/**
 * Reading node-gyp build files (binding.gyp, *.gypi: Python literals) for the system libraries an addon
 * links on Linux. Used by scripts/gen-context-tables.ts on the files of each seed package's npm tarball;
 * pure, never executes the file (command expansions `<!(...)` are reported, not run).
 */

export type GypValue = string | number | boolean | null | GypValue[] | { [k: string]: GypValue };

/** Parses a .gyp/.gypi file (a Python dict literal: `#` comments, '…' or "…" strings, trailing commas). */
export function parseGyp(text: string): GypValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`gyp: ${what} at offset ${i}`);
  };
  const skip = () => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      if (text[i] === '#') while (i < text.length && text[i] !== '\n') i++;
      else return;
    }
  };
  const str = (): string => {
    const q = text[i++];
    let out = '';
    while (i < text.length && text[i] !== q) {
      if (text[i] === '\\') {
        const c = text[i + 1];
        out += c === 'n' ? '\n' : c === 't' ? '\t' : c;
        i += 2;
      } else out += text[i++];
    }
    if (text[i] !== q) fail('unterminated string');
    i++;
    return out;
  };
  const value = (): GypValue => {
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const o: { [k: string]: GypValue } = {};
      for (;;) {
        skip();
        if (text[i] === '}') {
          i++;
          return o;
        }
        const k = value();
        if (typeof k !== 'string') fail('a dict key that is not a string');
        skip();
        if (text[i++] !== ':') fail("':' expected");
        o[k as string] = value();
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') fail("',' or '}' expected");
      }
    }
    if (c === '[' || c === '(') {
      const close = c === '[' ? ']' : ')';
      i++;
      const a: GypValue[] = [];
      for (;;) {
        skip();
        if (text[i] === close) {
          i++;
          return a;
        }
        a.push(value());
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== close) fail(`',' or '${close}' expected`);
      }
    }
    if (c === '"' || c === "'") {
      let s = str();
      // Python joins adjacent string literals.
      for (skip(); text[i] === '"' || text[i] === "'"; skip()) s += str();
      return s;
    }
    const m = /^(-?\d+(\.\d+)?|True|False|None|true|false)/.exec(text.slice(i, i + 32));
    if (!m) fail('unexpected character');
    i += m![0].length;
    const w = m![0];
    return w === 'True' || w === 'true'
      ? true
      : w === 'False' || w === 'false'
        ? false
        : w === 'None'
          ? null
          : Number(w);
  };
  const v = value();
  skip();
  if (i < text.length) fail('text after the value');
  return v;
}

/**
 * A gyp condition on Linux: true/false when it only compares `OS` (with and/or/not), null when it reads
 * another variable (both branches then count).
 */
export function linuxCondition(cond: string): boolean | null {
  const s = cond
    .replace(/\bOS\s*==\s*["']([^"']*)["']/g, (_, os: string) => String(os === 'linux'))
    .replace(/\bOS\s*!=\s*["']([^"']*)["']/g, (_, os: string) => String(os !== 'linux'))
    .replace(/["']([^"']*)["']\s*==\s*OS\b/g, (_, os: string) => String(os === 'linux'));
  const tokens = s.match(/\s+|\(|\)|\band\b|\bor\b|\bnot\b|\btrue\b|\bfalse\b|[^\s()]+/g) ?? [];
  const t = tokens.filter((x) => !/^\s+$/.test(x));
  if (t.some((x) => !/^(\(|\)|and|or|not|true|false)$/.test(x))) return null;
  let p = 0;
  const or = (): boolean => {
    let v = and();
    while (t[p] === 'or') {
      p++;
      const r = and();
      v = v || r;
    }
    return v;
  };
  const and = (): boolean => {
    let v = not();
    while (t[p] === 'and') {
      p++;
      const r = not();
      v = v && r;
    }
    return v;
  };
  const not = (): boolean => {
    if (t[p] === 'not') {
      p++;
      return !not();
    }
    if (t[p] === '(') {
      p++;
      const v = or();
      if (t[p++] !== ')') throw new Error('unbalanced');
      return v;
    }
    return t[p++] === 'true';
  };
  try {
    const v = or();
    return p === t.length ? v : null;
  } catch {
    return null;
  }
}

/** What a package's gyp files link on Linux: `-l` library names, and entries that cannot be resolved statically. */
export interface GypLinks {
  libraries: string[];
  unknown: string[];
}

/** The libraries (`libraries`, `-l` in `ldflags`) of gyp values on Linux, following `conditions`/`target_conditions`. */
export function gypLinks(values: GypValue[]): GypLinks {
  const libs = new Set<string>();
  const unknown = new Set<string>();
  const entry = (s: string, fromLdflags: boolean) => {
    // A command expansion (`<!@(pkg-config --libs x)`) is decided when the addon builds.
    if (s.includes('<!')) return void unknown.add(s);
    for (const w of s.split(/\s+/).filter(Boolean)) {
      if (/^-l.*</.test(w))
        unknown.add(w); // -l<(variable)
      else if (/^-l./.test(w)) libs.add(w.slice(2));
      else if (fromLdflags || w.startsWith('-') || /\.(a|lib)$/.test(w))
        continue; // other flags, static archives
      else unknown.add(w); // a shared object path, a variable, a bare name
    }
  };
  const walk = (v: GypValue): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      const key = k.replace(/[!+=?/]$/, '');
      if ((key === 'conditions' || key === 'target_conditions') && Array.isArray(x)) {
        for (const c of x) {
          if (!Array.isArray(c) || typeof c[0] !== 'string') {
            walk(c);
            continue;
          }
          // [cond, then, else] or [cond, then, cond2, then2, ..., else]: the first true condition wins;
          // an undecided one counts its branch and goes on.
          for (let j = 0; j < c.length; j += 2) {
            const cond = c[j];
            if (typeof cond !== 'string' || j + 1 >= c.length) {
              walk(cond); // the final else
              break;
            }
            const r = linuxCondition(cond);
            if (r !== false) walk(c[j + 1]);
            if (r === true) break;
          }
        }
        continue;
      }
      if ((key === 'libraries' || key === 'ldflags') && Array.isArray(x)) {
        for (const s of x) if (typeof s === 'string') entry(s, key === 'ldflags');
        continue;
      }
      walk(x);
    }
  };
  values.forEach(walk);
  return { libraries: [...libs].sort(), unknown: [...unknown].sort() };
}

/** Libraries every node image has (glibc and the C++ runtime node itself links): linking only these needs no package. */
export const C_RUNTIME_LIBS = new Set(['c', 'm', 'pthread', 'dl', 'rt', 'util', 'resolv', 'stdc++', 'gcc_s']);

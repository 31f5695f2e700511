/**
 * `.dockerignore` with Docker's semantics (moby/patternmatcher): each line is a pattern in Go
 * `filepath.Match` syntax plus `**` (any number of directories), cleaned like `filepath.Clean`, a
 * leading `/` dropped; `!` makes an exception; the last pattern that matches a path decides; a
 * pattern that matches a parent directory matches everything below it.
 * https://docs.docker.com/build/concepts/context/#dockerignore-files
 */
import { posix } from 'node:path';

export interface IgnorePattern {
  /** The pattern as cleaned (without `!`). */
  pattern: string;
  exclusion: boolean;
  regexp: RegExp;
}

/** Parses the text of a .dockerignore file: comments (`#` at line start) and blank lines are dropped. */
export function parseDockerignore(text: string): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (rawLine.startsWith('#')) continue;
    let line = rawLine.trim();
    if (!line) continue;
    let exclusion = false;
    if (line.startsWith('!')) {
      exclusion = true;
      line = line.slice(1).trim();
      if (!line) continue;
    }
    let pattern = posix.normalize(line);
    // filepath.Clean keeps a leading "/"; patternmatcher then strips it (paths are relative to the context).
    pattern = pattern.replace(/^\/+/, '');
    if (pattern.length > 1 && pattern.endsWith('/')) pattern = pattern.replace(/\/+$/, '');
    if (pattern === '' || pattern === '.') pattern = '.';
    out.push({ pattern, exclusion, regexp: compile(pattern) });
  }
  return out;
}

/** The pattern as an anchored regular expression (patternmatcher's compile, with `/` as the separator). */
function compile(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++; // `**`
        if (pattern[i + 1] === '/') i++; // `**/`
        re += i + 1 >= pattern.length ? '.*' : '(.*/)?';
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '\\') {
      i++;
      if (i < pattern.length) re += escapeRe(pattern[i]);
    } else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith('^') || body.startsWith('!');
      if (negate) body = body.slice(1);
      body = body.replace(/\\(.)/g, '$1').replace(/[\]\\^]/g, '\\$&');
      re += negate ? `[^/${body}]` : `[${body}]`;
      i = close;
    } else re += escapeRe(ch);
  }
  return new RegExp(re + '$');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The directories above `path` (`a/b/c` -> `a`, `a/b`). */
function parents(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

/**
 * True when the context path (relative, `/`-separated) is excluded from the build context.
 * Last match wins; a pattern matching a parent directory applies to the path.
 */
export function isIgnored(patterns: readonly IgnorePattern[], path: string): boolean {
  const clean = posix.normalize(path).replace(/^\.?\/+/, '');
  const dirs = parents(clean);
  let matched = false;
  for (const p of patterns) {
    if (p.exclusion !== matched) continue; // cannot change the outcome
    const hit = p.regexp.test(clean) || dirs.some((d) => p.regexp.test(d));
    if (hit) matched = !p.exclusion;
  }
  return matched;
}

/** Go `filepath.Match` (plus `**`) of a COPY source pattern against a context path. */
export function matchPattern(pattern: string, path: string): boolean {
  const clean = posix
    .normalize(pattern)
    .replace(/^(\.?\/)+/, '')
    .replace(/\/+$/, '');
  if (clean === '' || clean === '.') return true;
  return compile(clean).test(path);
}

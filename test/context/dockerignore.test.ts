import { describe, expect, it } from 'vitest';
import { isIgnored, matchPattern, parseDockerignore } from '../../src/context/dockerignore.js';

const ignored = (rules: string, path: string) => isIgnored(parseDockerignore(rules), path);

// The examples of https://docs.docker.com/build/concepts/context/#dockerignore-files
describe('.dockerignore (Docker documentation examples)', () => {
  const rules = '# comment\n*/temp*\n*/*/temp*\ntemp?\n';
  it('*/temp* excludes files and folders starting with temp one level down', () => {
    expect(ignored(rules, 'somedir/temporary.txt')).toBe(true);
    expect(ignored(rules, 'somedir/temp')).toBe(true);
    expect(ignored(rules, 'somedir/temp/inner.txt')).toBe(true); // a matching folder excludes its contents
    expect(ignored(rules, 'temporary.txt')).toBe(false);
  });
  it('*/*/temp* two levels down', () => {
    expect(ignored(rules, 'somedir/subdir/temporary.txt')).toBe(true);
    expect(ignored(rules, 'a/b/c/temporary.txt')).toBe(false);
  });
  it('temp? one character', () => {
    expect(ignored(rules, 'tempa')).toBe(true);
    expect(ignored(rules, 'tempb')).toBe(true);
    expect(ignored(rules, 'tempab')).toBe(false);
  });
  it('**/*.go matches in every folder, the root included', () => {
    expect(ignored('**/*.go', 'main.go')).toBe(true);
    expect(ignored('**/*.go', 'a/b/c.go')).toBe(true);
    expect(ignored('**/*.go', 'a/b/c.gox')).toBe(false);
  });
  it('! makes exceptions, and the last matching line wins', () => {
    expect(ignored('*.md\n!README.md', 'README.md')).toBe(false);
    expect(ignored('*.md\n!README.md', 'CHANGES.md')).toBe(true);
    const r = '*.md\n!README*.md\nREADME-secret.md';
    expect(ignored(r, 'README-secret.md')).toBe(true);
    expect(ignored(r, 'README-public.md')).toBe(false);
    expect(ignored('*.md\nREADME-secret.md\n!README*.md', 'README-secret.md')).toBe(false);
  });
  it('cleans patterns: leading slash, ./, trailing slash', () => {
    expect(ignored('/node_modules', 'node_modules/x/package.json')).toBe(true);
    expect(ignored('./dist/', 'dist/app.js')).toBe(true);
    expect(ignored('dist', 'src/dist/app.js')).toBe(false); // anchored at the context root
  });
  it('character classes and escapes follow Go filepath.Match', () => {
    expect(ignored('file[0-9].txt', 'file3.txt')).toBe(true);
    expect(ignored('file[^0-9].txt', 'file3.txt')).toBe(false);
    expect(ignored('file[^0-9].txt', 'filex.txt')).toBe(true);
    expect(ignored('\\*.txt', '*.txt')).toBe(true);
    expect(ignored('\\*.txt', 'a.txt')).toBe(false);
    expect(ignored('*', 'a/b')).toBe(true); // * matches the folder a, which excludes a/b
  });
  it('an exception re-includes a file below an excluded folder', () => {
    expect(ignored('docs\n!docs/keep.md', 'docs/keep.md')).toBe(false);
    expect(ignored('docs\n!docs/keep.md', 'docs/other.md')).toBe(true);
  });
});

describe('COPY source patterns', () => {
  it('matches globs per path segment', () => {
    expect(matchPattern('package*.json', 'package-lock.json')).toBe(true);
    expect(matchPattern('./package*.json', 'package.json')).toBe(true);
    expect(matchPattern('package*.json', 'sub/package.json')).toBe(false);
    expect(matchPattern('.', 'anything/at/all')).toBe(true);
  });
});

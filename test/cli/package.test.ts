/** What `npm pack` ships: complete (LICENSE, the docs the README links), nothing half (source maps without sources). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/corpus.js';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));

function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return (JSON.parse(out)[0].files as { path: string }[]).map((f) => f.path);
}

describe('npm pack', () => {
  const files = packedFiles();

  it('ships the executable, the library, README and an MIT LICENSE matching package.json', () => {
    expect(files).toContain(pkg.bin.slimify);
    expect(files).toContain('dist/src/index.js');
    expect(files).toContain('README.md');
    expect(files).toContain('LICENSE');
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('ships no source map (their sources are not shipped) and no tests', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => /(^|\/)(test|__fixtures__)\//.test(f))).toEqual([]);
  });

  it('ships every file the README links to', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1])
      .filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((l) => !files.includes(l.replace(/^\.\//, '')))).toEqual([]);
  });

  it('the lock file resolves no package whose engines exclude Node 20', () => {
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8'));
    const bad = Object.entries(lock.packages as Record<string, { engines?: { node?: string }; dev?: boolean }>)
      .filter(([, p]) => !p.dev && p.engines?.node && /^>= ?2[1-9]/.test(p.engines.node.trim()))
      .map(([name, p]) => `${name} ${p.engines!.node}`);
    expect(bad).toEqual([]);
  });
});

/**
 * What `npm pack` ships: complete (LICENSE, the docs the README links, the shell grammar), nothing
 * half (source maps without sources); and that the tarball, installed as a user installs it, works
 * on Node 20 with no engine warning and without the build-time packages (tree-sitter-bash, @octokit).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/corpus.js';
import { createTestRepo } from '../pr/helpers/repo.js';

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
    // The grammar beside the bin's modules and beside the library's parser (src/shell/grammar.ts).
    expect(files).toContain('dist/bundle/tree-sitter-bash.wasm');
    expect(files).toContain('dist/src/shell/tree-sitter-bash.wasm');
    expect(files).toContain('dist/bundle/tree-sitter-bash.LICENSE');
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

  it('only run-time packages are dependencies: the grammar is shipped, @octokit is bundled', () => {
    expect(Object.keys(pkg.dependencies)).not.toContain('tree-sitter-bash');
    expect(Object.keys(pkg.dependencies)).not.toContain('@octokit/rest');
  });

  // Dev packages too: the bundle inlines some (@octokit and its content-type), and developers run Node 20.
  it('the lock file resolves no package whose engines exclude Node 20', () => {
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8'));
    const bad = Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)
      .filter(([, p]) => p.engines?.node && /^>= ?2[1-9]/.test(p.engines.node.trim()))
      .map(([name, p]) => `${name} ${p.engines!.node}`);
    expect(bad).toEqual([]);
  });
});

// A user's install: the tarball (of the dist/ that `npm test` builds) into an empty project, without
// dev dependencies; the registry serves the run-time ones (npm's cache first).
describe('the packed package, installed with --omit=dev', () => {
  const FAT = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n';
  const SLIM = 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n';
  // npm's own settings from an `npm test` run (npm_config_*) must not reach the user's npm.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  let project = '';
  let installErr = '';

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'slimify-pack-'));
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tarball = join(dir, JSON.parse(packed)[0].filename as string);
    project = join(dir, 'project');
    execFileSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), '{ "name": "user-project", "version": "1.0.0", "private": true }\n');
    const install = spawnSync(
      'npm',
      ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=warn', tarball],
      { cwd: project, encoding: 'utf8', env },
    );
    installErr = install.stderr;
    if (install.status !== 0) throw new Error(`npm install of the tarball failed:\n${install.stderr}`);
  }, 300_000);

  it('installs no tree-sitter-bash and no @octokit, with no engine warning on this Node', () => {
    expect(process.versions.node.split('.')[0]).toBe('20');
    expect(existsSync(join(project, 'node_modules', 'slimify', 'package.json'))).toBe(true);
    expect(existsSync(join(project, 'node_modules', 'web-tree-sitter'))).toBe(true);
    expect(existsSync(join(project, 'node_modules', 'tree-sitter-bash'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', '@octokit'))).toBe(false);
    expect(installErr).not.toContain('EBADENGINE');
    expect(installErr).not.toContain('tree-sitter-bash');
  });

  it('`npx slimify -` rewrites a RUN line from stdin (the shell grammar loads from the package)', () => {
    const r = spawnSync('npx', ['--no-install', 'slimify', '-'], { cwd: project, input: FAT, encoding: 'utf8', env });
    expect(r.stderr).toMatch(/2 change\(s\) \[slim-base, apt-lists-cleanup\]/);
    expect(r.stdout).toBe(SLIM);
    expect(r.status).toBe(0);
  });

  it('the library parses shell with its own copy of the grammar', () => {
    const script =
      "import { slimify } from 'slimify';\n" +
      `const r = await slimify(${JSON.stringify(FAT)}, { level: 'safe' });\n` +
      'process.stdout.write(r.output);\n';
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      encoding: 'utf8',
      env,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(SLIM);
  });

  it('`slimify pr --dry-run` loads the bundled @octokit', () => {
    const repo = createTestRepo({ Dockerfile: FAT });
    try {
      const bin = join(project, 'node_modules', '.bin', 'slimify');
      const r = spawnSync(bin, ['pr', '--dry-run'], {
        cwd: repo.work,
        encoding: 'utf8',
        env: { ...env, ...repo.env, GITHUB_TOKEN: '', NO_COLOR: '1' },
      });
      expect(r.stderr).not.toMatch(/Cannot find|ERR_MODULE_NOT_FOUND|internal error/);
      expect(r.stdout).toContain('slimify/');
      expect(r.status).toBe(0);
    } finally {
      repo.cleanup();
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBuildContext, stageContextFacts, type StageContextFacts } from '../../src/context/index.js';
import { parseDockerfile } from '../../src/parse/document.js';
import { initShellParser } from '../../src/shell/parser.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const FIX = join(REPO_ROOT, 'test', 'fixtures', 'context');

async function facts(name: string, dockerfile = 'Dockerfile'): Promise<StageContextFacts[]> {
  const path = join(FIX, name, dockerfile);
  const ctx = await readBuildContext(path, { repoRoot: join(FIX, name) });
  return stageContextFacts(parseDockerfile(readFileSync(path, 'utf8')), ctx);
}

beforeAll(async () => {
  await initShellParser();
});

describe('readBuildContext', () => {
  it('defaults to the Dockerfile folder and lists the manifests', async () => {
    const ctx = await readBuildContext(join(FIX, 'python-pure', 'Dockerfile'), { repoRoot: join(FIX, 'python-pure') });
    expect(ctx.source).toBe('dockerfile-dir');
    expect(ctx.dir).toBe(join(FIX, 'python-pure'));
    expect(ctx.manifests.map((m) => `${m.kind}:${m.path}`).sort()).toEqual([
      'requirements:requirements.txt',
      'requirements:requirements/base.txt',
    ]);
    expect(ctx.errors).toEqual([]);
  });
  it('takes the context a compose service names for this Dockerfile', async () => {
    const ctx = await readBuildContext(join(FIX, 'compose', 'docker', 'Dockerfile'), {
      repoRoot: join(FIX, 'compose'),
    });
    expect(ctx.source).toBe('compose');
    expect(ctx.dir).toBe(join(FIX, 'compose'));
    expect(ctx.manifests.map((m) => m.path).sort()).toEqual(['package-lock.json', 'package.json']);
  });
  it('--context wins over compose files', async () => {
    const ctx = await readBuildContext(join(FIX, 'compose', 'docker', 'Dockerfile'), {
      repoRoot: join(FIX, 'compose'),
      contextDir: join(FIX, 'compose', 'docker'),
    });
    expect(ctx.source).toBe('option');
    expect(ctx.manifests).toEqual([]);
  });
  it('reads .dockerignore', async () => {
    const ctx = await readBuildContext(join(FIX, 'dockerignore-lock', 'Dockerfile'));
    expect(ctx.ignoreFile).toBe('.dockerignore');
    expect(ctx.ignore.map((p) => p.pattern)).toEqual(['node_modules', '**/package-lock.json']);
  });
  it('stops at the limits and says so', async () => {
    const ctx = await readBuildContext(join(FIX, 'python-pure', 'Dockerfile'), { limits: { maxEntries: 2 } });
    expect(ctx.truncated).toBe(true);
    expect(ctx.notes.join(' ')).toMatch(/maxEntries/);
    const shallow = await readBuildContext(join(FIX, 'python-pure', 'Dockerfile'), { limits: { maxDepth: 0 } });
    expect(shallow.files).not.toContain('requirements/base.txt');
    expect(shallow.notes.join(' ')).toMatch(/maxDepth/);
  });
  it('keeps unparsable manifests as errors', async () => {
    const ctx = await readBuildContext(join(FIX, 'bad-lock', 'Dockerfile'));
    expect(ctx.errors.map((e) => e.path)).toEqual(['package-lock.json']);
  });
});

describe('stageContextFacts', () => {
  it('node with a lockfile: npm ci proven, no native addon (esbuild uses platform packages), dev tool run later', async () => {
    const [f] = await facts('node-lock');
    expect(f.files.map((x) => `${x.path}->${x.dest}`)).toContain('package-lock.json->/app/package-lock.json');
    expect(f.packageManager).toBe('npm');
    expect(f.installs).toHaveLength(1);
    expect(f.installs[0]).toMatchObject({
      command: 'npm ci',
      lockfile: 'package-lock.json',
      native: [],
      unknown: null,
    });
    expect(f.devToolsRun).toEqual(['typescript']);
  });
  it('node: what the split reads — install scripts recorded, dev packages with their bins, the copied package.json', async () => {
    const [f] = await facts('node-proven');
    expect(f.installs[0]).toMatchObject({ lockfile: 'package-lock.json', unknown: null, scriptsRecorded: true });
    // esbuild (dev, platform packages) is not native; ts-node's bins are known to be development-only.
    expect(f.installs[0].native).toEqual([]);
    expect(f.installs[0].devPackages).toEqual([
      { name: 'esbuild', bin: ['esbuild'] },
      { name: 'ts-node', bin: ['ts-node', 'ts-node-esm'] },
      { name: 'typescript', bin: ['tsc', 'tsserver'] },
    ]);
    // Copied twice (COPY package.json … and COPY . .): the last copy at a path is the one in force.
    expect(f.packageJsons.map((p) => `${p.path}->${p.dest}`)).toEqual([
      'package.json->/app/package.json',
      'package.json->/app/package.json',
    ]);
    expect(f.packageJsons[1].scripts.start).toBe('node dist/index.js');
    const [y] = await facts('yarn-v1');
    expect(y.installs[0].scriptsRecorded).toBe(false);
  });
  it('java: copied sources scanned for JDK-only packages (tests left out), runtime dependencies, files left behind', async () => {
    const [f] = await facts('java-maven');
    expect(f.java).toEqual({
      manifests: ['pom.xml'],
      // AppTest.java imports javax.tools, but tests are not in the jar; jdk.jfr is in the JRE.
      jdkOnly: [],
      unscanned: [],
      dependencies: ['org.codehaus.janino:janino', 'org.springframework.boot:spring-boot-starter-web'],
      unreadDependencies: [],
      files: [],
    });
    const [whole] = await facts('java-maven', 'Dockerfile.whole');
    expect(whole.java?.files).toEqual(['config/app.yml']);
    const [jdk] = await facts('java-maven-jdk');
    expect(jdk.java?.jdkOnly).toEqual([
      { file: 'src/main/java/com/example/Scripts.java', refs: ['javax.tools', '"jcmd"'] },
    ]);
    const [noPom] = await facts('java-maven', 'Dockerfile.no-pom');
    expect(noPom.java).toBeNull();
  });
  it('node without a lockfile: not judged', async () => {
    const [f] = await facts('node-nolock');
    expect(f.installs[0].unknown).toMatch(/no package-lock.json in the build context/);
  });
  it('node with a native addon: bcrypt from the lockfile', async () => {
    const [f] = await facts('node-native');
    expect(f.installs[0].native.map((n) => `${n.name}@${n.version}`)).toEqual(['bcrypt@5.1.1']);
    expect(f.installs[0].unknown).toBeNull();
  });
  it('a lockfile in the context that is not copied is not evidence', async () => {
    const [f] = await facts('lock-not-copied');
    expect(f.files.map((x) => x.path)).toEqual(['package.json']);
    expect(f.installs[0].lockfile).toBeNull();
    expect(f.installs[0].unknown).toMatch(/package-lock.json is in the build context but no COPY\/ADD before line 4/);
  });
  it('.dockerignore that excludes the lockfile', async () => {
    const [f] = await facts('dockerignore-lock');
    expect(f.excluded).toEqual(['package-lock.json']);
    expect(f.installs[0].unknown).toMatch(/\.dockerignore excludes it/);
  });
  it('yarn v1 lockfile does not record install scripts: not judged', async () => {
    const [f] = await facts('yarn-v1');
    expect(f.packageManager).toBe('yarn');
    expect(f.installs[0].unknown).toMatch(/does not record which packages run install scripts/);
  });
  it('python, all wheels: requirements with includes copied', async () => {
    const [f] = await facts('python-pure');
    expect(f.pythonVersion).toBe('3.11');
    expect(f.installs[0]).toMatchObject({ command: 'pip install -r requirements.txt', native: [], unknown: null });
  });
  it('python, a local package folder: pure when its pyproject names a pure back end and it holds no compiled source', async () => {
    const [pure] = await facts('python-local');
    expect(pure.installs[0]).toMatchObject({ native: [], unknown: null });
    const [ext] = await facts('python-local-ext');
    expect(ext.installs[0].unknown).toMatch(/local package \.\/libs\/fast, which holds libs\/fast\/fast\/_speed\.c/);
    // requirements.txt names ./libs/tiny, but only requirements.txt is copied before the install: no evidence.
    const [notCopied] = await facts('python-local-notcopied');
    expect(notCopied.installs[0].unknown).toMatch(/no pyproject\.toml of it is copied into the stage/);
  });
  it('python with psycopg2: no wheel', async () => {
    const [f] = await facts('python-psycopg2');
    expect(f.installs[0].native.map((n) => n.name)).toEqual(['psycopg2']);
  });
  it('sees the install behind sudo -u, env and nice (the one wrapper reader), and claims nothing behind an unreadable wrapper', async () => {
    const path = join(FIX, 'python-psycopg2', 'Dockerfile');
    const ctx = await readBuildContext(path, { repoRoot: join(FIX, 'python-psycopg2') });
    const run = (line: string) =>
      stageContextFacts(parseDockerfile(`FROM python:3.11\nWORKDIR /srv\nCOPY requirements.txt .\n${line}\n`), ctx)[0];
    for (const line of [
      'RUN sudo -u app pip install -r requirements.txt',
      'RUN env PIP_NO_CACHE_DIR=1 nice -n 5 pip install -r requirements.txt',
    ]) {
      const [i] = run(line).installs;
      expect(i, line).toMatchObject({ manifest: 'requirements.txt', ecosystem: 'python' });
      expect(
        i.native.map((n) => n.name),
        line,
      ).toEqual(['psycopg2']);
    }
    expect(run('RUN sudo --bogus pip install -r requirements.txt').installs).toEqual([]);
  });
  it('go: pure only with no outside requirement and no import "C" in the context', async () => {
    expect((await facts('go-stdlib'))[0].goPure?.why).toMatch(/go\.mod requires no module outside/);
    expect((await facts('go-import-c'))[0].goPure).toBeNull();
    expect((await facts('go-import-block'))[0].goPure).toBeNull();
    expect((await facts('go-plain'))[0].goPure).toBeNull(); // requires chi, not vendored
  });
  it('go: what the program may need at run time besides its binary (os/exec, files not embedded)', async () => {
    const assets = (await facts('go-assets'))[0];
    expect(assets.goPure).not.toBeNull();
    // static/ and internal/web/page.tmpl are compiled in (//go:embed); README.md is a doc; config.yaml is read at run time
    expect(assets.goRuntime).toEqual({ exec: [], files: ['config.yaml'] });
    expect((await facts('go-exec'))[0].goRuntime).toEqual({ exec: ['main.go'], files: [] });
    expect((await facts('go-stdlib'))[0].goRuntime).toEqual({ exec: [], files: [] });
    // no go.mod copied: not judged
    expect((await facts('python-pure'))[0].goRuntime).toBeNull();
  });
  it('go: cgo modules from go.mod', async () => {
    expect((await facts('go-plain'))[0].cgo).toEqual([]);
    expect((await facts('go-sqlite'))[0].cgo.map((c) => c.module)).toEqual(['github.com/mattn/go-sqlite3']);
  });
  it('a compose-named context puts the files where the Dockerfile copies them', async () => {
    const [f] = await facts('compose', 'docker/Dockerfile');
    expect(f.installs[0]).toMatchObject({ lockfile: 'package-lock.json', unknown: null });
  });
});

import { describe, expect, it } from 'vitest';
import { parsePackageJson, parsePackageLock, parsePnpmLock, parseYarnLock } from '../../src/context/manifests/node.js';
import {
  parsePipfileLock,
  parsePyproject,
  parseRequirement,
  parseRequirements,
  parseTomlLock,
} from '../../src/context/manifests/python.js';
import { parseGoMod, parseGoSum } from '../../src/context/manifests/go.js';
import {
  parseComposerJson,
  parseComposerLock,
  parseCsproj,
  parseGemfileLock,
  parseGradle,
  parsePom,
} from '../../src/context/manifests/other.js';
import { manifestKind } from '../../src/context/manifests/index.js';

describe('node manifests', () => {
  it('package.json: deps, scripts, packageManager, gypfile, workspaces', () => {
    const m = parsePackageJson(
      'package.json',
      '{"name":"a","packageManager":"pnpm@9.1.0","gypfile":true,"workspaces":{"packages":["p/*"]},"devDependencies":{"tsc":"1"}}',
    );
    expect(m).toMatchObject({ name: 'a', packageManager: 'pnpm@9.1.0', gypfile: true, workspaces: ['p/*'] });
    expect(m.devDependencies).toEqual({ tsc: '1' });
  });
  it('package-lock v3 packages with hasInstallScript, dev and git', () => {
    const m = parsePackageLock(
      'package-lock.json',
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { name: 'root' },
          'node_modules/bcrypt': { version: '5.1.1', hasInstallScript: true },
          'node_modules/a/node_modules/@s/b': { version: '1.0.0', dev: true },
          'node_modules/c': { version: '1.0.0', resolved: 'git+ssh://git@github.com/x/c.git#abc' },
          'packages/w': { name: 'w', version: '0.0.1' },
          'node_modules/w': { resolved: 'packages/w', link: true },
        },
      }),
    );
    expect(m.lockfileVersion).toBe('3');
    expect(m.packages).toEqual([
      { name: 'bcrypt', version: '5.1.1', installScript: true },
      { name: '@s/b', version: '1.0.0', dev: true },
      { name: 'c', version: '1.0.0', git: true },
      { name: 'w', version: '0.0.1' },
    ]);
  });
  it('package-lock v1 nested dependencies', () => {
    const m = parsePackageLock(
      'npm-shrinkwrap.json',
      JSON.stringify({
        lockfileVersion: 1,
        dependencies: { a: { version: '1.0.0', dependencies: { b: { version: '2.0.0', dev: true } } } },
      }),
    );
    expect(m.packages.map((p) => `${p.name}@${p.version}${p.dev ? ' dev' : ''}`)).toEqual(['a@1.0.0', 'b@2.0.0 dev']);
  });
  it('yarn.lock v1: descriptors, quoted values, sub-blocks', () => {
    const m = parseYarnLock(
      'yarn.lock',
      '# yarn lockfile v1\n\n"@s/p@^2", "@s/p@^2.1":\n  version "2.1.0"\n  dependencies:\n    x "^1"\n\nx@^1:\n  version "1.0.3"\n  resolved "git+https://github.com/a/x.git#abc"\n',
    );
    expect(m.lockfileVersion).toBe('1');
    expect(m.packages).toEqual([
      { name: '@s/p', version: '2.1.0' },
      { name: 'x', version: '1.0.3', git: true },
    ]);
  });
  it('yarn.lock v1 rejects text that is not the format', () => {
    expect(() => parseYarnLock('yarn.lock', 'not a lockfile\n')).toThrow(/line 1/);
  });
  it('yarn.lock berry (YAML)', () => {
    const m = parseYarnLock(
      'yarn.lock',
      '__metadata:\n  version: 8\n\n"lodash@npm:^4.17.21":\n  version: 4.17.21\n  resolution: "lodash@npm:4.17.21"\n\n"app@workspace:.":\n  version: 0.0.0-use.local\n  resolution: "app@workspace:."\n',
    );
    expect(m.lockfileVersion).toBe('berry-8');
    expect(m.packages).toEqual([{ name: 'lodash', version: '4.17.21' }]);
  });
  it('pnpm-lock.yaml v6 and v9 keys, requiresBuild', () => {
    const v6 = parsePnpmLock(
      'pnpm-lock.yaml',
      "lockfileVersion: '6.0'\npackages:\n  /bcrypt@5.1.1:\n    requiresBuild: true\n    dev: false\n  /@s/x@1.0.0(react@18.0.0):\n    dev: true\n",
    );
    expect(v6.packages).toEqual([
      { name: 'bcrypt', version: '5.1.1', installScript: true },
      { name: '@s/x', version: '1.0.0', dev: true },
    ]);
    const v5 = parsePnpmLock('pnpm-lock.yaml', 'lockfileVersion: 5.4\npackages:\n  /@s/x/1.2.3:\n    dev: false\n');
    expect(v5.packages).toEqual([{ name: '@s/x', version: '1.2.3' }]);
  });
});

describe('python manifests', () => {
  it('PEP 508 lines: extras, pins, markers, hashes, URLs, VCS', () => {
    expect(parseRequirement('Django[argon2]==4.2.11 ; python_version >= "3.8"')).toMatchObject({
      name: 'django',
      extras: ['argon2'],
      pinned: '4.2.11',
      markers: 'python_version >= "3.8"',
      source: 'index',
    });
    expect(parseRequirement('psycopg2_binary>=2.9')).toMatchObject({ name: 'psycopg2-binary', pinned: null });
    expect(parseRequirement('pkg @ https://x.example/pkg.whl ; sys_platform == "linux"')).toMatchObject({
      name: 'pkg',
      source: 'url',
      markers: 'sys_platform == "linux"',
    });
    expect(parseRequirement('git+https://github.com/a/b.git@v1#egg=b_pkg')).toMatchObject({
      name: 'b-pkg',
      source: 'vcs',
    });
    expect(parseRequirement('./libs/local')).toMatchObject({ name: null, source: 'path' });
  });
  it('requirements.txt: continuation lines, hashes, comments, options, -r and -c includes', () => {
    const files: Record<string, string> = {
      'reqs/base.txt': 'requests==2.31.0  # http\n-c ../constraints.txt\n',
      'constraints.txt': 'urllib3<2\n',
    };
    const m = parseRequirements(
      'requirements.txt',
      '--index-url https://pypi.org/simple\n-r reqs/base.txt\nflask==3.0.3 \\\n    --hash=sha256:aaa \\\n    --hash=sha256:bbb\n-e ./pkg\n-r missing.txt\n',
      (p) => files[p] ?? null,
    );
    expect(m.requirements.map((r) => `${r.name}:${r.pinned}:${r.hashes.length}:${r.editable}`)).toEqual([
      'requests:2.31.0:0:false',
      'flask:3.0.3:2:false',
      'null:null:0:true',
    ]);
    expect(m.includes).toEqual(['reqs/base.txt', 'constraints.txt']);
    expect(m.missing).toEqual(['missing.txt']);
  });
  it('pyproject.toml: PEP 621 and poetry tables', () => {
    const m = parsePyproject(
      'pyproject.toml',
      '[project]\nname = "app"\nrequires-python = ">=3.11"\ndependencies = ["fastapi==0.110.0", "uvicorn[standard]>=0.29"]\n[build-system]\nbuild-backend = "hatchling.build"\n[tool.poetry.dependencies]\npython = "^3.11"\nPsycopg2 = "^2.9"\n',
    );
    expect(m).toMatchObject({ name: 'app', requiresPython: '>=3.11', buildBackend: 'hatchling.build' });
    expect(m.dependencies.map((d) => d.name)).toEqual(['fastapi', 'uvicorn']);
    expect(m.poetryDependencies).toEqual(['psycopg2']);
  });
  it('poetry.lock, uv.lock, Pipfile.lock', () => {
    expect(
      parseTomlLock(
        'poetry.lock',
        '[[package]]\nname = "Flask"\nversion = "3.0.3"\n\n[[package]]\nname = "x"\nversion = "1"\n[package.source]\ntype = "git"\nurl = "https://g/x"\n',
        'poetry-lock',
      ).packages,
    ).toEqual([
      { name: 'flask', version: '3.0.3' },
      { name: 'x', version: '1', git: true },
    ]);
    expect(
      parseTomlLock(
        'uv.lock',
        'version = 1\n[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }\n[[package]]\nname = "numpy"\nversion = "2.1.0"\nsource = { registry = "https://pypi.org/simple" }\n',
        'uv-lock',
      ).packages,
    ).toEqual([{ name: 'numpy', version: '2.1.0' }]);
    expect(
      parsePipfileLock(
        'Pipfile.lock',
        '{"default":{"psycopg2":{"version":"==2.9.9"}},"develop":{"pytest":{"version":"==8.0.0"}}}',
      ).packages,
    ).toEqual([
      { name: 'psycopg2', version: '2.9.9' },
      { name: 'pytest', version: '8.0.0', dev: true },
    ]);
  });
});

describe('go, ruby, php, .NET, Java manifests', () => {
  it('go.mod blocks, single lines, comments, replace', () => {
    const m = parseGoMod(
      'go.mod',
      'module example.com/x // the module\n\ngo 1.22\n\nrequire github.com/a/b v1.0.0\nrequire (\n\tgithub.com/mattn/go-sqlite3 v1.14.22 // indirect\n\t"golang.org/x/sys" v0.20.0\n)\nreplace github.com/a/b => ../b\n',
    );
    expect(m.module).toBe('example.com/x');
    expect(m.go).toBe('1.22');
    expect(m.requires).toEqual([
      { path: 'github.com/a/b', version: 'v1.0.0', indirect: false },
      { path: 'github.com/mattn/go-sqlite3', version: 'v1.14.22', indirect: true },
      { path: 'golang.org/x/sys', version: 'v0.20.0', indirect: false },
    ]);
    expect(m.replaces).toEqual([{ from: 'github.com/a/b', to: '../b' }]);
    expect(parseGoSum('go.sum', 'a v1 h1:x=\na v1/go.mod h1:y=\nb v2/go.mod h1:z=\n').modules).toEqual(['a']);
  });
  it('Gemfile.lock specs and BUNDLED WITH', () => {
    const m = parseGemfileLock(
      'Gemfile.lock',
      'GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.16.4-x86_64-linux)\n      racc (~> 1.4)\n    pg (1.5.6)\n\nPLATFORMS\n  x86_64-linux\n\nBUNDLED WITH\n   2.5.9\n',
    );
    expect(m.packages).toEqual([
      { name: 'nokogiri', version: '1.16.4' },
      { name: 'pg', version: '1.5.6' },
    ]);
    expect(m.bundledWith).toBe('2.5.9');
  });
  it('composer.json and composer.lock', () => {
    expect(
      parseComposerJson(
        'composer.json',
        '{"name":"a/b","require":{"php":"^8.2"},"require-dev":{"phpunit/phpunit":"^10"}}',
      ),
    ).toMatchObject({
      name: 'a/b',
      requireDev: { 'phpunit/phpunit': '^10' },
    });
    expect(
      parseComposerLock(
        'composer.lock',
        '{"packages":[{"name":"monolog/monolog","version":"3.5.0","dist":{"type":"zip"}}],"packages-dev":[{"name":"phpunit/phpunit","version":"10.5.0"}]}',
      ).packages,
    ).toEqual([
      { name: 'monolog/monolog', version: '3.5.0' },
      { name: 'phpunit/phpunit', version: '10.5.0', dev: true },
    ]);
  });
  it('csproj, pom.xml, build.gradle: artifact names only', () => {
    expect(
      parseCsproj(
        'a/App.csproj',
        '<Project Sdk="Microsoft.NET.Sdk.Web"><!-- c --><PropertyGroup><TargetFramework>net8.0</TargetFramework><AssemblyName>Api</AssemblyName></PropertyGroup></Project>',
      ),
    ).toMatchObject({ targetFramework: 'net8.0', assemblyName: 'Api' });
    expect(
      parsePom(
        'pom.xml',
        '<?xml version="1.0"?>\n<project xmlns="x"><parent><version>3.2.0</version><artifactId>parent</artifactId></parent><artifactId>demo</artifactId><packaging>jar</packaging><build><finalName>app</finalName></build></project>',
      ),
    ).toMatchObject({ artifactId: 'demo', version: '3.2.0', packaging: 'jar', finalName: 'app' });
    expect(() => parsePom('pom.xml', '<project><artifactId>x</project>')).toThrow(/mismatched/);
    expect(parseGradle('build.gradle', "plugins { id 'java' }\narchivesBaseName = 'svc' // name\n")).toMatchObject({
      archivesName: 'svc',
    });
    expect(parseGradle('build.gradle.kts', 'base {\n  archivesName.set("svc")\n}\n')).toMatchObject({
      archivesName: 'svc',
    });
  });
  it('pom.xml and build.gradle dependencies (dependencyManagement and BOMs are not dependencies; unreadable forms kept)', () => {
    expect(
      parsePom(
        'pom.xml',
        '<project><dependencyManagement><dependencies><dependency><groupId>b</groupId><artifactId>bom</artifactId></dependency></dependencies></dependencyManagement><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><scope>test</scope></dependency><dependency><groupId>g</groupId><artifactId>b</artifactId></dependency></dependencies></project>',
      ).dependencies,
    ).toEqual([
      { groupId: 'g', artifactId: 'a', scope: 'test' },
      { groupId: 'g', artifactId: 'b', scope: null },
    ]);
    const g = parseGradle(
      'build.gradle',
      [
        'dependencies {',
        "  implementation 'org.a:one:1.0'",
        '  runtimeOnly("org.a:two")',
        "  compileOnly group: 'org.a', name: 'three', version: '1'",
        "  implementation project(':core')",
        '  implementation platform("org.a:bom:1")',
        '  implementation(libs.four)',
        '  testImplementation files("lib/x.jar")',
        '}',
      ].join('\n'),
    );
    expect(g.dependencies).toEqual([
      { configuration: 'implementation', group: 'org.a', name: 'one' },
      { configuration: 'runtimeOnly', group: 'org.a', name: 'two' },
      { configuration: 'compileOnly', group: 'org.a', name: 'three' },
    ]);
    expect(g.unreadDependencies).toEqual(['implementation(libs.four)', 'testImplementation files("lib/x.jar")']);
  });
  it('knows which files are manifests', () => {
    expect(
      ['requirements-dev.txt', 'requirements/prod.txt', 'src/App.csproj', 'yarn.lock', 'README.md'].map(manifestKind),
    ).toEqual(['requirements', 'requirements', 'csproj', 'yarn-lock', null]);
  });
});

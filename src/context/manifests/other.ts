/**
 * Ruby, PHP, .NET and Java manifests: Gemfile.lock, composer.json/lock, *.csproj (TargetFramework,
 * AssemblyName), pom.xml (artifactId, version, packaging, finalName) and build.gradle (archive name only).
 */
import type { LockedPackage, Manifest } from '../types.js';
import { readXml, type XmlElement } from './xml.js';

type Extract<K extends Manifest['kind']> = Manifest & { kind: K };

/** Gemfile.lock: sections (GEM, GIT, PATH, PLATFORMS, BUNDLED WITH) with `    name (version)` spec lines at 4 spaces. */
export function parseGemfileLock(path: string, text: string): Extract<'gemfile-lock'> {
  const packages: LockedPackage[] = [];
  let section = '';
  let bundledWith: string | null = null;
  let inSpecs = false;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (/^\S/.test(line)) {
      section = line.trim();
      inSpecs = false;
      continue;
    }
    if (section === 'BUNDLED WITH' && line.trim()) bundledWith = line.trim();
    if (/^ {2}specs:$/.test(line)) {
      inSpecs = true;
      continue;
    }
    if (!inSpecs) continue;
    const m = /^ {4}([^\s(]+)(?: \(([^)]+)\))?$/.exec(line);
    if (m) {
      const version = m[2] ? m[2].replace(/-(x86_64|aarch64|arm64|x86|java).*$/, '') : null;
      packages.push({ name: m[1], version, ...(section === 'GIT' ? { git: true } : {}) });
    }
  }
  return { path, kind: 'gemfile-lock', packages, bundledWith };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function record(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

export function parseComposerJson(path: string, text: string): Extract<'composer-json'> {
  const j: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  if (!isObject(j)) throw new Error('composer.json is not an object');
  return {
    path,
    kind: 'composer-json',
    name: typeof j.name === 'string' ? j.name : null,
    require: record(j.require),
    requireDev: record(j['require-dev']),
  };
}

export function parseComposerLock(path: string, text: string): Extract<'composer-lock'> {
  const j: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  if (!isObject(j)) throw new Error('composer.lock is not an object');
  const packages: LockedPackage[] = [];
  for (const [key, dev] of [
    ['packages', false],
    ['packages-dev', true],
  ] as const) {
    const list = j[key];
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      if (!isObject(p) || typeof p.name !== 'string') continue;
      const src = isObject(p.source) ? p.source : {};
      const dist = isObject(p.dist) ? p.dist : {};
      packages.push({
        name: p.name,
        version: typeof p.version === 'string' ? p.version : null,
        ...(dev ? { dev: true } : {}),
        ...(!Object.keys(dist).length && src.type === 'git' ? { git: true } : {}),
      });
    }
  }
  return { path, kind: 'composer-lock', packages };
}

function firstText(root: XmlElement, name: string): string | null {
  const stack = [root];
  while (stack.length) {
    const e = stack.shift()!;
    if (e.name === name && e.text.trim()) return e.text.trim();
    stack.push(...e.children);
  }
  return null;
}

export function parseCsproj(path: string, text: string): Extract<'csproj'> {
  const root = readXml(text);
  const tf = firstText(root, 'TargetFramework') ?? firstText(root, 'TargetFrameworks');
  return { path, kind: 'csproj', targetFramework: tf, assemblyName: firstText(root, 'AssemblyName') };
}

export function parsePom(path: string, text: string): Extract<'pom'> {
  const root = readXml(text);
  const project = root.children.find((c) => c.name === 'project') ?? root;
  const child = (e: XmlElement | undefined, n: string) => e?.children.find((c) => c.name === n);
  const own = (n: string) => child(project, n)?.text.trim() || null;
  return {
    path,
    kind: 'pom',
    artifactId: own('artifactId'),
    version: own('version') ?? child(child(project, 'parent'), 'version')?.text.trim() ?? null,
    packaging: own('packaging'),
    finalName: child(child(project, 'build'), 'finalName')?.text.trim() || null,
    dependencies: (child(project, 'dependencies')?.children ?? [])
      .filter((d) => d.name === 'dependency')
      .map((d) => ({
        groupId: child(d, 'groupId')?.text.trim() || null,
        artifactId: child(d, 'artifactId')?.text.trim() || null,
        scope: child(d, 'scope')?.text.trim() || null,
      })),
  };
}

/** Gradle dependency configurations (Groovy and Kotlin DSL), the ones a jar built for running may hold and the rest. */
const GRADLE_CONFIGURATIONS =
  /^(implementation|api|compile|runtime|runtimeOnly|compileOnly|compileOnlyApi|annotationProcessor|kapt|ksp|testImplementation|testRuntimeOnly|testCompileOnly|testCompile|testRuntime|testAnnotationProcessor|developmentOnly|providedCompile|providedRuntime|classpath|integrationTestImplementation)$/;

/**
 * build.gradle / build.gradle.kts: only the archive name (`archivesBaseName = 'x'`,
 * `base { archivesName = "x" }`, `archivesName.set("x")`) and `rootProject.name` when present.
 * Gradle files are programs; these are the declarative assignments only, nothing is evaluated.
 */
export function parseGradle(path: string, text: string): Extract<'gradle'> {
  let archivesName: string | null = null;
  let projectName: string | null = null;
  const dependencies: { configuration: string; group: string; name: string }[] = [];
  const unreadDependencies: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    const d = /^([A-Za-z]+)\s*(?:\(\s*|\s)(.*)$/.exec(line);
    if (d && GRADLE_CONFIGURATIONS.test(d[1])) {
      const rest = d[2].trim();
      const str = /^(['"])([^'"$]+)\1/.exec(rest);
      const map = /\bgroup\s*[:=]\s*(['"])([^'"$]+)\1\s*,\s*name\s*[:=]\s*(['"])([^'"$]+)\3/.exec(rest);
      const coord = str ? str[2].split(':') : null;
      if (coord && coord.length >= 2) dependencies.push({ configuration: d[1], group: coord[0], name: coord[1] });
      else if (map) dependencies.push({ configuration: d[1], group: map[2], name: map[4] });
      // a module of the same build, a BOM: no artifact of their own to judge here
      else if (!/^(project|platform|enforcedPlatform)\s*\(/.test(rest) && rest !== '{' && rest !== '')
        unreadDependencies.push(line);
    }
    const a = /^(?:base\s*\{\s*)?(archivesBaseName|archivesName)\s*(?:=|\.set\()\s*(['"])([^'"$]+)\2/.exec(line);
    if (a) archivesName = a[3];
    const p = /^rootProject\.name\s*=\s*(['"])([^'"$]+)\1/.exec(line);
    if (p) projectName = p[2];
  }
  return { path, kind: 'gradle', archivesName, projectName, dependencies, unreadDependencies };
}

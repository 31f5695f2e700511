/** Which file names are manifests, and the parser for each. */
import { posix } from 'node:path';
import type { Manifest, ManifestKind } from '../types.js';
import { parsePackageJson, parsePackageLock, parsePnpmLock, parseYarnLock } from './node.js';
import { parsePipfileLock, parsePyproject, parseRequirements, parseTomlLock } from './python.js';
import { parseGoMod, parseGoSum } from './go.js';
import { parseComposerJson, parseComposerLock, parseCsproj, parseGemfileLock, parseGradle, parsePom } from './other.js';

/** The manifest kind of a context path, or null when the file is not one slimify reads. */
export function manifestKind(path: string): ManifestKind | null {
  const base = posix.basename(path);
  switch (base) {
    case 'package.json':
      return 'package.json';
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return 'package-lock';
    case 'yarn.lock':
      return 'yarn-lock';
    case 'pnpm-lock.yaml':
      return 'pnpm-lock';
    case 'pyproject.toml':
      return 'pyproject';
    case 'poetry.lock':
      return 'poetry-lock';
    case 'Pipfile.lock':
      return 'pipfile-lock';
    case 'uv.lock':
      return 'uv-lock';
    case 'go.mod':
      return 'go-mod';
    case 'go.sum':
      return 'go-sum';
    case 'Gemfile.lock':
      return 'gemfile-lock';
    case 'composer.json':
      return 'composer-json';
    case 'composer.lock':
      return 'composer-lock';
    case 'pom.xml':
      return 'pom';
    case 'build.gradle':
    case 'build.gradle.kts':
      return 'gradle';
  }
  if (base.endsWith('.csproj')) return 'csproj';
  // requirements.txt, requirements-dev.txt, requirements/base.txt, constraints.txt
  if (/^(requirements|constraints)([._-].*)?\.(txt|in)$/i.test(base)) return 'requirements';
  if (/(^|\/)requirements\/[^/]+\.txt$/i.test(path)) return 'requirements';
  return null;
}

/** Parses one manifest. `read` gives other context files (requirements includes). Throws on malformed input. */
export function parseManifest(
  path: string,
  text: string,
  read: (contextPath: string) => string | null,
  maxIncludeDepth = 5,
): Manifest {
  const kind = manifestKind(path);
  switch (kind) {
    case 'package.json':
      return parsePackageJson(path, text);
    case 'package-lock':
      return parsePackageLock(path, text);
    case 'yarn-lock':
      return parseYarnLock(path, text);
    case 'pnpm-lock':
      return parsePnpmLock(path, text);
    case 'requirements':
      return parseRequirements(path, text, read, maxIncludeDepth);
    case 'pyproject':
      return parsePyproject(path, text);
    case 'poetry-lock':
    case 'uv-lock':
      return parseTomlLock(path, text, kind);
    case 'pipfile-lock':
      return parsePipfileLock(path, text);
    case 'go-mod':
      return parseGoMod(path, text);
    case 'go-sum':
      return parseGoSum(path, text);
    case 'gemfile-lock':
      return parseGemfileLock(path, text);
    case 'composer-json':
      return parseComposerJson(path, text);
    case 'composer-lock':
      return parseComposerLock(path, text);
    case 'csproj':
      return parseCsproj(path, text);
    case 'pom':
      return parsePom(path, text);
    case 'gradle':
      return parseGradle(path, text);
    case null:
      throw new Error(`${path} is not a manifest slimify reads`);
  }
}

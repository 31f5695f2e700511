/** The data the build-context reader returns: the resolved context, its manifests, and per-stage facts. */
import type { IgnorePattern } from './dockerignore.js';

/** Where the context directory came from. */
export type ContextSource = 'option' | 'compose' | 'bake' | 'dockerfile-dir';

/** A package as a lockfile (or a pinned requirements file) records it. */
export interface LockedPackage {
  name: string;
  version: string | null;
  /** npm lockfile `hasInstallScript`, pnpm `requiresBuild`. */
  installScript?: boolean;
  /** Only for development (npm `dev`, composer `packages-dev`). */
  dev?: boolean;
  optional?: boolean;
  /** Fetched from a git repository (needs git at install time). */
  git?: boolean;
  /** npm `os` restriction (e.g. `["darwin"]` for fsevents): not installed elsewhere. */
  os?: string[];
  /** npm lockfile v2/v3 `bin`: the commands the package links into `node_modules/.bin`. */
  bin?: string[];
}

/** A Python requirement (PEP 508 line of requirements.txt, pyproject, Pipfile). */
export interface PythonRequirement {
  /** Normalised name (lower case, `_`/`.` -> `-`), or null for a path/URL install. */
  name: string | null;
  /** The version after `==`, when pinned exactly. */
  pinned: string | null;
  specifier: string;
  markers: string | null;
  extras: string[];
  hashes: string[];
  /** `-e`, a path or a URL (`git+https://…`). */
  source: 'index' | 'url' | 'vcs' | 'path';
  editable: boolean;
}

interface Base {
  /** Context-relative, `/`-separated path. */
  path: string;
}

export type Manifest =
  | (Base & {
      kind: 'package.json';
      name: string | null;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      optionalDependencies: Record<string, string>;
      scripts: Record<string, string>;
      packageManager: string | null;
      gypfile: boolean;
      workspaces: string[];
    })
  | (Base & { kind: 'package-lock' | 'yarn-lock' | 'pnpm-lock'; lockfileVersion: string; packages: LockedPackage[] })
  | (Base & {
      kind: 'requirements';
      requirements: PythonRequirement[];
      /** Context paths of `-r`/`-c` files read (transitively). */
      includes: string[];
      /** `-r`/`-c` targets that are outside the context or missing. */
      missing: string[];
    })
  | (Base & {
      kind: 'pyproject';
      name: string | null;
      requiresPython: string | null;
      buildBackend: string | null;
      dependencies: PythonRequirement[];
      /** Poetry's [tool.poetry.dependencies] names (python excluded). */
      poetryDependencies: string[];
    })
  | (Base & { kind: 'poetry-lock' | 'pipfile-lock' | 'uv-lock'; packages: LockedPackage[] })
  | (Base & {
      kind: 'go-mod';
      module: string | null;
      go: string | null;
      requires: { path: string; version: string; indirect: boolean }[];
      replaces: { from: string; to: string }[];
    })
  | (Base & { kind: 'go-sum'; modules: string[] })
  | (Base & { kind: 'gemfile-lock'; packages: LockedPackage[]; bundledWith: string | null })
  | (Base & {
      kind: 'composer-json';
      name: string | null;
      require: Record<string, string>;
      requireDev: Record<string, string>;
    })
  | (Base & { kind: 'composer-lock'; packages: LockedPackage[] })
  | (Base & { kind: 'csproj'; targetFramework: string | null; assemblyName: string | null })
  | (Base & {
      kind: 'pom';
      artifactId: string | null;
      version: string | null;
      packaging: string | null;
      finalName: string | null;
      /** `<project><dependencies><dependency>` (not dependencyManagement), as written. */
      dependencies: { groupId: string | null; artifactId: string | null; scope: string | null }[];
    })
  | (Base & {
      kind: 'gradle';
      archivesName: string | null;
      projectName: string | null;
      /** Dependency declarations written as `'group:name[:version]'` strings or `group:, name:` maps. */
      dependencies: { configuration: string; group: string; name: string }[];
      /** Dependency declarations of other forms (version catalogs `libs.x`, variables, `files(...)`), as written. */
      unreadDependencies: string[];
    });

export type ManifestKind = Manifest['kind'];

/** A manifest file that could not be parsed (the error is kept so facts can name it). */
export interface ManifestError {
  path: string;
  error: string;
}

export interface BuildContext {
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** Absolute path of the context directory. */
  dir: string;
  source: ContextSource;
  /** The compose or bake file that named the context (absolute), when source is compose/bake. */
  sourceFile: string | null;
  /** The .dockerignore patterns in force (`<Dockerfile>.dockerignore` wins over `.dockerignore`). */
  ignore: IgnorePattern[];
  /** Context path of the ignore file read, or null. */
  ignoreFile: string | null;
  /** Every file path found (context-relative), excluded ones included, in walk order. */
  files: string[];
  manifests: Manifest[];
  errors: ManifestError[];
  /** A limit was hit: the file list (and so the manifests) may be incomplete. */
  truncated: boolean;
  /** What the reader could not do, for reports (e.g. a docker-bake.hcl that was not read). */
  notes: string[];
  /**
   * Context paths of the .go files that use cgo (`import "C"`); null when not every .go file could be
   * read (a limit, an unreadable file), so that no Go build can be proven pure.
   */
  cgoSources: string[] | null;
  /** Context paths of the non-test .go files that import os/exec (the program starts other programs); null as above. */
  goExecSources: string[] | null;
  /** The `//go:embed` patterns of the .go files, as context paths (their files are in the binary); null as above. */
  goEmbeds: string[] | null;
  /**
   * The .java/.kt files that name a package or tool only a JDK has (not the eclipse-temurin JRE), with
   * what they name; null when not every such file could be read. Optional: contexts built before it.
   */
  jdkOnlyRefs?: { file: string; refs: string[] }[] | null;
}

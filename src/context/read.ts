/**
 * readBuildContext: the build context of one Dockerfile, read from disk (never executed): its
 * directory, the .dockerignore in force, the files in it, and the manifests they parse to.
 */
import { readFile, readdir, stat } from '../fs/sync-reads.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, posix, relative, resolve, sep } from 'node:path';
import { parseDockerignore, type IgnorePattern } from './dockerignore.js';
import { DEFAULT_LIMITS, SKIPPED_DIRS, type ContextLimits } from './limits.js';
import { manifestKind, parseManifest } from './manifests/index.js';
import { resolveContextDir, type ContextFileCache } from './resolve.js';
import type { BuildContext, Manifest, ManifestError } from './types.js';

export interface ReadContextOptions {
  /** The context directory (from --context or the config); wins over compose/bake files. */
  contextDir?: string;
  /** Where the search for compose/bake files stops; default: the nearest folder above with a `.git`. */
  repoRoot?: string;
  limits?: Partial<ContextLimits>;
  /** The compose and bake files this run has read already (a run over many Dockerfiles); default: read afresh. */
  contextFiles?: ContextFileCache;
}

/** The nearest folder at or above `start` with a `.git`: the default repository root. */
export function findRepoRoot(start: string): string | null {
  let d = start;
  for (;;) {
    if (existsSync(join(d, '.git'))) return d;
    const up = dirname(d);
    if (up === d) return null;
    d = up;
  }
}

async function readIgnore(
  dir: string,
  dockerfile: string,
): Promise<{ patterns: IgnorePattern[]; file: string | null }> {
  // BuildKit reads <Dockerfile>.dockerignore next to the Dockerfile first, then .dockerignore at the context root.
  const candidates = [
    [join(dirname(dockerfile), basename(dockerfile) + '.dockerignore'), null],
    [join(dir, '.dockerignore'), '.dockerignore'],
  ] as const;
  for (const [path, label] of candidates) {
    try {
      const text = await readFile(path, 'utf8');
      return { patterns: parseDockerignore(text), file: label ?? relative(dir, path).split(sep).join('/') };
    } catch {
      /* not there */
    }
  }
  return { patterns: [], file: null };
}

export async function readBuildContext(
  dockerfilePath: string,
  options: ReadContextOptions = {},
): Promise<BuildContext> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const dockerfile = resolve(dockerfilePath);
  const repoRoot = options.repoRoot ? resolve(options.repoRoot) : findRepoRoot(dirname(dockerfile));
  const where = await resolveContextDir(
    dockerfile,
    options.contextDir,
    repoRoot,
    limits.maxParentLevels,
    options.contextFiles,
  );
  const dir = where.dir;
  const notes = [...where.notes];
  const ignore = await readIgnore(dir, dockerfile);
  const files: string[] = [];
  let entries = 0;
  let truncated = false;
  const walk = async (abs: string, rel: string, depth: number): Promise<void> => {
    if (truncated) return;
    let list;
    try {
      list = await readdir(abs, { withFileTypes: true });
    } catch {
      return;
    }
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of list) {
      if (++entries > limits.maxEntries) {
        truncated = true;
        notes.push(`stopped after ${limits.maxEntries} entries (limits.maxEntries)`);
        return;
      }
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (SKIPPED_DIRS.has(e.name)) continue;
        if (depth + 1 > limits.maxDepth) {
          if (!truncated) notes.push(`folders deeper than ${limits.maxDepth} levels were not read (limits.maxDepth)`);
          truncated = true;
          continue;
        }
        await walk(join(abs, e.name), r, depth + 1);
      } else if (e.isFile()) files.push(r);
    }
  };
  let isDir = false;
  try {
    isDir = (await stat(dir)).isDirectory();
  } catch {
    /* missing */
  }
  if (!isDir) notes.push(`the context directory ${dir} does not exist`);
  else await walk(dir, '', 0);

  const manifests: Manifest[] = [];
  const errors: ManifestError[] = [];
  const fileSet = new Set(files);
  const readSync = (p: string): string | null => {
    if (!fileSet.has(p)) return null;
    try {
      const abs = join(dir, p);
      if (statSync(abs).size > limits.maxFileBytes) return null;
      return readFileSync(abs, 'utf8');
    } catch {
      return null;
    }
  };
  for (const f of files) {
    if (!manifestKind(f)) continue;
    if (manifests.length + errors.length >= limits.maxManifests) {
      truncated = true;
      notes.push(`only the first ${limits.maxManifests} manifests were read (limits.maxManifests)`);
      break;
    }
    const abs = join(dir, f);
    try {
      const size = (await stat(abs)).size;
      if (size > limits.maxFileBytes) {
        errors.push({ path: f, error: `larger than ${limits.maxFileBytes} bytes (limits.maxFileBytes)` });
        continue;
      }
      manifests.push(parseManifest(f, await readFile(abs, 'utf8'), readSync, limits.maxIncludeDepth));
    } catch (e) {
      errors.push({ path: f, error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
    }
  }
  const go = truncated ? null : await scanGoSources(dir, files, limits.maxFileBytes);
  const jdkRefs = truncated ? null : await scanJvmSources(dir, files, limits.maxFileBytes);
  return {
    dockerfile,
    dir,
    source: where.source,
    sourceFile: where.sourceFile,
    ignore: ignore.patterns,
    ignoreFile: ignore.file,
    files,
    manifests,
    errors,
    truncated,
    notes,
    cgoSources: go?.cgo ?? null,
    goExecSources: go?.exec ?? null,
    goEmbeds: go?.embeds ?? null,
    jdkOnlyRefs: jdkRefs,
  };
}

/**
 * What a JRE lacks and a JDK has, as a Java or Kotlin source can name it: packages of the modules the
 * eclipse-temurin JRE images leave out (jdk.compiler, jdk.attach, jdk.jdi, jdk.jshell, jdk.javadoc,
 * jdk.jartool, jdk.jdeps, jdk.jlink, jdk.jpackage, jdk.jconsole, jdk.hotspot.agent), the java.compiler API
 * that is only useful with a compiler (`javax.tools.ToolProvider.getSystemJavaCompiler()` is null on a
 * JRE), and the JDK's command-line tools named in a string (a program that starts `jcmd`; not `"jar"`,
 * which is far more often a file extension than the tool). jdk.jfr,
 * jdk.httpserver, jdk.management and the rest of java.se are in the JRE.
 */
const JDK_ONLY =
  /\b(javax\.tools|javax\.annotation\.processing|javax\.lang\.model|com\.sun\.source|com\.sun\.tools|com\.sun\.jdi|com\.sun\.javadoc|com\.sun\.jarsigner|jdk\.jshell|jdk\.javadoc|jdk\.security\.jarsigner|jdk\.tools|jdk\.jpackage|sun\.jvm\.hotspot|sun\.tools)\b|"(javac|jcmd|jstack|jmap|jps|jinfo|jstat|jshell|jarsigner|javap|jdb|jconsole|jhsdb|jlink|jdeps|javadoc|jpackage)"/g;
/** At most this many .java/.kt files are read; past it, nothing about them is judged (null). */
const MAX_JVM_FILES = 5000;

/**
 * The context's .java/.kt files that name something only a JDK has (see JDK_ONLY), with what they name;
 * read as text, never compiled. Null when not every such file could be read.
 */
async function scanJvmSources(
  dir: string,
  files: string[],
  maxBytes: number,
): Promise<{ file: string; refs: string[] }[] | null> {
  const sources = await readSources(
    dir,
    files.filter((f) => /\.(java|kt)$/.test(f)),
    maxBytes,
    MAX_JVM_FILES,
  );
  if (!sources) return null;
  const out: { file: string; refs: string[] }[] = [];
  for (const [f, text] of sources) {
    const refs = [...new Set([...text.matchAll(JDK_ONLY)].map((m) => m[1] ?? `"${m[2]}"`))];
    if (refs.length) out.push({ file: f, refs });
  }
  return out;
}

/**
 * The text of each of `files` (context paths), or null when there are more than `maxCount` or one is
 * larger than `maxBytes` or unreadable: a source scan proves something only when it read every file.
 */
async function readSources(
  dir: string,
  files: string[],
  maxBytes: number,
  maxCount: number,
): Promise<[string, string][] | null> {
  if (files.length > maxCount) return null;
  const out: [string, string][] = [];
  for (const f of files) {
    try {
      const abs = join(dir, f);
      if ((await stat(abs)).size > maxBytes) return null;
      out.push([f, await readFile(abs, 'utf8')]);
    } catch {
      return null;
    }
  }
  return out;
}

/** `import "C"`, alone or inside an import block: the file is compiled with cgo. */
const IMPORT_C = /^\s*import\s+"C"|^\s*import\s*\([^)]*^\s*"C"\s*$/m;
/** `import "os/exec"` (named or not), alone or inside an import block: the program may start other programs. */
const IMPORT_EXEC = /^\s*import\s+(?:[\w.]+\s+)?"os\/exec"|^\s*import\s*\([^)]*^\s*(?:[\w.]+\s+)?"os\/exec"\s*$/m;
/** A `//go:embed` directive and its patterns (the files are compiled into the binary). */
const GO_EMBED = /^\/\/go:embed\s+(.+)$/gm;
/** At most this many .go files are read; past it, nothing about them is judged (null). */
const MAX_GO_FILES = 2000;

/**
 * What the context's .go files say about the program (tests excluded: they are not in the binary):
 * files that use cgo or import os/exec, and the `//go:embed` patterns as context paths. Null when not
 * every .go file could be read (a limit, an unreadable file), so that nothing can be proven.
 */
async function scanGoSources(
  dir: string,
  files: string[],
  maxBytes: number,
): Promise<{ cgo: string[]; exec: string[]; embeds: string[] } | null> {
  const goFiles = await readSources(
    dir,
    files.filter((f) => f.endsWith('.go')),
    maxBytes,
    MAX_GO_FILES,
  );
  if (!goFiles) return null;
  const out = { cgo: [] as string[], exec: [] as string[], embeds: [] as string[] };
  for (const [f, text] of goFiles) {
    if (IMPORT_C.test(text)) out.cgo.push(f);
    if (f.endsWith('_test.go')) continue;
    if (IMPORT_EXEC.test(text)) out.exec.push(f);
    for (const m of text.matchAll(GO_EMBED))
      for (const p of embedPatterns(m[1])) out.embeds.push(posix.join(posix.dirname(f), p));
  }
  return out;
}

/** The patterns of a `//go:embed` line: space-separated, Go string literals allowed, `all:` prefix dropped. */
function embedPatterns(rest: string): string[] {
  const out: string[] = [];
  for (const m of rest.matchAll(/"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+)/g)) {
    const p = (m[1] ?? m[2] ?? m[3]).replace(/^all:/, '');
    if (p) out.push(p);
  }
  return out;
}

/**
 * "Does this later command delete or rewrite what that earlier RUN created?" — the evidence that
 * joining two RUNs (merge-run, fold-cleanup-run) keeps files out of a layer. Deleting or
 * rewriting (chown -R, chmod -R) in a later layer saves nothing when the earlier layer did not
 * hold the files; joining then only cuts the layer count.
 *
 * Only what a command WRITES counts (`writtenPaths`, read from the parsed commands): download
 * outputs, clone and archive destinations, copy/move destinations, redirections, package-manager
 * caches, install targets and build directories. A path the earlier RUN only reads (`tar -xf X`,
 * `cat X`, `cp X dest`, `ls X`) was made in another layer or by COPY/ADD: folding its delete saves
 * nothing. A false "not created" only leaves two RUNs apart.
 */
import type { ShellScript, SimpleCommand } from './model.js';
import { cleanupKind } from './cleanup-commands.js';
import { findCommands, operands } from './find-commands.js';

/** Package managers whose install names the packages a later purge/del removes. */
const PACKAGE_INSTALLERS = ['apt-get', 'apt', 'aptitude', 'apk', 'yum', 'dnf', 'microdnf', 'zypper'];
const INSTALL_SUBCOMMANDS = new Set(['install', 'add', 'in']);

/** Something a command removes or rewrites: a path, or an installed package. */
export interface Removal {
  kind: 'path' | 'package';
  /** The path (with `~`/`$HOME` read as /root) or package name. */
  target: string;
  /** The command, for messages (`rm`, `apt-get purge`, `chown -R`). */
  by: string;
}

/** apt's downloaded packages and binary caches (what `apt-get clean` empties). */
const APT_DOWNLOADS = /^\/var\/cache\/apt\b/;

/**
 * Package-manager caches and the commands that fill them. The third element names the package
 * indexes: a refresh in the same build finds them current, so an older layer's copy is the one that counts.
 */
const KNOWN_CACHES: [RegExp, RegExp, string?][] = [
  [
    /^\/var\/lib\/apt\/lists\b/,
    /\bapt(-get)?\s[^|;&]*\bupdate\b|\badd-apt-repository\b|\|\s*(sudo\s+)?(-E\s+)?(ba)?sh\b|\bapt-get\s[^|;&]*\binstall\b[^|;&]*\.deb\b/,
    "apt's package lists",
  ],
  [APT_DOWNLOADS, /\bapt(-get)?\s[^|;&]*\b(install|upgrade|dist-upgrade|full-upgrade|build-dep)\b|\bdpkg\b/],
  [/^\/var\/cache\/apk\b/, /\bapk\s[^|;&]*\b(add|update|upgrade)\b/, 'the apk index'],
  [/^\/var\/cache\/(yum|dnf)\b|^\/var\/lib\/(yum|dnf)\b/, /\b(yum|dnf|microdnf|tdnf)\b/, 'the yum/dnf metadata cache'],
  [/^\/var\/cache\/zypp\b/, /\bzypper\b/, "zypper's cache"],
  [
    /^\/root\/\.cache\/pip\b|^\/root\/\.cache\/?$|^\/tmp\/pip/,
    /\bpip[0-9.]*\s|\bpython[0-9.]*\s+-m\s+pip\b|\beasy_install\b|get-pip/,
  ],
  [
    /^\/root\/\.npm\b|^\/root\/\.node-gyp\b|^\/tmp\/npm-/,
    // npm fetches (and caches) packages for these; `npm run <script>` / `npm start` fetch nothing themselves.
    /\bnpm\b[^|;&]*?\s(install|i|ci|add|update|up|upgrade|exec|x|rebuild|dedupe|pack|cache\s+add)(?=\s|$)|\bnpx\s/,
  ],
  [/^\/usr\/local\/share\/\.cache\/yarn\b|^\/root\/\.cache\/yarn\b|^\/root\/\.yarn\b/, /\byarn\b/],
  [/^\/root\/\.composer\b|^\/root\/\.cache\/composer\b|^\/tmp\/composer/, /\bcomposer\b/],
  [/^\/root\/\.gem\b|^\/usr\/local\/bundle\/cache\b|^\/root\/\.bundle\/cache\b/, /\b(gem|bundle)\s/],
  [/^\/root\/\.cargo\/(registry|git)\b|^\/usr\/local\/cargo\/(registry|git)\b/, /\bcargo\b/],
  [/^\/root\/\.cache\/go-build\b|^\/go\/pkg\b|^\/root\/go\/pkg\b/, /\bgo\s+(build|install|get|mod|test|run)\b/],
  [/(^|\/)node_modules\b/, /\b(npm|yarn|pnpm)\s/],
  [/(^|\/)__pycache__\b|\.pyc$/, /\bpip[0-9.]*\s|\bpython[0-9.]*\s|\bsetup\.py\b/],
];

const HOME = /^(~|\$HOME|\$\{HOME\})(?=\/|$)/;

/** The paths and packages the script's commands delete or rewrite in place. */
export function removals(script: ShellScript): Removal[] {
  const out: Removal[] = [];
  for (const c of script.commands) out.push(...commandRemovals(c));
  return out;
}

function word(w: { value: string | null; text: string }): string {
  return (w.value ?? w.text).replace(/^["']|["']$/g, '');
}

function commandRemovals(c: SimpleCommand): Removal[] {
  const name = c.name?.value ?? '';
  const args = c.args.map(word);
  const path = (p: string, by: string): Removal => ({ kind: 'path', target: p.replace(HOME, '/root'), by });
  const kind = cleanupKind(c);
  if (kind === 'rm') return args.filter((a) => !a.startsWith('-')).map((a) => path(a, 'rm'));
  if (kind === 'find -delete')
    return args
      .filter((a) => !a.startsWith('-'))
      .slice(0, 1)
      .map((a) => path(a, 'find'));
  if (kind && /^apt(-get)? (purge|remove|autoremove)$/.test(kind)) {
    const pkgs = args.filter((a) => !a.startsWith('-') && !/^(purge|remove|autoremove)$/.test(a));
    // Without names, autoremove removes auto-installed packages no longer needed (which, is not known
    // here) and does not touch /var/cache/apt: no removal can be proven.
    return pkgs.map((p) => ({ kind: 'package', target: p, by: kind }));
  }
  if (kind && /^apt(-get)? (auto)?clean$/.test(kind)) return [path('/var/cache/apt', kind)];
  if (kind === 'apk del')
    return args.filter((a) => !a.startsWith('-') && a !== 'del').map((p) => ({ kind: 'package', target: p, by: kind }));
  if (kind === 'apk cache clean') return [path('/var/cache/apk', kind)];
  if (kind === 'pip cache purge') return [path('/root/.cache/pip', kind)];
  if (kind === 'npm cache clean') return [path('/root/.npm', kind)];
  if (kind === 'yarn cache clean') return [path('/usr/local/share/.cache/yarn', kind)];
  if (kind && / clean$/.test(kind)) return [path(`/var/cache/${kind.split(' ')[0]}`, kind)];
  // In-place rewrites of a whole tree copy every file into the new layer.
  if ((name === 'chown' || name === 'chmod') && args.some((a) => /^-[a-zA-Z]*R/.test(a) || a === '--recursive')) {
    const operands = args.filter((a) => !a.startsWith('-'));
    return operands.slice(1).map((p) => path(p, `${name} -R`));
  }
  return [];
}

/** The glob-free head of a path: `/var/lib/apt/lists/*` -> `/var/lib/apt/lists`. */
function head(p: string): string {
  const glob = p.search(/[*?[]/);
  const cut = glob === -1 ? p : p.slice(0, p.lastIndexOf('/', glob) + 1);
  return cut.replace(/\/+$/, '') || (p.startsWith('/') ? '/' : '');
}

/** Something a command writes: a file or tree it makes, or files of unknown names under a directory. */
export interface Written {
  /** Absolute, or relative to the directory the RUN starts in (WORKDIR); `~`/`$HOME` read as /root. */
  path: string;
  /**
   * `path`: the command makes this file or tree (with what is in it); `inside`: it writes files it does
   * not name under it (archive contents, build output); `entry`: only the entry itself (`mkdir`, `touch`,
   * `chmod`), not what is later put in it.
   */
  kind: 'path' | 'inside' | 'entry';
  /** The command, for messages (`curl -o`, `git clone`, `tar -x -C`). */
  by: string;
}

/** Commands that build in the directory they run in (their output lands there). */
const BUILDERS = new Set([
  'make',
  'gmake',
  'cmake',
  'ninja',
  'meson',
  'mvn',
  'gradle',
  'ant',
  'sbt',
  'bazel',
  'cargo',
  'autoreconf',
  'autogen.sh',
  'bootstrap',
  'dotnet',
]);

function normalise(p: string): string {
  let n = p.replace(HOME, '/root').replace(/\/\.(?=\/|$)/g, '');
  while (n.startsWith('./')) n = n.slice(2);
  n = n.replace(/\/{2,}/g, '/');
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
}

/** `p` resolved against `cwd` ('' = the RUN's starting directory, unknown). */
function resolve(cwd: string, p: string): string {
  const n = normalise(p);
  if (n.startsWith('/') || !cwd) return n || cwd;
  if (n === '.' || n === '') return cwd;
  return normalise(`${cwd}/${n}`);
}

/** The last path segment of a URL or path, without query or fragment (`https://x/a.tgz?dl=1` -> `a.tgz`). */
function urlName(u: string): string {
  const bare = u.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return bare.slice(bare.lastIndexOf('/') + 1);
}

const URL_RE = /^(https?|ftp):\/\//;

/** Options of a command that take a value (the next word), so operands are told apart from them. */
const VALUE_OPTIONS: Record<string, Set<string>> = {
  curl: new Set([
    '-o',
    '-H',
    '-d',
    '-u',
    '-A',
    '-e',
    '-x',
    '-X',
    '-m',
    '-T',
    '-w',
    '-b',
    '-c',
    '-F',
    '-K',
    '-r',
    '-E',
    '-C',
    '-y',
    '-Y',
    '-z',
    '-Q',
    '--output',
    '--output-dir',
    '--header',
    '--data',
    '--user',
    '--retry',
    '--connect-timeout',
    '--max-time',
    '--proto',
    '--cacert',
    '--user-agent',
    '--request',
    '--retry-delay',
    '--retry-max-time',
    '--url',
  ]),
  wget: new Set([
    '-O',
    '-P',
    '-t',
    '-T',
    '-U',
    '-e',
    '-o',
    '-a',
    '-i',
    '--output-document',
    '--directory-prefix',
    '--tries',
    '--timeout',
    '--user-agent',
    '--header',
    '--user',
    '--password',
  ]),
  git: new Set([
    '-b',
    '--branch',
    '--depth',
    '-o',
    '--origin',
    '-c',
    '--config',
    '--reference',
    '-j',
    '--jobs',
    '--filter',
    '--separate-git-dir',
    '--template',
    '-u',
    '--upload-pack',
    '--shallow-since',
    '--shallow-exclude',
  ]),
};

/** Operands (non-option words) of `args`, skipping the values of options in `valueOptions`. */
function operandsOf(args: string[], valueOptions: Set<string> = new Set()): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (!a.includes('=') && valueOptions.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The value of `-x V`, `-xV`, `--long V` or `--long=V` (the last one given), or null. */
function optionValue(args: string[], short: string | null, long: string | null): string | null {
  let v: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (long && a === long) v = args[i + 1] ?? null;
    else if (long && a.startsWith(`${long}=`)) v = a.slice(long.length + 1);
    else if (short && a === short) v = args[i + 1] ?? null;
    else if (short && a.startsWith(short) && !a.startsWith('--') && a.length > 2) v = a.slice(2);
  }
  return v;
}

/** A cluster of short flags (`-fsSLo`) that holds `letter`; `last`: only as its final letter (it takes the next word). */
function clusterHas(a: string, letter: string, last = false): boolean {
  if (!/^-[A-Za-z0-9]+$/.test(a)) return false;
  return last ? a.endsWith(letter) : a.slice(1).includes(letter);
}

/** What one command writes, with `cwd` its directory ('' = unknown start directory). */
function commandWrites(c: SimpleCommand, cwd: string, fullText: string): Written[] {
  const out: Written[] = [];
  const add = (p: string | null | undefined, kind: Written['kind'], by: string) => {
    if (!p || p === '-' || p.startsWith('/dev/')) return;
    out.push({ path: resolve(cwd, p), kind, by });
  };
  for (const r of [...c.redirects, ...(c.statementRedirects ?? [])]) {
    // The redirection node as tree-sitter delimited it: `> file`, `2>>log`, `&> out` (`>&2` and `<` write nothing).
    const m = /^\s*(?:\d*|&)(>>|>\||>)\s*(?!&)(\S[\s\S]*)$/.exec(fullText.slice(r.start, r.end));
    if (m) add(m[2].trim().replace(/^["']|["']$/g, ''), 'path', `> redirection`);
  }
  let name = c.name?.value ?? '';
  let args = c.args.map(word);
  if (name === 'sudo' && args.length && !args[0].startsWith('-')) {
    name = args[0];
    args = args.slice(1);
  }
  const base = name.slice(name.lastIndexOf('/') + 1);
  const operands = (vo?: Set<string>) => operandsOf(args, vo);
  switch (base) {
    case 'curl': {
      const o = optionValue(args, '-o', '--output');
      const clustered = args.findIndex((a) => clusterHas(a, 'o', true));
      const dir = optionValue(args, null, '--output-dir') ?? '';
      const at = (p: string) => (dir && !p.startsWith('/') ? `${dir}/${p}` : p);
      if (o) add(at(o), 'path', 'curl -o');
      else if (clustered >= 0) add(at(args[clustered + 1]), 'path', 'curl -o');
      if (args.some((a) => a === '-O' || a === '--remote-name' || a === '--remote-name-all' || clusterHas(a, 'O')))
        for (const u of operands(VALUE_OPTIONS.curl).filter((x) => URL_RE.test(x)))
          add(at(urlName(u)), 'path', 'curl -O');
      break;
    }
    case 'wget': {
      const o = optionValue(args, '-O', '--output-document');
      const clustered = args.findIndex((a) => clusterHas(a, 'O', true));
      if (o) add(o, 'path', 'wget -O');
      else if (clustered >= 0) add(args[clustered + 1], 'path', 'wget -O');
      else {
        const dir = optionValue(args, '-P', '--directory-prefix');
        for (const u of operands(VALUE_OPTIONS.wget).filter((x) => URL_RE.test(x)))
          add(dir ? `${dir}/${urlName(u)}` : urlName(u), 'path', 'wget');
      }
      break;
    }
    case 'git': {
      const sub = operands(VALUE_OPTIONS.git);
      if (sub[0] !== 'clone') break;
      const [repo, dest] = sub.slice(1);
      if (dest) add(dest, 'path', 'git clone');
      else if (repo) add(urlName(repo).replace(/\.git$/, ''), 'path', 'git clone');
      break;
    }
    case 'tar':
    case 'bsdtar': {
      const first = args[0] ?? '';
      const mode = (l: string, long: string) =>
        args.some((a) => a === `--${long}` || clusterHas(a, l)) || (/^[A-Za-z]+$/.test(first) && first.includes(l));
      const dest = optionValue(args, '-C', '--directory');
      if (mode('x', 'extract') || args.includes('--get')) add(dest ?? '.', 'inside', dest ? 'tar -x -C' : 'tar -x');
      else if (mode('c', 'create')) {
        const f = optionValue(args, '-f', '--file') ?? args[args.findIndex((a) => clusterHas(a, 'f', true)) + 1];
        add(f, 'path', 'tar -c -f');
      }
      break;
    }
    case 'unzip': {
      const d = optionValue(args, '-d', null);
      add(d ?? '.', 'inside', d ? 'unzip -d' : 'unzip');
      break;
    }
    case 'mkdir':
      for (const p of operands(new Set(['-m', '--mode']))) add(p, 'entry', 'mkdir');
      break;
    case 'touch':
    case 'tee':
      for (const p of operands()) add(p, base === 'tee' ? 'path' : 'entry', base);
      break;
    case 'cp':
    case 'mv':
    case 'ln':
    case 'rsync':
    case 'install': {
      const t = optionValue(args, '-t', '--target-directory');
      const ops = operands(
        new Set(['-m', '--mode', '-o', '--owner', '-g', '--group', '-t', '--target-directory', '-e']),
      );
      if (base === 'install' && args.some((a) => a === '-d' || a === '--directory'))
        for (const p of ops) add(p, 'entry', 'install -d');
      else if (t) add(t, 'path', `${base} -t`);
      else if (ops.length >= 2) add(ops[ops.length - 1], 'path', `${base} (destination)`);
      break;
    }
    case 'chmod':
    case 'chown':
    case 'chgrp':
      // Changing a file's mode or owner copies it into this layer.
      for (const p of operands().slice(1)) add(p, 'entry', base);
      break;
    case 'sed':
      if (args.some((a) => a === '-i' || /^-[A-Za-z]*i/.test(a) || a.startsWith('--in-place')))
        for (const p of operands(new Set(['-e', '-f'])).slice(args.some((a) => a === '-e' || a === '-f') ? 0 : 1))
          add(p, 'path', 'sed -i');
      break;
    case 'dd': {
      const of = args.find((a) => a.startsWith('of='));
      if (of) add(of.slice(3), 'path', 'dd of=');
      break;
    }
    case 'virtualenv':
      add(operands(new Set(['-p', '--python']))[0], 'path', 'virtualenv');
      break;
    default: {
      if (
        /^pip[0-9.]*$/.test(base) ||
        (/^python[0-9.]*$/.test(base) && args[0] === '-m' && /^pip/.test(args[1] ?? ''))
      ) {
        add(optionValue(args, '-d', '--dest'), 'path', 'pip download -d');
        add(optionValue(args, '-w', '--wheel-dir'), 'path', 'pip wheel -w');
        add(optionValue(args, '-t', '--target'), 'path', 'pip install --target');
        add(optionValue(args, null, '--prefix'), 'path', 'pip install --prefix');
        add(optionValue(args, null, '--root'), 'path', 'pip install --root');
      }
      if (/^python[0-9.]*$/.test(base) && args[0] === '-m' && args[1] === 'venv')
        add(operands()[1], 'path', 'python -m venv');
      if (base === 'go' && args[0] === 'build') add(optionValue(args, '-o', null), 'path', 'go build -o');
      if (/^(gcc|g\+\+|cc|c\+\+|clang|clang\+\+)(-[0-9.]+)?$/.test(base))
        add(optionValue(args, '-o', null), 'path', `${base} -o`);
      if (base === 'make' || base === 'gmake') {
        add(optionValue(args, '-C', '--directory'), 'inside', `${base} -C`);
        // `make DESTDIR=/tmp/stage install`, `make OUT=/tmp/a`: a path handed to the build is where it may write.
        for (const v of args.filter((x) => /^[A-Za-z_][A-Za-z0-9_]*=\//.test(x)))
          add(v.slice(v.indexOf('=') + 1), 'inside', `${base} ${v.slice(0, v.indexOf('='))}=`);
      }
      if (base === 'cmake') add(optionValue(args, '-B', '--build'), 'inside', 'cmake -B');
      // A script the RUN runs (`bash fetch.sh name /var/www/ext`, `./install.sh /opt/x`) may write where its path arguments point.
      const shell = /^(ba|da|z|k)?sh$/.test(base) && args[0] && !args[0].startsWith('-');
      if (shell || /\.sh$/.test(base) || name.startsWith('./'))
        for (const a of operands().slice(shell ? 1 : 0))
          if (a.startsWith('/')) add(a, 'inside', `${shell ? args[0] : name}`);
      // A build in the current directory, or a script run from it (`./configure`, `./build.sh`).
      if (BUILDERS.has(base) || name.startsWith('./') || (/^(python[0-9.]*)$/.test(base) && args[0] === 'setup.py'))
        add('.', 'inside', base);
    }
  }
  return out;
}

/**
 * What the script writes, in order: download outputs, clone and archive destinations, made
 * directories, copy/move destinations, redirections, install targets and build directories.
 * `cd DIR` at the top level is followed so relative paths resolve.
 */
export function writtenPaths(script: ShellScript): Written[] {
  const out: Written[] = [];
  let cwd = '';
  for (const c of script.commands) {
    out.push(...commandWrites(c, cwd, script.text));
    const name = c.name?.value;
    if (name === 'cd' && !c.context.subshell && !c.context.pipeline) {
      const dest = c.args.map(word).filter((a) => !a.startsWith('-'))[0];
      cwd =
        dest === undefined || dest === '~' ? '/root' : dest.includes('$') || dest === '-' ? '?' : resolve(cwd, dest);
    }
  }
  // After a `cd` we cannot follow, relative paths are unknown.
  return out.filter((w) => !w.path.startsWith('?'));
}

/** A removal target (may hold a glob) matches a written path: the same file or tree, written inside it, or under a tree the command wrote. */
function hits(target: string, w: Written): boolean {
  const t = normalise(target);
  const p = head(t);
  if (!p || p === '.' || w.path === '.' || !w.path) return false;
  if (p.includes('$') || w.path.includes('$'))
    return t === w.path || (t.startsWith(`${w.path}/`) && !w.path.includes('*'));
  const glob = t.search(/[*?[]/) !== -1;
  // The written file or tree lies in what is removed.
  const re = glob ? globToRe(t) : null;
  if (re ? re.test(w.path) || prefixes(w.path).some((x) => re.test(x)) : isWithin(w.path, t)) return true;
  // What is removed lies in a tree the command made or filled.
  return w.kind !== 'entry' && t.startsWith(w.path === '/' ? '/' : `${w.path}/`);
}

function isWithin(inner: string, outer: string): boolean {
  return inner === outer || outer === '/' || inner.startsWith(`${outer}/`);
}

function prefixes(p: string): string[] {
  const out: string[] = [];
  for (let i = p.indexOf('/', 1); i !== -1; i = p.indexOf('/', i + 1)) out.push(p.slice(0, i));
  return out;
}

function globToRe(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
}

/**
 * Why the `earlier` RUN created what `r` removes, or null when nothing says so: a package-manager
 * cache the earlier RUN fills, a package it installs, or a path one of its commands writes
 * (`writtenPaths`). A path it only reads (`tar -xf X`, `cat X`, `cp X dest`) does not count:
 * the file was made in an older layer or by COPY/ADD, and deleting it with this RUN saves nothing.
 * `copied` (optional): the removal target was put there by a COPY/ADD; then only a command that
 * makes that very path counts, not one that writes unknown files around it.
 */
export function createdBy(earlier: ShellScript, r: Removal, copied = false): string | null {
  if (r.kind === 'package') {
    // Installed by name here (an install operand), not merely used (`wget ...` after an older RUN installed it).
    const installs = findCommands(earlier, PACKAGE_INSTALLERS).some(
      (inv) =>
        INSTALL_SUBCOMMANDS.has(inv.subcommand ?? '') &&
        operands(inv).some((w) => w.value !== null && w.value.replace(/[=:].*$/, '') === r.target),
    );
    return installs ? `installs ${r.target}` : null;
  }
  const p = head(r.target);
  if (!copied)
    for (const [cache, makers] of KNOWN_CACHES) {
      if (cache.test(p) || cache.test(r.target)) {
        const m = makers.exec(earlier.text);
        if (m) return `${m[0].trim()} fills ${p}`;
      }
    }
  if (!p || p === '/' || p === '.' || p.includes('$')) return null;
  // The earlier RUN must name the path (or its file name) at all; then one of its commands must write it.
  const norm = earlier.text.replace(/(~|\$HOME|\$\{HOME\})(?=\/)/g, '/root');
  const name = p.slice(p.lastIndexOf('/') + 1);
  if (!mentions(norm, p) && !(name.length >= 4 && /[.\-_]/.test(name) && mentions(norm, name, true))) return null;
  for (const w of writtenPaths(earlier)) {
    if (copied && w.kind === 'inside') continue;
    // `mkdir d` / `touch f` make an empty directory or file: rewriting its owner or mode later copies
    // only a header, so a recursive chown/chmod of it frees nothing worth a merge.
    if (r.by.endsWith('-R') && (w.by === 'mkdir' || w.by === 'touch')) continue;
    if (hits(r.target, w)) return `\`${w.by}\` writes ${w.path}`;
  }
  return null;
}

/** `s` appears in `text` as a whole path or word, or as the head of a longer path (`/opt/src` in `/opt/src/app`). */
function mentions(text: string, s: string, afterSlash = false): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_.\\-${afterSlash ? '' : '/'}])${escapeRe(s)}(?=$|[/\\s'";&|)<>])`).test(text);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `own` (a removal the earlier RUN makes itself) already takes away what `r` targets. */
function covers(own: Removal, r: Removal): boolean {
  if (own.kind !== r.kind) return false;
  if (r.kind === 'package') return own.target === r.target;
  const a = head(own.target);
  const b = head(r.target);
  if (!a || !b) return false;
  if (a === b || b.startsWith(a === '/' ? '/' : `${a}/`)) return true;
  return KNOWN_CACHES.some(([cache]) => cache.test(a) && cache.test(b));
}

/**
 * The first thing `later` removes or rewrites that one of `earlier` created and left in its layer
 * (an earlier RUN that already cleans it up itself leaves nothing to save), with the evidence.
 */
export function removesCreated(
  earlier: readonly ShellScript[],
  later: ShellScript,
  copied: (r: Removal) => boolean = () => false,
): { removal: Removal; evidence: string } | null {
  return createdRemovals(earlier, later, copied)[0] ?? null;
}

/** Every removal of `later` that one of `earlier` created and left in its layer, with the evidence (see removesCreated). */
export function createdRemovals(
  earlier: readonly ShellScript[],
  later: ShellScript,
  copied: (r: Removal) => boolean = () => false,
): { removal: Removal; evidence: string }[] {
  const out: { removal: Removal; evidence: string }[] = [];
  for (const r of removals(later)) {
    const fromCopy = r.kind === 'path' && copied(r);
    for (const e of earlier) {
      const why = createdBy(e, r, fromCopy);
      if (!why) continue;
      if (leavesIt(e, r)) {
        out.push({ removal: r, evidence: why });
        break;
      }
    }
  }
  return out;
}

/** `earlier` (which created what `r` removes) does not clean it up itself, so its layer keeps it. */
function leavesIt(earlier: ShellScript, r: Removal): boolean {
  return !(r.kind === 'path' && !r.by.endsWith('-R') && removals(earlier).some((own) => covers(own, r)));
}

/** The package index `r` removes (apt lists, dnf/yum metadata, the apk index, zypper's cache), described, or null. */
export function packageIndexOf(r: Removal): string | null {
  if (r.kind !== 'path') return null;
  const p = head(r.target);
  return KNOWN_CACHES.find(([re, , index]) => index && (re.test(p) || re.test(r.target)))?.[2] ?? null;
}

/** True when `r` removes apt's downloaded packages or binary caches. */
export function removesAptDownloads(r: Removal): boolean {
  return r.kind === 'path' && APT_DOWNLOADS.test(head(r.target));
}

/** `earlier` fills the package index `r` removes and keeps it in its layer. */
export function keepsIndex(earlier: ShellScript, r: Removal): boolean {
  return packageIndexOf(r) !== null && createdBy(earlier, r) !== null && leavesIt(earlier, r);
}

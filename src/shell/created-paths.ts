/**
 * "Does this later command delete or rewrite what that earlier RUN created?" — the evidence that
 * joining two RUNs (merge-run, fold-cleanup-run) keeps files out of a layer. Deleting or
 * rewriting (chown -R, chmod -R) in a later layer saves nothing when the earlier layer did not
 * hold the files; joining then only cuts the layer count.
 *
 * A text reader by design: a false "created" only lets a join through that is still correct
 * (it saves nothing); a false "not created" only leaves two RUNs apart.
 */
import type { ShellScript, SimpleCommand } from './model.js';
import { cleanupKind } from './cleanup-commands.js';

/** Something a command removes or rewrites: a path, or an installed package. */
export interface Removal {
  kind: 'path' | 'package';
  /** The path (with `~`/`$HOME` read as /root) or package name. */
  target: string;
  /** The command, for messages (`rm`, `apt-get purge`, `chown -R`). */
  by: string;
}

/** Package-manager caches and the commands that fill them. */
const KNOWN_CACHES: [RegExp, RegExp][] = [
  [
    /^\/var\/lib\/apt\/lists\b/,
    /\bapt(-get)?\s[^|;&]*\bupdate\b|\badd-apt-repository\b|\|\s*(sudo\s+)?(-E\s+)?(ba)?sh\b|\bapt-get\s[^|;&]*\binstall\b[^|;&]*\.deb\b/,
  ],
  [/^\/var\/cache\/apt\b/, /\bapt(-get)?\s[^|;&]*\b(install|upgrade|dist-upgrade|full-upgrade|build-dep)\b|\bdpkg\b/],
  [/^\/var\/cache\/apk\b/, /\bapk\s[^|;&]*\b(add|update|upgrade)\b/],
  [/^\/var\/cache\/(yum|dnf)\b|^\/var\/lib\/(yum|dnf)\b/, /\b(yum|dnf|microdnf|tdnf)\b/],
  [/^\/var\/cache\/zypp\b/, /\bzypper\b/],
  [
    /^\/root\/\.cache\/pip\b|^\/root\/\.cache\/?$|^\/tmp\/pip/,
    /\bpip[0-9.]*\s|\bpython[0-9.]*\s+-m\s+pip\b|\beasy_install\b|get-pip/,
  ],
  [/^\/root\/\.npm\b|^\/root\/\.node-gyp\b|^\/tmp\/npm-/, /\bnpm\s|\bnpx\s/],
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
    return pkgs.length ? pkgs.map((p) => ({ kind: 'package', target: p, by: kind })) : [path('/var/cache/apt', kind)];
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

/**
 * Why `earlier` (the text of an earlier RUN body) created what `r` removes, or null when nothing
 * says so: a package-manager cache the earlier RUN fills, a package it installs, or a path it names.
 */
export function createdBy(earlier: string, r: Removal): string | null {
  if (r.kind === 'package') {
    const re = new RegExp(`(^|[\\s'"=])${escapeRe(r.target)}([\\s'"=]|$)`);
    return re.test(earlier) ? `installs ${r.target}` : null;
  }
  const p = head(r.target);
  for (const [cache, makers] of KNOWN_CACHES) {
    if (cache.test(p) || cache.test(r.target)) {
      const m = makers.exec(earlier);
      if (m) return `${m[0].trim()} fills ${p}`;
    }
  }
  if (!p || p === '/' || p === '.' || p.includes('$')) return null;
  const norm = earlier.replace(/(~|\$HOME|\$\{HOME\})(?=\/)/g, '/root');
  if (mentions(norm, p)) return `it names ${p}`;
  // A file made in the working directory and deleted by its name (`wget x.tgz ... rm x.tgz`).
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (base.length >= 4 && /[.\-_]/.test(base) && mentions(norm, base, true)) return `it names ${base}`;
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
): { removal: Removal; evidence: string } | null {
  for (const r of removals(later)) {
    for (const e of earlier) {
      const why = createdBy(e.text, r);
      if (!why) continue;
      if (r.kind === 'path' && !r.by.endsWith('-R') && removals(e).some((own) => covers(own, r))) continue;
      return { removal: r, evidence: why };
    }
  }
  return null;
}

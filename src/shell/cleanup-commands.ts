/** Recognises commands whose only effect is deleting files or package caches (`rm -rf`, `apt-get clean`, `apk del`, ...). */
import type { ShellScript, SimpleCommand } from './model.js';

const RM_FLAGS = /^(-[rRfvd]+|--recursive|--force|--verbose|--dir|--one-file-system|--)$/;
const APT_SUBS = new Set(['clean', 'autoclean', 'purge', 'remove', 'autoremove']);
const APT_FLAGS = /^(-[yq]+|--yes|--assume-yes|--quiet|--purge|--auto-remove|--autoremove|--allow-remove-essential)$/;
const PKG_CLEAN = new Set(['yum', 'dnf', 'microdnf', 'tdnf']);

/** A short label for a deleting command (`rm`, `apt-get purge`, ...) or null when it may do anything else. */
export function cleanupKind(cmd: SimpleCommand): string | null {
  const name = cmd.name?.value;
  if (!name || (cmd.assignments.length > 0 && name !== 'apt-get' && name !== 'apt')) return null;
  const args = cmd.args.map((a) => a.value);
  switch (name) {
    case 'rm': {
      const paths = cmd.args.filter((a) => !(a.value && RM_FLAGS.test(a.value)));
      if (!paths.length || cmd.args.some((a) => a.value !== null && a.value.startsWith('-') && !RM_FLAGS.test(a.value)))
        return null;
      return 'rm';
    }
    case 'apt-get':
    case 'apt': {
      const words = args.filter((a) => a === null || !APT_FLAGS.test(a));
      if (words[0] === null || !APT_SUBS.has(words[0] ?? '')) return null;
      if (words.slice(1).some((w) => w === null || w.startsWith('-'))) return null;
      return `${name} ${words[0]}`;
    }
    case 'apk':
      if (
        args[0] === 'del' &&
        args
          .slice(1)
          .every((a) => a !== null && (!a.startsWith('-') || /^(--purge|-r|--rdepends|-q|--quiet|--no-cache)$/.test(a)))
      )
        return 'apk del';
      if (args[0] === 'cache' && args[1] === 'clean' && args.length === 2) return 'apk cache clean';
      return null;
    case 'pip':
    case 'pip3':
      return args.length === 2 && args[0] === 'cache' && args[1] === 'purge' ? 'pip cache purge' : null;
    case 'npm':
      return args[0] === 'cache' && args[1] === 'clean' && args.slice(2).every((a) => a === '--force' || a === '-f')
        ? 'npm cache clean'
        : null;
    case 'yarn':
      return args.length === 2 && args[0] === 'cache' && args[1] === 'clean' ? 'yarn cache clean' : null;
    case 'find': {
      if (!args.includes('-delete')) return null;
      if (args.some((a) => a === null || /^-(exec|execdir|ok|okdir|fprint\w*|fls)$/.test(a))) return null;
      return 'find -delete';
    }
    default:
      if (
        PKG_CLEAN.has(name) &&
        args[0] === 'clean' &&
        args.length === 2 &&
        args[1] !== null &&
        /^(all|packages|metadata|dbcache|headers|expire-cache)$/.test(args[1])
      )
        return `${name} clean`;
      return null;
  }
}

export interface CleanupScript {
  /** The deleting commands, by kind. */
  kinds: string[];
  /** Every deleting command is `rm` or `find -delete` (they do not read the environment). */
  envFree: boolean;
}

/**
 * When every top-level command of the script only deletes (joined by `&&`, `;` or newlines, with
 * `|| true` allowed as a tolerant tail, and `set` flags allowed), returns what it deletes; else null.
 */
export function cleanupOnly(script: ShellScript): CleanupScript | null {
  if (script.hasErrors || !script.chain.length) return null;
  const kinds: string[] = [];
  for (let i = 0; i < script.chain.length; i++) {
    const item = script.chain[i];
    const cmd = item.simple;
    if (!cmd) return null;
    if (item.opBefore === '&' || script.chain[i + 1]?.opBefore === '&') return null;
    if (item.opBefore === '||') {
      if (cmd.name?.value === 'true' || cmd.name?.value === ':') continue;
      return null;
    }
    if (cmd.redirects.some((r) => !/^\d*(>>?\s*\/dev\/null|>&\d)$/.test(script.text.slice(r.start, r.end))))
      return null;
    if (cmd.name?.value === 'set' && cmd.args.every((a) => a.value !== null && /^[-+][a-z]+$|^pipefail$/.test(a.value)))
      continue;
    const kind = cleanupKind(cmd);
    if (!kind) return null;
    kinds.push(kind);
  }
  if (!kinds.length) return null;
  return { kinds, envFree: kinds.every((k) => k === 'rm' || k === 'find -delete') };
}

/** True when some command of the script deletes files (used to say a merge may free space). */
export function deletesFiles(script: ShellScript): boolean {
  return script.commands.some((c) => cleanupKind(c) !== null);
}

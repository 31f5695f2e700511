/**
 * The stage rewrite that goes with an alpine base: apt-get commands become apk commands (every
 * installed package must map, see packages.ts APK_NAMES), tools the full image gave are added with
 * `apk add --no-cache`, and anything glibc-only or Debian-only stops the switch.
 */
import type { SourceDockerfile, Stage } from '../parse/document.js';
import type { Edit, SkipReason } from '../engine/types.js';
import { APK_NAMES, FAT_ONLY_COMMANDS, NODE_FAT_ONLY, PACKAGE_COMMANDS } from './packages.js';
import { baseName, packageArgs, type StageUse } from './stage-use.js';
import type { SwitchOptions } from './switch-options.js';

const DEBIAN_ONLY = new Set([
  'useradd',
  'groupadd',
  'usermod',
  'adduser',
  'addgroup',
  'locale-gen',
  'update-locale',
  'dpkg-reconfigure',
  'debconf-set-selections',
  'update-alternatives',
  'apt-key',
  'add-apt-repository',
  'apt-cache',
  'apt-mark',
  'dpkg',
  'dpkg-query',
  'ldconfig',
]);

export function alpineRewrite(
  doc: SourceDockerfile,
  stage: Stage,
  use: StageUse,
  opts: SwitchOptions,
): { edits: Edit[]; warnings: string[]; installed: string[] } | { skip: SkipReason } {
  const warnings: string[] = [];
  const skip = (code: SkipReason['code'], detail: string) => ({ skip: { code, detail } });
  if (use.hidden.length && opts.dependencies === 'skip') {
    return skip(
      'needs-toolchain',
      `the stage runs \`${use.hidden[0]}\`; on Alpine (musl) prebuilt glibc binaries and manylinux wheels do not load and many packages compile (set transforms.${opts.transform}.dependencies to switch anyway)`,
    );
  }
  if (use.hidden.length) warnings.push(`not checked for musl: ${use.hidden.join('; ')}`);
  if (use.packageManagers.has('yum') || use.packageManagers.has('dpkg'))
    return skip('uncertain', `the stage uses ${[...use.packageManagers].join(', ')}`);
  const glibc =
    /\.deb\b|manylinux|glibc/.exec(use.instructionText) ??
    (/\b(curl|wget)\b[^\n]*(\|\s*tar|-o\s|-O\s)[\s\S]*(chmod\s+\+x|\/usr\/local\/bin|\/bin\/)/.test(use.instructionText)
      ? ['a downloaded prebuilt binary']
      : null) ??
    (/^ADD\s+(--\S+\s+)*https?:/im.exec(use.instructionText) ? ['ADD of a remote file'] : null);
  if (glibc) return skip('uncertain', `the stage uses ${glibc[0]}, which is likely built for glibc (Alpine uses musl)`);
  if (/^SHELL\s.*bash/im.test(use.instructionText))
    return skip('uncertain', 'the stage sets SHELL to bash; Alpine has only BusyBox sh');

  const edits: Edit[] = [];
  const added = new Set<string>();
  const unmapped: string[] = [];
  const mapPkg = (p: string): string | null => {
    const name = p.replace(/[=:].*$/, '');
    const m = APK_NAMES[name];
    if (m === undefined || m === null) {
      unmapped.push(name);
      return null;
    }
    return m;
  };
  for (const c of use.commands) {
    const name = baseName(c.name);
    if (DEBIAN_ONLY.has(name))
      return skip('uncertain', `the stage runs ${name}, which is Debian-specific (BusyBox or apk packages differ)`);
    if (name === 'bash' || name === 'source') added.add('bash');
    if (name !== 'apt-get' && name !== 'apt') continue;
    if (!c.span)
      return skip('uncertain', `an ${name} command inside a string or JSON-form RUN cannot be rewritten in place`);
    const sub = c.args.find((a) => !a.startsWith('-'));
    let text: string;
    switch (sub) {
      case 'update':
        text = 'apk update';
        break;
      case 'install': {
        const pkgs = packageArgs(c.args, 'install')
          .map(mapPkg)
          .filter((x): x is string => x !== null);
        text = `apk add --no-cache ${[...new Set(pkgs)].join(' ')}`;
        break;
      }
      case 'upgrade':
      case 'dist-upgrade':
        text = 'apk upgrade --no-cache';
        break;
      case 'clean':
      case 'autoclean':
        text = 'rm -rf /var/cache/apk/*';
        break;
      case 'autoremove':
        text = 'true';
        break;
      case 'remove':
      case 'purge': {
        const pkgs = packageArgs(c.args, sub)
          .map(mapPkg)
          .filter((x): x is string => x !== null);
        text = pkgs.length ? `apk del ${[...new Set(pkgs)].join(' ')}` : 'true';
        break;
      }
      default:
        return skip('uncertain', `${name} ${sub ?? ''} has no apk equivalent here`.trim());
    }
    edits.push({ start: c.span.start, end: c.span.end, text });
  }
  if (unmapped.length) return skip('uncertain', `no Alpine package known for: ${[...new Set(unmapped)].join(', ')}`);

  // Tools the full image had that the stage uses without installing them.
  const provided = new Set<string>();
  for (const p of use.installed) {
    provided.add(p);
    for (const cmd of PACKAGE_COMMANDS[p] ?? []) provided.add(cmd);
  }
  const table = stage.image?.official === 'node' ? { ...FAT_ONLY_COMMANDS, ...NODE_FAT_ONLY } : FAT_ONLY_COMMANDS;
  for (const c of use.commands) {
    const name = baseName(c.name);
    if (!table[name] || provided.has(name)) continue;
    for (const p of table[name]) {
      const m = APK_NAMES[p] ?? (p === 'python-is-python3' ? 'python3' : undefined);
      if (m) added.add(m);
    }
  }
  for (const p of use.needs.keys()) {
    const m = APK_NAMES[p];
    if (m === undefined || m === null)
      return skip('uncertain', `no Alpine package known for ${p} (${use.needs.get(p)})`);
    added.add(m);
  }
  if (use.hidden.length && opts.dependencies === 'compile') {
    added.add('build-base');
    if (stage.image?.official === 'node') added.add('python3');
  }
  if (added.size) {
    edits.push({
      start: stage.from.span.end,
      end: stage.from.span.end,
      text: `${doc.eol}RUN apk add --no-cache ${[...added].join(' ')}`,
    });
  }
  warnings.push(
    'Alpine uses musl libc and BusyBox: review scripts copied into the image (bash shebangs, glibc binaries) before merging',
  );
  return { edits, warnings, installed: [...added] };
}

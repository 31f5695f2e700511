/**
 * Signs that a stage compiles native code (issue 11, class 5) or that the image is a toolchain
 * others build with. A stage that compiles keeps its full base in the safe tier: the slim variant
 * lacks the compilers and headers the full (buildpack-deps) image has, and a stage that installs
 * some of them usually relies on the rest. A toolchain image is never slimmed: its compilers are
 * what it is for.
 */
import type { SourceDockerfile } from '../parse/document.js';
import { baseName, type StageUse } from './stage-use.js';

const COMPILERS = new Set([
  'build-essential',
  'gcc',
  'g++',
  'clang',
  'make',
  'cmake',
  'autoconf',
  'automake',
  'libtool',
]);
const CROSS =
  /^(crossbuild-essential-.+|(gcc|g\+\+|binutils)-(\d+-)?(aarch64|arm|i686|x86-64|mips\w*|powerpc\w*|riscv64|s390x)-linux-gnu\w*|mingw-w64.*|gcc-mingw-w64.*|musl-tools)$/;

/** What in the stage shows it compiles native code; empty when nothing does. */
export function nativeBuildSigns(use: StageUse): string[] {
  const signs: string[] = [];
  const installed = [...use.installed];
  const compilers = installed.filter((p) => COMPILERS.has(p));
  if (compilers.length) signs.push(`installs ${compilers.join(', ')}`);
  const headers = installed.filter((p) => /-(dev|devel)$/.test(p));
  if (headers.length) signs.push(`installs the headers ${headers.join(', ')}`);
  for (const c of use.commands) {
    const name = baseName(c.name);
    if (name === 'node-gyp') signs.push('runs node-gyp');
    else if (name === 'npm' && (c.args[0] === 'rebuild' || c.args.includes('--build-from-source')))
      signs.push(`runs npm ${c.args[0] === 'rebuild' ? 'rebuild' : 'install --build-from-source'}`);
    else if (name === 'ln' && c.args.some((a) => /(^|\/)python[\d.]*$/.test(a)))
      signs.push('links python (for node-gyp)');
    else if (/^(gcc|g\+\+|cc|c\+\+|make|cmake|clang|\.\/configure)$/.test(name)) signs.push(`runs ${name}`);
  }
  for (const [pkg, why] of use.needs) if (pkg === 'build-essential') signs.push(why);
  return [...new Set(signs)];
}

/** Why the image looks like a toolchain (a base others build with), or null. */
export function toolchainImage(doc: SourceDockerfile, use: StageUse): string | null {
  const ins = use.stages.flatMap((s) => s.instructions);
  const cross = [...use.installed].filter((p) => CROSS.test(p));
  if (cross.length) return `it installs the cross compilers ${cross.join(', ')}`;
  const rustup = use.commands.find(
    (c) => baseName(c.name) === 'rustup' && c.args[0] === 'target' && c.args[1] === 'add',
  );
  if (rustup) return 'it adds Rust targets (`rustup target add`), so it builds code for others';
  const shipping = use.stages.some((s) => s.isFinal);
  if (shipping && !ins.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')) {
    void doc;
    return 'it has no CMD or ENTRYPOINT of its own, so it looks like a base or build image others use with the compilers of the full image';
  }
  return null;
}

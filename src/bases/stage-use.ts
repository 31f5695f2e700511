/**
 * What a stage (and every stage built FROM it) runs, read from the shell model of its RUNs:
 * commands used, packages installed, dependency installs whose contents are not visible
 * (requirements files, package.json, Gemfile, scripts), and what only a JDK or glibc provides.
 * Base switches use this to decide whether the smaller base still builds the stage.
 */
import type { InstructionNode, SourceDockerfile, Stage } from '../parse/document.js';
import type { SkipReason, Span } from '../engine/types.js';
import { PIP_NATIVE, NPM_NATIVE } from './packages.js';
import { isShell, readArgv, readCommand, type CommandRead } from '../shell/command-reader.js';
import { findInvocation, isInvocationFailure } from '../shell/lang-invocations.js';

export interface UsedCommand {
  /** Command name as run (`curl`, `./configure`, `pip`). */
  name: string;
  /** Argument values (quotes removed where static; raw text otherwise). */
  args: string[];
  ins: InstructionNode;
  /** File span of the command (for alpine rewrites), null when not mappable (exec form, `sh -c` strings). */
  span: Span | null;
}

export interface StageUse {
  /** The stages analysed: the stage and those built FROM it, in file order. */
  stages: Stage[];
  commands: UsedCommand[];
  /** Packages installed with apt-get/apt/yum/dnf/microdnf/apk. */
  installed: Set<string>;
  /** Package managers used. */
  packageManagers: Set<string>;
  /** Debian packages a visible command needs that the full image had (package -> why). */
  needs: Map<string, string>;
  /** Installs whose contents slimify cannot see (`pip install -r requirements.txt`, `npm ci`, `./build.sh`). */
  hidden: string[];
  /** Reasons the stage cannot be analysed at all. */
  blockers: SkipReason[];
  /** Text of every instruction of the stages (CMD, ENTRYPOINT, HEALTHCHECK included), for tool lookups. */
  instructionText: string;
}

/** Gems without native extensions that are commonly installed on their own. */
const PURE_GEMS = new Set(['bundler', 'rake', 'foreman', 'rubygems-update', 'dotenv']);
const PY = /^(python|python3|python\d\.\d+)$/;

/** The stage and every stage that is built FROM it (transitively). */
export function stageFamily(doc: SourceDockerfile, stage: Stage): Stage[] {
  return [stage, ...stage.descendants.map((i) => doc.stages[i])];
}

export function analyzeStage(doc: SourceDockerfile, stage: Stage): StageUse {
  const stages = stageFamily(doc, stage);
  const use: StageUse = {
    stages,
    commands: [],
    installed: new Set(),
    packageManagers: new Set(),
    needs: new Map(),
    hidden: [],
    blockers: [],
    instructionText: '',
  };
  const texts: string[] = [];
  for (const s of stages) {
    if (s.shell !== 'posix')
      use.blockers.push({ code: 'non-posix-shell', detail: `stage ${label(s)} uses a ${s.shell} shell` });
    for (const ins of s.instructions) {
      texts.push(doc.text.slice(ins.span.start, ins.span.end));
      if (ins.keyword === 'ONBUILD')
        use.blockers.push({ code: 'onbuild', detail: 'ONBUILD instructions run in images built later' });
      if (ins.keyword !== 'RUN' || !ins.run) continue;
      if (ins.run.form === 'heredoc') {
        use.blockers.push({
          code: 'heredoc',
          detail: `a heredoc RUN (line ${doc.lines.lineAt(ins.span.start) + 1}) is not analysed`,
        });
        continue;
      }
      if (ins.run.form === 'exec') {
        const argv = ins.execArgv?.length ? ins.execArgv : null;
        if (!argv) {
          use.blockers.push({
            code: 'exec-form',
            detail: `JSON-form RUN on line ${doc.lines.lineAt(ins.span.start) + 1} is not valid JSON`,
          });
          continue;
        }
        for (const r of readArgv(argv)) addCommand(use, r, ins, null);
        continue;
      }
      const body = ins.run.shell;
      if (!body) continue;
      if (body.script.hasErrors) {
        use.blockers.push({
          code: 'unparsable-shell',
          detail: `the shell parser reported errors in the RUN on line ${doc.lines.lineAt(ins.span.start) + 1}`,
        });
        continue;
      }
      for (const c of body.script.commands) {
        if (!c.name) continue;
        const span = body.fileSpan(c.span.start, c.span.end);
        for (const r of readCommand(c)) addCommand(use, r, ins, r.shells.length ? null : span);
      }
    }
  }
  use.instructionText = texts.join('\n');
  return use;
}

/**
 * Records one command the stage runs, read through wrappers (`sudo apt-get`, `env A=1 curl`, `xargs curl`)
 * and `sh -c` strings by the shell command reader. `span` is the file span of the command as written
 * in the RUN (null inside a `sh -c` string or a JSON-form RUN).
 */
function addCommand(use: StageUse, read: CommandRead, ins: InstructionNode, span: Span | null): void {
  if (!read.nameWord) return;
  const name = read.name;
  const args = read.argv.map((a) => a.value ?? a.text);
  if (read.opaqueString) {
    use.hidden.push(`${baseName(name)} ${args.join(' ')} (${read.opaqueString})`);
    return;
  }
  if (isShell(baseName(name))) {
    // A shell that runs a script file, or one read from a pipe (a `-c` string was read as commands).
    const script = args.find((a) => !a.startsWith('-'));
    use.hidden.push(script ? `${baseName(name)} ${script}` : `... | ${baseName(name)} (a script read from a pipe)`);
    return;
  }
  use.commands.push({ name, args, ins, span });
  const base = baseName(name);
  if (
    name.startsWith('./') ||
    (name.startsWith('/') && !/^\/(usr\/)?(s?bin|local\/bin)\//.test(name)) ||
    /\.(sh|bash)$/.test(name)
  ) {
    if (name !== './configure') use.hidden.push(name);
  }
  switch (true) {
    case base === 'apt-get' || base === 'apt' || base === 'aptitude':
      use.packageManagers.add('apt');
      if (args.includes('install')) for (const p of packageArgs(args, 'install')) use.installed.add(stripVersion(p));
      break;
    case base === 'yum' || base === 'dnf' || base === 'microdnf':
      use.packageManagers.add('yum');
      if (args.includes('install')) for (const p of packageArgs(args, 'install')) use.installed.add(p);
      break;
    case base === 'apk':
      use.packageManagers.add('apk');
      if (args.includes('add')) for (const p of packageArgs(args, 'add')) use.installed.add(p);
      break;
    case base === 'dpkg' && args.some((a) => a === '-i' || a === '--install'):
      use.packageManagers.add('dpkg');
      use.hidden.push(`dpkg -i ${args.filter((a) => !a.startsWith('-')).join(' ')}`);
      break;
    case PY.test(base) && /setup\.py$/.test(args[0] ?? ''):
      use.hidden.push(`python ${args[0]} ${args[1] ?? ''}`.trim());
      break;
    case base === 'poetry' || base === 'pipenv' || base === 'uv' || base === 'pdm':
      if (args.some((a) => /^(install|sync|add)$/.test(a)))
        use.hidden.push(`${base} ${args.find((a) => /^(install|sync|add)$/.test(a))}`);
      break;
    case base === 'npm' || base === 'yarn' || base === 'pnpm':
      jsInstall(use, base, args);
      break;
    case base === 'bundle' || base === 'bundler':
      if (args[0] === undefined || args[0] === 'install')
        use.hidden.push('bundle install (gems with native extensions need a compiler)');
      break;
    case base === 'gem':
      if (args[0] === 'install') {
        const gems = positional(args.slice(1));
        if (gems.some((g) => !PURE_GEMS.has(g)))
          use.hidden.push(`gem install ${gems.join(' ')} (gems with native extensions need a compiler)`);
      }
      break;
    case base === 'cpanm' || base === 'cpan':
      use.hidden.push(`${base} (XS modules need a compiler)`);
      break;
    case base === 'cargo':
      if (args[0] === 'build' || args[0] === 'install')
        use.hidden.push(`cargo ${args[0]} (crates with C dependencies need headers)`);
      break;
    default: {
      // pip, pip3, python -m pip (through lang-invocations, which reads their global options).
      const inv = findInvocation(read.command);
      if (inv && !isInvocationFailure(inv) && inv.tool === 'pip' && inv.subcommand?.value === 'install')
        pipInstall(
          use,
          inv.rest.map((w) => w.value ?? w.text),
        );
      break;
    }
  }
}

/** `pip install` with the words after `install`. */
function pipInstall(use: StageUse, rest: string[]): void {
  const names: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '-r' || a === '--requirement' || a === '-c' || a === '--constraint') {
      use.hidden.push(`pip install ${a} ${rest[i + 1] ?? ''}`.trim());
      i++;
    } else if (a.startsWith('--requirement=') || a.startsWith('-r')) use.hidden.push(`pip install ${a}`);
    else if (a === '-e' || a === '--editable') {
      use.hidden.push(`pip install -e ${rest[i + 1] ?? ''}`.trim());
      i++;
    } else if (
      /^(-i|--index-url|--extra-index-url|-f|--find-links|--target|-t|--prefix|--root|--platform|--python-version|--implementation|--abi|--trusted-host|--cache-dir|--src|--progress-bar|--log)$/.test(
        a,
      )
    )
      i++;
    else if (a.startsWith('-')) continue;
    else names.push(a);
  }
  for (const spec of names) {
    const bare = spec.replace(/(==|>=|<=|~=|!=|<|>).*$/, '');
    if (/^(\.|\/|~)|\.(whl|tar\.gz|zip)$/.test(spec) || bare.includes('$')) {
      if (!/\.whl$/.test(spec)) use.hidden.push(`pip install ${spec}`);
      continue;
    }
    if (/^git\+|:\/\//.test(spec)) {
      if (spec.startsWith('git+')) needs(use, 'git', `pip install ${spec}`);
      use.hidden.push(`pip install ${spec}`);
      continue;
    }
    const name = spec
      .replace(/\[.*$/, '')
      .replace(/[<>=!~;@ ].*$/, '')
      .toLowerCase()
      .replace(/_/g, '-');
    for (const pkg of PIP_NATIVE[name] ?? []) needs(use, pkg, `pip install ${name} builds from source`);
  }
}

function jsInstall(use: StageUse, tool: string, args: string[]): void {
  const sub = args[0];
  const names = positional(args.slice(1));
  if (tool === 'npm') {
    if (sub === 'rebuild' || sub === 'rb') {
      use.hidden.push('npm rebuild (native modules compile with node-gyp)');
      return;
    }
    if (!/^(install|i|ci|add|isntall|in)$/.test(sub ?? '')) return;
    if (sub === 'ci' || names.length === 0) {
      use.hidden.push(`npm ${sub} (dependencies from package.json)`);
      return;
    }
  } else {
    if (sub === undefined || sub === 'install' || (sub.startsWith('-') && !names.length)) {
      use.hidden.push(`${tool} ${sub ?? 'install'} (dependencies from package.json)`);
      return;
    }
    if (sub !== 'add' && !(tool === 'yarn' && sub === 'global' && args[1] === 'add')) return;
  }
  for (const spec of names) {
    const n = spec.replace(/^(@[^/]+\/[^@]+|[^@]+)@.*$/, '$1');
    if (/^(git\+|git:|github:)|\.git$/.test(spec)) needs(use, 'git', `${tool} installs ${spec}`);
    if (NPM_NATIVE.has(n)) {
      needs(use, 'python3', `${tool} install ${n} compiles with node-gyp`);
      needs(use, 'build-essential', `${tool} install ${n} compiles with node-gyp`);
    }
  }
}

function needs(use: StageUse, pkg: string, why: string): void {
  if (!use.needs.has(pkg)) use.needs.set(pkg, why);
}

function positional(args: string[]): string[] {
  return args.filter((a) => !a.startsWith('-'));
}

/** Package names after the subcommand: flags and their values are skipped. */
export function packageArgs(args: string[], sub: string): string[] {
  const i = args.indexOf(sub);
  const out: string[] = [];
  for (let k = i + 1; k < args.length; k++) {
    const a = args[k];
    if (a.startsWith('-')) {
      if (/^(-o|-t|--target-release|--option|--virtual|-X|--repository|--enablerepo|--disablerepo)$/.test(a)) k++;
      continue;
    }
    out.push(a);
  }
  return out;
}

function stripVersion(p: string): string {
  return p.replace(/[=:].*$/, '');
}

export function baseName(cmd: string): string {
  if (cmd.startsWith('./')) return cmd;
  return cmd.split('/').pop() ?? cmd;
}

export function label(s: Stage): string {
  return s.name ? `"${s.name}"` : `#${s.index}`;
}

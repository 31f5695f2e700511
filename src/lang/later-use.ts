/** Whether something after an install (the rest of its RUN, later instructions of the stage and of stages built on it, and the container's CMD/ENTRYPOINT) matches a pattern: "does anything still need the dev tools?". */
import type { InstructionNode, ShellBody, SourceDockerfile } from '../parse/document.js';
import type { SimpleCommand } from '../shell/model.js';
import { instructionsBefore, laterInstructions, resolvePath, workdirAt } from '../parse/stage-history.js';
import { parseShell } from '../shell/parser.js';
import type { Env } from 'dockerfile-ast';

export interface LaterUse {
  /** The instruction where the match is. */
  ins: InstructionNode;
  /** The matched text. */
  match: string;
}

/**
 * The first use matching `pattern` after `command` of `ins`: text of the RUN after the command, text
 * of the later instructions on top of this layer, and every CMD/ENTRYPOINT of the stage chain (they
 * run in the container whatever their position). Only RUN, CMD, ENTRYPOINT and ONBUILD are read. A text search: a false match only makes the caller skip.
 */
export function laterUse(
  doc: SourceDockerfile,
  ins: InstructionNode,
  body: ShellBody,
  command: SimpleCommand,
  pattern: RegExp,
): LaterUse | null {
  const rest = body.text.slice(command.span.end);
  let m = pattern.exec(rest);
  if (m) return { ins, match: m[0] };
  const runtime = instructionsBefore(doc, ins).filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  for (const i of [...laterInstructions(doc, ins), ...runtime]) {
    if (!['RUN', 'CMD', 'ENTRYPOINT', 'ONBUILD'].includes(i.keyword)) continue;
    if (!i.argsSpan) continue;
    const raw = doc.text.slice(i.argsSpan.start, i.argsSpan.end);
    // Instruction arguments as one command line (exec-form words joined with spaces).
    const text = i.json && i.execArgv ? i.execArgv.join(' ') : raw;
    if ((m = pattern.exec(text))) return { ins: i, match: m[0] };
  }
  return null;
}

/** Programs an image may start that never load a package from node_modules/.bin or vendor/bin by name. */
const PLAIN_RUNTIMES = new Set([
  'node',
  'nodejs',
  'nginx',
  'httpd',
  'apache2-foreground',
  'apache2ctl',
  'supervisord',
  'caddy',
  'java',
  'python',
  'python3',
  'php',
  'php-fpm',
  'ruby',
  'puma',
  'unicorn',
  'sh',
  'bash',
]);
/** Wrappers that start the next word as the program (`tini --`, `dumb-init`, `exec`, the node image's entrypoint). */
const WRAPPERS = new Set(['tini', 'dumb-init', 'exec', 'docker-entrypoint.sh', '--']);
/** Wrappers whose first operand is a user, then the program. */
const USER_WRAPPERS = new Set(['gosu', 'su-exec']);

/**
 * The first program the image's CMD/ENTRYPOINT (those of the stage chain of `ins` and of the
 * stages built on it) start that may be a package of the project's dev dependencies: not a plain
 * runtime (`node server.js`, `nginx`, a script file), and not installed globally in the stage
 * (`globals`). `npm start`, `yarn serve`, `knex migrate`, `serve -s build` all count: without the
 * package.json the transform cannot tell what they load, and so does a script file of the image.
 * `ins: null` when the file sets no CMD/ENTRYPOINT (the start command comes from outside). Null
 * when every start command is plain.
 */
export function runtimeDevTool(
  doc: SourceDockerfile,
  ins: InstructionNode,
  globals: ReadonlySet<string>,
): { ins: InstructionNode | null; program: string } | null {
  const runtime = [...instructionsBefore(doc, ins), ...laterInstructions(doc, ins)].filter(
    (i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT',
  );
  // No start command in the file: it comes from `docker run` or compose, and may be `npm run dev`.
  if (!runtime.length) return { ins: null, program: '' };
  for (const i of runtime) {
    if (!i.argsSpan) continue;
    const raw = doc.text.slice(i.argsSpan.start, i.argsSpan.end);
    const argv = i.execArgv;
    const lines = argv ? [argv] : commandLines(raw);
    for (const words of lines) {
      const program = devProgram(words, globals);
      if (program) return { ins: i, program };
    }
  }
  return null;
}

function commandLines(text: string): string[][] {
  const script = parseShell(text);
  return script.commands.filter((c) => c.name).map((c) => [c.name!, ...c.args].map((w) => w.value ?? w.text));
}

function devProgram(argv: string[], globals: ReadonlySet<string>): string | null {
  let k = 0;
  for (;;) {
    const name = (argv[k] ?? '').split('/').pop()!;
    if (WRAPPERS.has(name) || (name.startsWith('-') && k > 0 && WRAPPERS.has((argv[k - 1] ?? '').split('/').pop()!)))
      k++;
    else if (USER_WRAPPERS.has(name)) k += 2;
    else break;
  }
  const word = argv[k];
  if (word === undefined) return null;
  const name = word.split('/').pop()!;
  if ((name === 'sh' || name === 'bash') && argv[k + 1] === '-c' && argv[k + 2] !== undefined) {
    for (const words of commandLines(argv[k + 2])) {
      const p = devProgram(words, globals);
      if (p) return p;
    }
    return null;
  }
  if (/node_modules\/\.bin\/|vendor\/bin\//.test(word)) return word;
  if (name === 'node' || name === 'nodejs') {
    // `node -r ts-node/register app.ts`: a preloaded package may be a devDependency.
    const pre = argv.findIndex((w, j) => j > k && /^(-r|--require|--loader|--import|--experimental-loader)$/.test(w));
    if (pre !== -1 && argv[pre + 1] && !/^[./]/.test(argv[pre + 1])) return `node ${argv[pre]} ${argv[pre + 1]}`;
    const script = argv.slice(k + 1).find((w) => !w.startsWith('-'));
    if (script && /node_modules/.test(script)) return `node ${script}`;
    return null;
  }
  if (PLAIN_RUNTIMES.has(name) || globals.has(name)) return null;
  // A script of the image (`./entrypoint.sh`) cannot be read here: it may run `npm run dev`.
  return word + (argv[k + 1] && !argv[k + 1].startsWith('-') ? ` ${argv[k + 1]}` : '');
}

/** Command names of the packages installed globally (`npm i -g pm2`, `yarn global add serve`) in the stage chain of `ins`. */
export function globalNodePackages(doc: SourceDockerfile, ins: InstructionNode): Set<string> {
  const out = new Set<string>();
  for (const i of [...instructionsBefore(doc, ins), ins, ...laterInstructions(doc, ins)]) {
    for (const c of i.run?.shell?.script.commands ?? []) {
      const name = c.name?.value?.split('/').pop();
      const words = c.args.map((w) => w.value ?? w.text);
      const npmGlobal =
        name === 'npm' &&
        words.some((w) => w === '-g' || w === '--global' || w === '--location=global') &&
        words.some((w) => ['i', 'install', 'add'].includes(w));
      const yarnGlobal = name === 'yarn' && words[0] === 'global' && words[1] === 'add';
      if (!npmGlobal && !yarnGlobal) continue;
      for (const w of words) {
        if (w.startsWith('-') || ['i', 'install', 'add', 'global'].includes(w)) continue;
        const pkg = w.replace(/^(@[^/]+\/)?([^@]+)(@.*)?$/, '$2');
        out.add(pkg);
        // Packages whose command differs from their name.
        if (pkg === 'pm2') out.add('pm2-runtime');
        if (pkg === '@angular/cli' || pkg === 'cli') out.add('ng');
      }
    }
  }
  return out;
}

/**
 * The ENV (in the stage chain of `ins` or a stage built on it) that puts a project's package bin folder
 * on PATH (`ENV PATH /app/vendor/bin:$PATH`, `node_modules/.bin`): the image is set up to run the
 * project's package binaries by name (phpunit, codecept, webpack), which are typically dev dependencies.
 */
export function packageBinOnPath(
  doc: SourceDockerfile,
  ins: InstructionNode,
  dir: 'vendor/bin' | 'node_modules/.bin',
): { ins: InstructionNode; value: string } | null {
  // The project's folder is the install's working directory; a global bin (COMPOSER_HOME/vendor/bin) is not it.
  const cwd = workdirAt(doc, ins);
  const project = new Set([dir, `./${dir}`, ...(cwd ? [resolvePath(cwd, dir)] : [])]);
  for (const i of [...instructionsBefore(doc, ins), ...laterInstructions(doc, ins)]) {
    if (i.keyword !== 'ENV') continue;
    for (const p of (i.raw as Env).getProperties()) {
      const value = p.getValue() ?? '';
      if (p.getName() === 'PATH' && value.split(':').some((e) => project.has(e.replace(/\/+$/, ''))))
        return { ins: i, value };
    }
  }
  return null;
}

/** True when the stage chain of `ins` (or a stage built on it) sets CMD or ENTRYPOINT. */
export function runtimeSet(doc: SourceDockerfile, ins: InstructionNode): boolean {
  return [...instructionsBefore(doc, ins), ...laterInstructions(doc, ins)].some(
    (i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT',
  );
}

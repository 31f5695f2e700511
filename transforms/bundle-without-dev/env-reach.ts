/**
 * Does an `ENV BUNDLE_WITHOUT=...` reach the Ruby processes of the image? Not through a wrapper that
 * resets the environment:
 *   - `sudo` without `-E`/`--preserve-env[=...BUNDLE_WITHOUT...]` (env_reset is the sudoers default), and
 *     `sudo -i`/`--login` (a login shell starts from a fresh environment);
 *   - `su -`/`su -l`/`su --login`, `runuser -l` (a login session: only TERM and the target user's
 *     variables), unless the variable is on `-w`/`--whitelist-environment`;
 *   - `env -i`/`env -`, `env -u BUNDLE_WITHOUT`;
 *   - `doas` (resets the environment unless doas.conf says keepenv).
 * Kept: plain `su user -c` and `runuser -u user` (they only set HOME, SHELL, USER, LOGNAME), `-m`/`-p`,
 * `gosu`, `su-exec`, `chpst`, `setpriv`: they exec the program with the caller's environment.
 * A Ruby process that loads Bundler without the setting expects every group of the Gemfile, and
 * `bundle exec` / `Bundler.setup` stop with `Bundler::GemNotFound` for the gems left out.
 */
import type { InstructionNode, SourceDockerfile } from '../../src/parse/document.js';
import { instructionsBefore, laterInstructions } from '../../src/parse/stage-history.js';
import type { SimpleCommand, Word } from '../../src/shell/model.js';
import { commandFromWords } from '../../src/shell/command-reader.js';
import { parseShell } from '../../src/shell/parser.js';
import { basename, isUnwrapFailure, unwrapCommand } from '../../src/shell/wrapped-command.js';

/** Programs that load Bundler (directly, or through a Rails/Rack app or a binstub). */
const RUBY_PROGRAMS = new Set([
  'bundle',
  'bundler',
  'rails',
  'rake',
  'ruby',
  'puma',
  'pumactl',
  'unicorn',
  'unicorn_rails',
  'thin',
  'rackup',
  'sidekiq',
  'passenger',
  'irb',
  'resque',
  'racecar',
  'hanami',
]);
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
const VAR = 'BUNDLE_WITHOUT';

export interface DroppedSetting {
  /** The instruction that runs the command. */
  ins: InstructionNode;
  /** The Ruby program that misses the setting (`bundle exec rake`). */
  program: string;
  /** Which wrapper drops it, and why. */
  why: string;
  /** The wrapper could not be read: it may drop the setting. */
  maybe?: true;
}

function execWords(argv: readonly string[]): Word[] {
  return argv.map((v, i) => ({ text: v, value: v, span: { start: i, end: i + 1 } }));
}

/** How `sudo`/`env` among the wrappers treat the environment: the reason it is dropped, or null. */
function wrapperDrop(wrappers: readonly string[], words: readonly Word[]): string | null {
  const values = words.map((w) => w.value ?? '');
  if (wrappers.includes('env')) {
    if (values.some((v) => v === '-i' || v === '-' || v === '--ignore-environment'))
      return '`env -i` starts the program with an empty environment';
    const unset = values.findIndex((v, i) => (v === '-u' || v === '--unset') && values[i + 1] === VAR);
    if (unset !== -1 || values.includes(`--unset=${VAR}`)) return `\`env -u ${VAR}\` removes it`;
  }
  if (wrappers.includes('sudo')) {
    const login = values.some((v) => /^-[A-Za-z]*i[A-Za-z]*$/.test(v) || v === '--login');
    if (login) return '`sudo -i` runs a login shell, which starts from a fresh environment';
    const keep = values.some(
      (v) =>
        /^-[A-Za-z]*E[A-Za-z]*$/.test(v) ||
        v === '--preserve-env' ||
        (v.startsWith('--preserve-env=') && v.slice('--preserve-env='.length).split(',').includes(VAR)),
    );
    if (!keep) return 'sudo resets the environment (env_reset) unless run with -E or --preserve-env';
  }
  return null;
}

/** `su`/`runuser`: whether it drops the environment, and the command it runs (a `-c` string or `-u user -- argv`). */
function readSu(
  program: string,
  argv: readonly Word[],
): { drop: string | null; script: string | null; words: Word[] | null } | null {
  let login: string | null = null;
  let keep = false;
  let whitelisted = false;
  let script: string | null = null;
  let words: Word[] | null = null;
  let runuserUser = false;
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i].value;
    if (v === null) return null;
    if (v === '-' || v === '-l' || v === '--login') login = v;
    else if (v === '-m' || v === '-p' || v === '--preserve-environment') keep = true;
    else if (v === '-c' || v === '--command' || v === '--session-command') {
      script = argv[i + 1]?.value ?? null;
      if (script === null) return null;
      i++;
    } else if (v.startsWith('--command=')) script = v.slice('--command='.length);
    else if (/^-(s|g|G|w)$|^--(shell|group|supp-group|whitelist-environment)$/.test(v)) {
      if ((v === '-w' || v === '--whitelist-environment') && argv[i + 1]?.value?.split(',').includes(VAR))
        whitelisted = true;
      i++;
    } else if (v.startsWith('--whitelist-environment=')) {
      if (
        v
          .slice(v.indexOf('=') + 1)
          .split(',')
          .includes(VAR)
      )
        whitelisted = true;
    } else if (program === 'runuser' && (v === '-u' || v === '--user')) {
      runuserUser = true;
      i++;
    } else if (runuserUser && (v === '--' || !v.startsWith('-'))) {
      // `runuser -u user [--] program args`: the program runs directly.
      words = argv.slice(v === '--' ? i + 1 : i);
      break;
    } else if (v.startsWith('-')) {
      // Combined short options (`-lc`): read the letters.
      if (/^-[a-zA-Z]+$/.test(v)) {
        if (v.includes('l')) login = v;
        if (/[mp]/.test(v)) keep = true;
        if (v.endsWith('c')) {
          script = argv[i + 1]?.value ?? null;
          if (script === null) return null;
          i++;
        }
      }
    }
    // Otherwise the user name (or arguments for the shell).
  }
  const drop =
    login && !keep && !whitelisted
      ? `\`${program} ${login}\` starts a login session, whose environment starts afresh`
      : null;
  return { drop, script, words };
}

/**
 * Why `command` runs a Ruby program that does not see BUNDLE_WITHOUT, or null. `inherited`: a wrapper
 * around the string this command came from already dropped it.
 */
function droppedIn(
  command: SimpleCommand,
  inherited: string | null,
  depth = 0,
): { program: string; why: string } | null {
  if (depth > 4) return null;
  const un = unwrapCommand(command);
  if (un === null) return null;
  if (isUnwrapFailure(un)) return unreadWrapper(command, un.reason);
  const program = un.program;
  const wrapperWords = [command.name!, ...command.args].filter((w) => w.span.start < un.programWord.span.start);
  let why = un.env.has(VAR) ? null : (wrapperDrop(un.wrappers, wrapperWords) ?? inherited);
  if (program === 'su' || program === 'runuser') {
    const su = readSu(program, un.argv);
    if (!su) return null;
    why = un.env.has(VAR) ? null : (su.drop ?? why);
    if (su.script !== null) return droppedInScript(su.script, why, depth + 1);
    const inner = su.words ? commandFromWords(su.words) : null;
    return inner ? droppedIn(inner, why, depth + 1) : null;
  }
  if (program === 'doas') {
    const rest = [...un.argv];
    while (rest.length && rest[0].value?.startsWith('-')) {
      const v = rest.shift()!.value!;
      if (v === '-u' || v === '-C') rest.shift();
    }
    const inner = commandFromWords(rest);
    return inner ? droppedIn(inner, 'doas resets the environment unless doas.conf sets keepenv', depth + 1) : null;
  }
  if (SHELLS.has(program)) {
    const c = un.argv.findIndex((w) => w.value !== null && /^-[a-z]*c$/.test(w.value));
    const script = c === -1 ? null : un.argv[c + 1]?.value;
    return script ? droppedInScript(script, why, depth + 1) : null;
  }
  if (!why) return null;
  const binstub = /(^|\/)bin\/(rails|rake|bundle|puma|sidekiq|rspec|setup|dev)$/.test(un.programWord.value ?? '');
  if (!RUBY_PROGRAMS.has(program) && !binstub) return null;
  const shown = [basename(un.programWord.value ?? program), ...un.argv.slice(0, 2).map((w) => w.value ?? w.text)];
  return { program: shown.join(' '), why };
}

/**
 * A wrapper that may reset the environment (`sudo`, `env`, `doas`) whose options could not be read,
 * around a Ruby program: it may drop the setting.
 */
function unreadWrapper(command: SimpleCommand, reason: string): Omit<DroppedSetting, 'ins'> | null {
  const name = basename(command.name?.value ?? '');
  if (!['sudo', 'env', 'doas'].includes(name)) return null;
  const ruby = command.args.find((w) => w.value !== null && RUBY_PROGRAMS.has(basename(w.value)));
  if (!ruby) return null;
  return {
    program: basename(ruby.value!),
    why: `its ${name} command could not be read (${reason}), and ${name} may reset the environment`,
    maybe: true,
  };
}

function droppedInScript(text: string, inherited: string | null, depth: number) {
  const script = parseShell(text);
  if (script.hasErrors) return null;
  for (const c of script.commands) {
    const d = droppedIn(c, inherited, depth);
    if (d) return d;
  }
  return null;
}

/** The install command itself runs under a wrapper that drops the setting: why, or null. */
export function installDropsSetting(install: SimpleCommand): string | null {
  return droppedIn(install, null)?.why ?? null;
}

/**
 * The first Ruby process after the install (rest of its RUN, later RUNs of the stage and of stages
 * built on it, and the image's CMD/ENTRYPOINT, exec or shell form, also ENTRYPOINT+CMD in exec form)
 * that runs under a wrapper dropping BUNDLE_WITHOUT. A CMD runs as arguments of an exec-form ENTRYPOINT
 * (`ENTRYPOINT ["sudo", "-u", "app"]` + `CMD bundle exec puma`).
 */
export function laterDroppedSetting(
  doc: SourceDockerfile,
  ins: InstructionNode,
  rest: readonly SimpleCommand[],
): DroppedSetting | null {
  for (const c of rest) {
    const d = droppedIn(c, null);
    if (d) return { ins, ...d };
  }
  const later = laterInstructions(doc, ins);
  for (const i of later) {
    if (i.keyword !== 'RUN') continue;
    for (const c of i.run?.shell?.script.commands ?? []) {
      const d = droppedIn(c, null);
      if (d) return { ins: i, ...d };
    }
  }
  const runtime = [...instructionsBefore(doc, ins), ...later].filter(
    (i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT',
  );
  const entry = [...runtime].reverse().find((i) => i.keyword === 'ENTRYPOINT');
  for (const i of runtime) {
    if (!i.argsSpan) continue;
    const lists: SimpleCommand[] = [];
    if (i.json && i.execArgv) {
      const own = commandFromWords(execWords(i.execArgv));
      if (own) lists.push(own);
      if (i.keyword === 'CMD' && entry?.json && entry.execArgv) {
        const joined = commandFromWords(execWords([...entry.execArgv, ...i.execArgv]));
        if (joined) lists.push(joined);
      }
    } else {
      const text = doc.text.slice(i.argsSpan.start, i.argsSpan.end);
      const script = parseShell(text);
      if (!script.hasErrors) lists.push(...script.commands);
      // A shell-form CMD after an exec-form ENTRYPOINT runs as `<entrypoint> /bin/sh -c "<cmd>"`.
      if (i.keyword === 'CMD' && entry?.json && entry.execArgv) {
        const joined = commandFromWords(execWords([...entry.execArgv, '/bin/sh', '-c', text]));
        if (joined) lists.push(joined);
      }
    }
    for (const c of lists) {
      const d = droppedIn(c, null);
      if (d) return { ins: i, ...d };
    }
  }
  return null;
}

/**
 * The main command's arguments read without yargs, for the command lines a hook or an editor sends
 * (`slimify --check Dockerfile`, `slimify -f json .`): loading and running yargs is ~10 ms of a
 * ~200 ms one-file start. Only a plain use of the main command is read here; anything else (help,
 * version, a subcommand, an unknown, repeated or misspelt flag, a missing or invalid value, `--`,
 * --verify and its options) returns null and goes to yargs, which reads or rejects it exactly as
 * before. A test checks that every command line read here gives what yargs gives.
 */
import { OPTIONS, VERIFY_OPTIONS, type OptionSpec } from './options.js';

/** The fields of yargs' result that the main command reads (kebab-case names, as in OPTIONS). */
export type PlainArgs = Record<string, unknown> & { paths?: string[] };

const SPECS: ReadonlyMap<string, OptionSpec> = new Map(
  Object.entries(OPTIONS as Record<string, OptionSpec>).filter(([name]) => !(name in VERIFY_OPTIONS)),
);
const ALIASES: ReadonlyMap<string, string> = new Map(
  [...SPECS].filter(([, spec]) => spec.alias).map(([name, spec]) => [spec.alias as string, name]),
);

/**
 * `argv` as yargs would give it to the main command's handler, or null when yargs must read it.
 * `subcommands`: words that start another command when they stand as a positional.
 */
export function plainMainArgs(argv: readonly string[], subcommands: readonly string[]): PlainArgs | null {
  const args: Record<string, unknown> = {};
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('-')) {
      if (subcommands.includes(token)) return null;
      paths.push(token);
      continue;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      name = eq === -1 ? token.slice(2) : token.slice(2, eq);
      inline = eq === -1 ? undefined : token.slice(eq + 1);
    } else if (token.length === 2) name = ALIASES.get(token[1]);
    const spec = name === undefined ? undefined : SPECS.get(name);
    if (name === undefined || !spec || name in args) return null;
    if (spec.type === 'boolean') {
      // yargs reads `--check false` as check=false, and `--check=…` as a value: leave both to it.
      const next = argv[i + 1];
      if (inline !== undefined || next === 'true' || next === 'false') return null;
      args[name] = true;
    } else if (spec.type === 'string') {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '' || value.startsWith('-') || value.startsWith('\u0000')) return null;
      if (spec.choices && !spec.choices.includes(value)) return null;
      args[name] = value;
    } else return null;
  }
  for (const [name, spec] of SPECS) if (spec.default !== undefined && !(name in args)) args[name] = spec.default;
  return paths.length ? { ...args, paths } : args;
}

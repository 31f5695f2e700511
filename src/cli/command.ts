/**
 * What the main command and its subcommands (pr, verify) share without importing each other:
 * the registrar type, the usage error, the exit codes.
 */
import type { Argv } from 'yargs';
import type { CliIO } from './io.js';

export const EXIT = { ok: 0, changes: 1, error: 2 } as const;

/** The words that start a command other than the main one (src/cli/run.ts `extraCommands`). */
export const SUBCOMMANDS: readonly string[] = ['pr', 'verify'];

/** Extra yargs commands (verify, pr) register themselves through this type (src/cli/run.ts `extraCommands`). */
export type CommandRegistrar = (parser: Argv, io: CliIO, setExit: (code: number) => void) => Argv;

/** A command line that cannot run as given: exit 2 with the message and a pointer to --help. */
export class UsageError extends Error {}

/** `--verify` cannot start (no engine, a bad smoke setting): a usage-style error, exit 2. */
export class VerifySetupError extends Error {}

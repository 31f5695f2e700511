/**
 * Running engine commands: one function, `exec`, behind an interface (`Runner`) so that unit tests
 * can replace the engine CLI with a fake. Output is kept as a bounded tail (build logs can be large);
 * a timeout kills the process. Every running child is registered with the cleanup registry, so a
 * Ctrl-C or SIGTERM kills it before images and containers are removed.
 */
import { spawn } from 'node:child_process';
import type { CleanupRegistry } from './cleanup.js';

export interface ExecOptions {
  env?: NodeJS.ProcessEnv;
  /** Kill the process (SIGTERM, then SIGKILL after 5 s) after this many ms; exit code is then 124. */
  timeoutMs?: number;
  /** Number of output lines to keep (stdout and stderr interleaved). Default 200. */
  tailLines?: number;
  /** Called with every chunk of output (e.g. to stream a build log with --verbose). */
  onOutput?: (chunk: string) => void;
}

export interface ExecResult {
  /** Exit code; 124 on timeout, 127 when the command cannot be started, 128+n when killed by signal n. */
  code: number;
  /** Complete stdout (kept whole: used for machine-readable output such as JSON listings). */
  stdout: string;
  /** Last lines of stdout+stderr, interleaved in arrival order. */
  tail: string[];
  timedOut: boolean;
}

export type Runner = (cmd: string, args: readonly string[], opts?: ExecOptions) => Promise<ExecResult>;

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Keeps the last `max` lines of a stream of text chunks. */
export class LineTail {
  private lines: string[] = [];
  private partial = '';
  constructor(private readonly max: number) {}
  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const p of parts) this.lines.push(p);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }
  get(): string[] {
    const out = this.partial ? [...this.lines, this.partial] : [...this.lines];
    return out.slice(-this.max);
  }
}

/** The real runner. With a cleanup registry, running children are killed by `registry.runAll()`. */
export function makeRunner(registry?: CleanupRegistry): Runner {
  return (cmd, args, opts = {}) =>
    new Promise<ExecResult>((resolve) => {
      const tail = new LineTail(opts.tailLines ?? 200);
      let stdout = '';
      let timedOut = false;
      let settled = false;
      const child = spawn(cmd, [...args], { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
      const kill = () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 5000).unref();
        }
      };
      const unregister = registry?.add(`kill ${cmd} ${args[0] ?? ''}`, async () => {
        kill();
        await new Promise<void>((r) => (settled ? r() : child.once('close', () => r())));
      });
      const timer = opts.timeoutMs
        ? setTimeout(() => {
            timedOut = true;
            kill();
          }, opts.timeoutMs)
        : undefined;
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        tail.push(d);
        opts.onOutput?.(d);
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        tail.push(d);
        opts.onOutput?.(d);
      });
      const finish = (code: number) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        unregister?.();
        resolve({ code: timedOut ? 124 : code, stdout, tail: tail.get(), timedOut });
      };
      child.on('error', (err: NodeJS.ErrnoException) => {
        tail.push(`${cmd}: ${err.code === 'ENOENT' ? 'command not found' : err.message}\n`);
        finish(127);
      });
      child.on('close', (code, signal) => finish(code ?? 128 + (signal ? (SIGNALS[signal] ?? 0) : 0)));
    });
}

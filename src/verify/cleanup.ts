/**
 * Cleanup registry: everything verify creates (temporary folders, images, containers, running
 * engine processes) is registered here the moment it exists, and removed by `runAll()` — at the
 * normal end, on a failure (callers use try/finally) and on SIGINT/SIGTERM/SIGHUP (the handlers
 * run the registry, then exit with 128+signal). Actions run last-registered-first (kill the build,
 * then remove its container, then its image, then the folder); one failing does not stop the others.
 */
export type CleanupAction = () => Promise<void> | void;

export interface CleanupEntry {
  label: string;
  action: CleanupAction;
}

const EXIT_CODES: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

export class CleanupRegistry {
  private entries: CleanupEntry[] = [];
  private running: Promise<string[]> | null = null;
  private handlers: Array<[NodeJS.Signals, () => void]> = [];
  /** A signal arrived: the handlers are cleaning up and will exit; start nothing new. */
  interrupted = false;

  /** Registers an action; returns a function that unregisters it (when the thing is already gone). */
  add(label: string, action: CleanupAction): () => void {
    const entry = { label, action };
    this.entries.push(entry);
    return () => {
      this.entries = this.entries.filter((e) => e !== entry);
    };
  }

  get pending(): readonly string[] {
    return this.entries.map((e) => e.label);
  }

  /** Runs every registered action once, newest first. Returns the labels of actions that failed. */
  runAll(): Promise<string[]> {
    if (this.running) return this.running;
    this.running = (async () => {
      const failed: string[] = [];
      while (this.entries.length) {
        const e = this.entries.pop()!;
        try {
          await e.action();
        } catch {
          failed.push(e.label);
        }
      }
      this.running = null;
      return failed;
    })();
    return this.running;
  }

  /**
   * Installs handlers so that SIGINT/SIGTERM/SIGHUP clean up before the process exits. `exit` is
   * injectable for tests. A second signal while cleaning up is ignored (cleanup must finish:
   * an interrupted `rmi` is how images get left behind).
   */
  installSignalHandlers(
    log: (msg: string) => void = (m) => process.stderr.write(m + '\n'),
    exit: (code: number) => void = (c) => process.exit(c),
  ): void {
    if (this.handlers.length) return;
    let cleaning = false;
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as NodeJS.Signals[]) {
      const h = () => {
        if (cleaning) return;
        cleaning = true;
        this.interrupted = true;
        log(`slimify verify: ${sig}, removing temporary images, containers and folders...`);
        void this.runAll().then((failed) => {
          if (failed.length) log(`slimify verify: could not clean up: ${failed.join('; ')}`);
          exit(EXIT_CODES[sig] ?? 1);
        });
      };
      process.on(sig, h);
      this.handlers.push([sig, h]);
    }
  }

  removeSignalHandlers(): void {
    for (const [sig, h] of this.handlers) process.off(sig, h);
    this.handlers = [];
  }
}

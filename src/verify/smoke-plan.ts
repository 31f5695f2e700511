/**
 * Which smoke test `--verify` runs in each image, in this order:
 *   1. `--smoke "CMD"` (command): the argv must exit 0;
 *   2. the config file's smoke command for this file (config): the same;
 *   3. the HEALTHCHECK of the built stage (healthcheck): the image's ENTRYPOINT/CMD is started in the
 *      background and the health command must exit 0 after a few seconds (needs /bin/sh in the image);
 *   4. else the image's own ENTRYPOINT/CMD (run): it must still be running after a few seconds, or
 *      have exited 0;
 *   5. an image with neither (none): only the build and the size are checked.
 * The report names the kind, so a reader knows what "smoke-tested" meant.
 */
import type { SourceDockerfile } from '../parse/document.js';
import { logicalText } from '../parse/run-body.js';
import { joinCommand, splitCommand } from './argv.js';
import type { SmokeOutcome } from './engine.js';

export type SmokeKind = 'command' | 'config' | 'healthcheck' | 'run' | 'none';

export interface ImageRunConfig {
  entrypoint: string[] | null;
  cmd: string[] | null;
}

export interface SmokePlan {
  kind: SmokeKind;
  /** One line for the report, e.g. `HEALTHCHECK: curl -f http://localhost/`. */
  describe: string;
  /** The argv to run in an image with this run config; null: nothing to run. */
  argvFor(image: ImageRunConfig): string[] | null;
  timeoutMs: number;
  /** Whether an outcome counts as a pass. */
  passes(o: SmokeOutcome): boolean;
}

/** Seconds a `run` or `healthcheck` smoke lets the image's own command run. */
export const RUN_SECONDS = 5;

export interface SmokeSources {
  /** `--smoke`. */
  cli?: string;
  /** The config file's smoke command for this file. */
  config?: string;
  /** Timeout for command smokes (ms). */
  timeoutMs?: number;
}

const exitZero = (o: SmokeOutcome) => o.exitCode === 0 && !o.timedOut;

function commandPlan(kind: 'command' | 'config', cmd: string, timeoutMs: number): SmokePlan {
  const argv = splitCommand(cmd);
  if (!argv.length) throw new Error(`empty smoke command (${kind === 'command' ? '--smoke' : 'config'})`);
  return {
    kind,
    describe: `${kind === 'command' ? '--smoke' : 'config smoke'}: ${joinCommand(argv)}`,
    argvFor: () => argv,
    timeoutMs,
    passes: exitZero,
  };
}

const imageArgv = (c: ImageRunConfig) => [...(c.entrypoint ?? []), ...(c.cmd ?? [])];

/** The HEALTHCHECK command of a stage as shell text (`CMD` form) or null (none, `NONE`). */
export function healthcheckOf(doc: SourceDockerfile, target?: string): string | null {
  const stage = target
    ? doc.stages.find((s) => s.name?.toLowerCase() === target.toLowerCase())
    : doc.stages[doc.stages.length - 1];
  const hc = stage?.instructions.filter((i) => i.keyword === 'HEALTHCHECK').pop();
  if (!hc?.argsSpan) return null;
  const text = logicalText(doc.text, hc.argsSpan.start, hc.argsSpan.end, doc.escapeChar).text.trim();
  const m = /^CMD\s+([\s\S]*)$/i.exec(text);
  if (!m) return null; // NONE
  const body = m[1]!.trim();
  if (body.startsWith('[')) {
    try {
      const argv = JSON.parse(body) as unknown;
      if (Array.isArray(argv) && argv.every((a) => typeof a === 'string')) return joinCommand(argv as string[]);
    } catch {
      return null;
    }
  }
  return body || null;
}

export function planSmoke(src: SmokeSources, doc: SourceDockerfile, target?: string): SmokePlan {
  const timeoutMs = src.timeoutMs ?? 120_000;
  if (src.cli) return commandPlan('command', src.cli, timeoutMs);
  if (src.config) return commandPlan('config', src.config, timeoutMs);
  const hc = healthcheckOf(doc, target);
  if (hc) {
    return {
      kind: 'healthcheck',
      describe: `HEALTHCHECK after ${RUN_SECONDS} s of ENTRYPOINT/CMD: ${hc}`,
      argvFor: (c) => {
        const main = imageArgv(c);
        const start = main.length ? `${joinCommand(main)} >/dev/null 2>&1 & sleep ${RUN_SECONDS}; ` : '';
        return ['/bin/sh', '-c', `${start}${hc}`];
      },
      timeoutMs: timeoutMs + RUN_SECONDS * 1000,
      passes: exitZero,
    };
  }
  return {
    kind: 'run',
    describe: `ENTRYPOINT/CMD runs for ${RUN_SECONDS} s (still running or exit 0)`,
    argvFor: (c) => {
      const argv = imageArgv(c);
      return argv.length ? argv : null;
    },
    timeoutMs: RUN_SECONDS * 1000,
    passes: (o) => o.timedOut || o.exitCode === 0,
  };
}

/** What the HEALTHCHECK of a stage runs: whether it needs a shell, and the commands it calls. */
import { posix } from 'node:path';
import type { InstructionNode } from '../../src/parse/document.js';
import { parseShell } from '../../src/shell/parser.js';
import type { StageFacts } from './stage-facts.js';

export interface HealthcheckNeeds {
  /** The check runs through /bin/sh (shell form, or `sh -c` in exec form). */
  shell: boolean;
  /** Basenames of the commands it calls, in order (`curl`, `wget`, the app binary...). */
  commands: string[];
  /** The check cannot be read (a variable command name, a parse error): what it needs is not known. */
  unknown: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

/** The needs of a HEALTHCHECK instruction, or null for `HEALTHCHECK NONE`. */
export function healthcheckNeeds(facts: StageFacts, ins: InstructionNode): HealthcheckNeeds | null {
  const text = facts.logical(ins).trim();
  if (/^NONE\b/i.test(text)) return null;
  // Options (--interval=30s ...) come before CMD; they are Dockerfile flags, not shell.
  const m = /^((?:--[a-z-]+(?:=\S*)?\s+)*)CMD\s+([\s\S]*)$/i.exec(text);
  if (!m) return { shell: false, commands: [], unknown: true };
  const rest = m[2].trim();
  if (rest.startsWith('[')) {
    try {
      const argv = JSON.parse(rest) as unknown;
      if (Array.isArray(argv) && argv.length && argv.every((a) => typeof a === 'string')) {
        const exe = posix.basename(argv[0] as string);
        const c = argv.indexOf('-c');
        if (SHELLS.has(exe) && c !== -1 && typeof argv[c + 1] === 'string')
          return { ...shellNeeds(argv[c + 1] as string), shell: true };
        return { shell: false, commands: [exe], unknown: false };
      }
    } catch {
      // Docker runs malformed JSON as a shell command.
    }
  }
  return shellNeeds(rest);
}

function shellNeeds(script: string): HealthcheckNeeds {
  const s = parseShell(script);
  const commands: string[] = [];
  let unknown = s.hasErrors;
  for (const c of s.commands) {
    const name = c.name?.value;
    if (name === null || name === undefined) unknown = true;
    else commands.push(posix.basename(name));
  }
  return { shell: true, commands, unknown };
}

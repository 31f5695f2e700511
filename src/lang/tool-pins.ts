/**
 * Tool versions fixed in the file: `pip install "pip>=1.4,<1.5"`, `gem update --system 1.8.25`,
 * `apk add apk-tools=2.4.4-r0` in an earlier RUN of the stage (or earlier in the same RUN) decide
 * which options the later commands may use. One table of option thresholds, one reader of pins.
 * (npm pins are read by npm-version.ts, which also knows the npm of each node image; its
 * thresholds live in this table too.)
 */
import type { InstructionNode, SourceDockerfile } from '../parse/document.js';
import { instructionsBefore } from '../parse/stage-history.js';
import { stageVariables } from '../parse/stage-env.js';
import type { SimpleCommand } from '../shell/model.js';

export type Version = number[];

/** The first version of each tool that accepts an option, with the source. */
export const OPTION_SINCE = {
  /** pip 6.0 (2014-12-22) added the HTTP/wheel cache and --no-cache-dir (pip NEWS, 6.0). */
  pipNoCacheDir: { tool: 'pip', option: '--no-cache-dir', since: [6, 0] },
  /** npm 5.7.0 (2018-02) added `npm ci` (npm changelog, v5.7.0). */
  npmCi: { tool: 'npm', option: 'ci', since: [5, 7] },
  /** npm 7.0.0 (2020-10) added `--omit=dev`; older npm uses `--production` (npm changelog, v7.0.0). */
  npmOmitDev: { tool: 'npm', option: '--omit=dev', since: [7, 0] },
  /**
   * npm 5.0 made `npm cache clean` require `--force`; npm 1-4 read `--force` as the generic `force`
   * config and clean anyway, so the command is valid on every npm (npm changelog, v5.0.0).
   */
  npmCacheCleanForce: { tool: 'npm', option: 'cache clean --force', since: [1, 0] },
  /** RubyGems 2.0.0 (2013-02) added `--no-document` (RubyGems History.txt, 2.0.0). */
  gemNoDocument: { tool: 'gem', option: '--no-document', since: [2, 0] },
  /** apk-tools 2.6 (Alpine 3.3) added `--no-cache` (Alpine 3.3 release notes; hadolint DL3019). */
  apkNoCache: { tool: 'apk-tools', option: '--no-cache', since: [2, 6] },
} as const satisfies Record<string, { tool: string; option: string; since: Version }>;

export type PinnedTool = 'pip' | 'gem' | 'apk-tools';

/** A version range a pin allows; `lowest`/`highest` null when open. */
export interface ToolPin {
  tool: PinnedTool;
  /** The pin as written, for messages. */
  text: string;
  /** Line (1-based) of the instruction holding the pin. */
  line: number;
  lowest: Version | null;
  highest: Version | null;
  /** `highest` itself is excluded (`<1.5`). */
  highestExclusive: boolean;
}

/** Whether the pinned tool accepts the option: every allowed version does, none does, or it depends. */
export function pinAllows(pin: ToolPin, since: readonly number[]): 'yes' | 'no' | 'unknown' {
  if (pin.highest) {
    const c = compare(pin.highest, since);
    if (c < 0 || (c === 0 && pin.highestExclusive)) return 'no';
  }
  if (pin.lowest && compare(pin.lowest, since) >= 0) return 'yes';
  return 'unknown';
}

export function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

function parseVersion(s: string): Version | null {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(s.trim());
  return m ? m[1].split('.').map(Number) : null;
}

/** `>=1.4,<1.5` -> the range (PEP 440 clauses; `~=X.Y` is `>=X.Y,<X+1`). */
export function parseSpecifier(spec: string): Pick<ToolPin, 'lowest' | 'highest' | 'highestExclusive'> | null {
  let lowest: Version | null = null;
  let highest: Version | null = null;
  let highestExclusive = false;
  for (const clause of spec.split(',')) {
    const m = /^\s*(===|==|>=|<=|~=|!=|<|>)\s*(.+?)\s*$/.exec(clause);
    if (!m) return null;
    const v = parseVersion(m[2].replace(/\.\*$/, ''));
    if (!v) return null;
    const op = m[1];
    if (op === '==' || op === '===') {
      if (m[2].endsWith('.*')) {
        lowest = v;
        highest = [...v.slice(0, -1), v[v.length - 1] + 1];
        highestExclusive = true;
      } else {
        lowest = v;
        highest = v;
      }
    } else if (op === '>=' || op === '>') lowest = v;
    else if (op === '~=') {
      lowest = v;
      highest = v.length > 1 ? [...v.slice(0, -2), v[v.length - 2] + 1] : null;
      highestExclusive = true;
    } else if (op === '<=' || op === '<') {
      highest = v;
      highestExclusive = op === '<';
    }
  }
  return { lowest, highest, highestExclusive };
}

function unquote(s: string): string {
  return s.replace(/^["']|["']$/g, '');
}

function expand(word: string, vars: ReadonlyMap<string, string | null>): string | null {
  let unknown = false;
  const out = word.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, name: string) => {
    const v = vars.get(name);
    if (v === undefined || v === null) unknown = true;
    return v ?? '';
  });
  return unknown ? null : out;
}

/** Pins among the parsed commands of one RUN body. */
function pinsIn(
  commands: readonly SimpleCommand[],
  vars: ReadonlyMap<string, string | null>,
  line: number,
  tool: PinnedTool,
): ToolPin[] {
  const out: ToolPin[] = [];
  for (const c of commands) {
    const words = [c.name, ...c.args]
      .filter((w): w is NonNullable<typeof w> => !!w)
      .map((w) => unquote(w.value ?? w.text));
    const name = (words[0] ?? '').split('/').pop() ?? '';
    if (tool === 'pip') {
      const isPip =
        /^pip[0-9.]*$/.test(name) ||
        (/^python[0-9.]*$/.test(name) && words.includes('pip')) ||
        /^easy_install/.test(name) ||
        words.some((w) => /get-pip\.py$/.test(w));
      if (!isPip) continue;
      for (const w of words.slice(1)) {
        const m = /^pip((?:===|==|>=|<=|~=|!=|<|>).+)$/.exec(w);
        if (!m) continue;
        const spec = expand(m[1], vars);
        const range = spec ? parseSpecifier(spec) : null;
        out.push({ tool, text: w, line, ...(range ?? { lowest: null, highest: null, highestExclusive: false }) });
      }
    } else if (tool === 'gem') {
      if (name !== 'gem') continue;
      const sys = words.indexOf('--system');
      if (words[1] === 'update' && sys !== -1) {
        const arg = words[sys + 1];
        if (!arg || arg.startsWith('-')) {
          // The newest RubyGems for this Ruby: 2.0 or later on every Ruby that runs in a container today.
          out.push({ tool, text: 'gem update --system', line, lowest: [2, 0], highest: null, highestExclusive: false });
          continue;
        }
        const value = expand(arg, vars);
        const v = value ? parseVersion(value) : null;
        out.push({ tool, text: `gem update --system ${arg}`, line, lowest: v, highest: v, highestExclusive: false });
      } else if (words[1] === 'install' && words.includes('rubygems-update')) {
        const vi = words.findIndex((w) => w === '-v' || w === '--version');
        const value = vi !== -1 ? expand(words[vi + 1] ?? '', vars) : null;
        const v = value ? parseVersion(value) : null;
        out.push({ tool, text: words.join(' '), line, lowest: v, highest: v, highestExclusive: false });
      }
    } else if (name === 'apk' && (words.includes('add') || words.includes('upgrade'))) {
      for (const w of words) {
        const m = /^apk-tools(=|~=?|<=?|>=?)(.+)$/.exec(w);
        if (!m) continue;
        const value = expand(m[2], vars);
        const v = value ? parseVersion(value) : null;
        const exact = m[1] === '=' || m[1].startsWith('~');
        out.push({
          tool,
          text: w,
          line,
          lowest: exact || m[1].startsWith('>') ? v : null,
          highest: exact || m[1].startsWith('<') ? v : null,
          highestExclusive: m[1] === '<',
        });
      }
    }
  }
  return out;
}

function runCommands(ins: InstructionNode): SimpleCommand[] {
  const run = ins.run;
  if (!run) return [];
  return [...(run.shell?.script.commands ?? []), ...run.heredocs.flatMap((h) => h.script?.script.commands ?? [])];
}

/**
 * The last pin of `tool` that runs before `ins` (earlier RUNs of its stage chain, then the
 * commands of `ins` that end before `beforeOffset`, an offset into its shell body), or null when the file pins nothing.
 */
export function toolPinAt(
  doc: SourceDockerfile,
  ins: InstructionNode,
  tool: PinnedTool,
  beforeOffset = 0,
): ToolPin | null {
  // Only RUNs that pin the tool at all are read with the stage's variables (most files pin nothing):
  // reading every earlier RUN for every command made long files quadratic.
  const pinning = pinningRuns(doc, tool);
  const ownCommands = (ins.run?.shell?.script.commands ?? []).filter((c) => c.span.end <= beforeOffset);
  if (!pinning.size && !pinsIn(ownCommands, NO_VARS, 0, tool).length) return null;
  const vars = stageVariables(doc, ins);
  const line = (i: InstructionNode) => doc.lines.lineAt(i.span.start) + 1;
  let last: ToolPin | null = null;
  if (pinning.size)
    for (const i of instructionsBefore(doc, ins)) {
      if (!pinning.has(i.index)) continue;
      const found = pinsIn(runCommands(i), vars, line(i), tool);
      if (found.length) last = found[found.length - 1];
    }
  const own = pinsIn(ownCommands, vars, line(ins), tool);
  return own.length ? own[own.length - 1] : last;
}

const NO_VARS: ReadonlyMap<string, string | null> = new Map();
const pinningMemo = new WeakMap<SourceDockerfile, Map<PinnedTool, Set<number>>>();

/** Indexes of the document's RUN instructions that pin `tool` (whatever the variables say), once per document. */
function pinningRuns(doc: SourceDockerfile, tool: PinnedTool): Set<number> {
  let byTool = pinningMemo.get(doc);
  if (!byTool) pinningMemo.set(doc, (byTool = new Map()));
  let set = byTool.get(tool);
  if (!set) {
    set = new Set(
      doc.instructions
        .filter((i) => i.keyword === 'RUN' && pinsIn(runCommands(i), NO_VARS, 0, tool).length)
        .map((i) => i.index),
    );
    byTool.set(tool, set);
  }
  return set;
}

/** What the last pin of `tool` before the command says about the option, or null when the file pins nothing. */
export function pinVerdict(
  doc: SourceDockerfile,
  ins: InstructionNode,
  option: (typeof OPTION_SINCE)[keyof typeof OPTION_SINCE],
  tool: PinnedTool,
  beforeOffset = 0,
): { allows: 'yes' | 'no' | 'unknown'; pin: ToolPin } | null {
  const pin = toolPinAt(doc, ins, tool, beforeOffset);
  return pin ? { allows: pinAllows(pin, option.since), pin } : null;
}

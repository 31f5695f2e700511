/**
 * The variables an instruction's environment gets from the Dockerfile itself: ENV of the stage
 * and of the stages it is built on (`FROM builder`), and ARG declared in the stage, before it.
 * Base-image ENV is unknown here; callers must treat a missing name as "maybe set upstream".
 */
import type { Env, Arg } from 'dockerfile-ast';
import type { InstructionNode, SourceDockerfile } from './document.js';

/**
 * Name -> value as written (null when the ARG has no default). `get`/`has` answer from an index
 * built once per document (rules ask for every RUN: linear, not quadratic); listing the names
 * builds the whole map.
 */
export function stageVariables(doc: SourceDockerfile, ins: InstructionNode): ReadonlyMap<string, string | null> {
  return new StageVariables(doc, ins);
}

/** The stages whose ENV reach `ins`, root first, ending with its own. */
function stageChain(doc: SourceDockerfile, ins: InstructionNode): number[] {
  const chain: number[] = [];
  for (let s: number | null = ins.stage; s !== null && s >= 0 && !chain.includes(s); s = doc.stages[s].baseStage)
    chain.unshift(s);
  return chain;
}

/** Every variable set in order, the way `build` replays them. */
function* settings(
  doc: SourceDockerfile,
  stageIndex: number,
  own: boolean,
): Generator<{ index: number; name: string; value: string | null }> {
  for (const other of doc.stages[stageIndex].instructions) {
    if (other.keyword === 'ENV') {
      for (const p of (other.raw as Env).getProperties())
        yield { index: other.index, name: p.getName(), value: p.getValue() ?? '' };
    } else if (other.keyword === 'ARG' && own) {
      const p = (other.raw as Arg).getProperty();
      if (p) yield { index: other.index, name: p.getName(), value: p.getValue() ?? null };
    }
  }
}

type Definitions = Map<string, { index: number; value: string | null }[]>;
/** Per document and stage: each name's settings in file order, ENV only (`env`) or ENV and ARG (`all`). */
const indexMemo = new WeakMap<SourceDockerfile, Map<number, { env: Definitions; all: Definitions }>>();

function definitions(doc: SourceDockerfile, stageIndex: number, own: boolean): Definitions {
  let perDoc = indexMemo.get(doc);
  if (!perDoc) indexMemo.set(doc, (perDoc = new Map()));
  let entry = perDoc.get(stageIndex);
  if (!entry) {
    entry = { env: new Map(), all: new Map() };
    for (const [target, withArgs] of [
      [entry.env, false],
      [entry.all, true],
    ] as const) {
      for (const s of settings(doc, stageIndex, withArgs)) {
        let list = target.get(s.name);
        if (!list) target.set(s.name, (list = []));
        list.push({ index: s.index, value: s.value });
      }
    }
    perDoc.set(stageIndex, entry);
  }
  return own ? entry.all : entry.env;
}

class StageVariables implements ReadonlyMap<string, string | null> {
  private full: Map<string, string | null> | null = null;

  constructor(
    private readonly doc: SourceDockerfile,
    private readonly ins: InstructionNode,
  ) {}

  /** The last setting of `name` that reaches the instruction, or undefined. */
  private lookup(name: string): { value: string | null } | undefined {
    const chain = stageChain(this.doc, this.ins);
    for (let c = chain.length - 1; c >= 0; c--) {
      const own = chain[c] === this.ins.stage;
      const list = definitions(this.doc, chain[c], own).get(name);
      if (!list) continue;
      if (!own) return list[list.length - 1];
      // The last setting before the instruction (binary search: settings are in file order).
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].index < this.ins.index) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0) return list[lo - 1];
    }
    return undefined;
  }

  get(name: string): string | null | undefined {
    return this.lookup(name)?.value;
  }

  has(name: string): boolean {
    return this.lookup(name) !== undefined;
  }

  /** The whole map, in the order the variables were first set. */
  private build(): Map<string, string | null> {
    if (!this.full) {
      const out = new Map<string, string | null>();
      for (const stageIndex of stageChain(this.doc, this.ins)) {
        const own = stageIndex === this.ins.stage;
        for (const s of settings(this.doc, stageIndex, own)) {
          if (own && s.index >= this.ins.index) break;
          out.set(s.name, s.value);
        }
      }
      this.full = out;
    }
    return this.full;
  }

  get size(): number {
    return this.build().size;
  }
  keys(): MapIterator<string> {
    return this.build().keys();
  }
  values(): MapIterator<string | null> {
    return this.build().values();
  }
  entries(): MapIterator<[string, string | null]> {
    return this.build().entries();
  }
  [Symbol.iterator](): MapIterator<[string, string | null]> {
    return this.build()[Symbol.iterator]();
  }
  forEach(fn: (value: string | null, key: string, map: ReadonlyMap<string, string | null>) => void): void {
    this.build().forEach((v, k) => fn(v, k, this));
  }
}

/**
 * The shell parser behind our own interface: tree-sitter-bash through web-tree-sitter.
 * Loading the WebAssembly grammar is async and happens once (`initShellParser`); every parse
 * after that is synchronous, so transforms stay pure synchronous functions.
 *
 * Hostile input is contained: a text over `MAX_SHELL_TEXT` is not parsed (the script says why),
 * every tree walk here is iterative (no call-stack limit on nesting depth), and when the
 * WebAssembly module aborts (it runs out of memory on some huge inputs) the parse fails with a
 * `ShellParserError` and the next `initShellParser()` loads a fresh module instance, so one bad
 * file never breaks the files after it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as TreeSitter from 'web-tree-sitter';
import type { Node } from 'web-tree-sitter';
import { grammarPath } from './grammar.js';
import type { ChainItem, ChainOperator, CommandContext, ShellScript, SimpleCommand, Word } from './model.js';
import type { Span } from '../text/span.js';

/** Longest shell text parsed (UTF-16 units). tree-sitter-bash needs seconds and gigabytes well before 100 KB of one pipeline chain. */
export const MAX_SHELL_TEXT = 65_536;
let maxShellText = MAX_SHELL_TEXT;

/** Tests: lift the size guard to reach the parser's own failure (an abort). Returns the previous limit. */
export function setShellTextLimit(limit: number): number {
  const previous = maxShellText;
  maxShellText = limit;
  return previous;
}

/** The shell parser failed on one text (its WebAssembly module aborted); the next `initShellParser()` recovers. */
export class ShellParserError extends Error {}

const nodeRequire = createRequire(import.meta.url);
let parser: TreeSitter.Parser | null = null;
let initPromise: Promise<void> | null = null;
let grammar: Uint8Array | null = null;
/** Module instances created so far (1 normally; more after aborts). */
let instances = 0;

/**
 * web-tree-sitter keeps its WebAssembly instance in module state, and an aborted instance stays
 * dead; loading its CommonJS build afresh (out of the require cache) gives a new instance.
 */
function freshBinding(): typeof TreeSitter {
  const id = nodeRequire.resolve('web-tree-sitter');
  delete nodeRequire.cache[id];
  return nodeRequire(id) as typeof TreeSitter;
}

/** Loads the grammar once (again after an abort). Safe to call many times and concurrently. */
export function initShellParser(): Promise<void> {
  if (!initPromise) {
    initPromise = (async () => {
      const { Parser, Language } = freshBinding();
      // Emscripten prints "Aborted()" on stderr by itself; the abort is reported as an error instead.
      await Parser.init({ printErr: () => {} });
      grammar ??= readFileSync(grammarPath());
      const language = await Language.load(grammar);
      const p = new Parser();
      p.setLanguage(language);
      parser = p;
      instances++;
    })();
    initPromise.catch(() => {
      initPromise = null;
    });
  }
  return initPromise;
}

export function isShellParserReady(): boolean {
  return parser !== null;
}

/** How many parser module instances were created in this process (tests: an abort makes a new one). */
export function shellParserInstances(): number {
  return instances;
}

/**
 * Later passes re-parse a file whose RUN bodies are mostly unchanged: remember recent results.
 * A ShellScript is never mutated by its readers, so sharing it is safe. Two generations: when the
 * young one is full it becomes the old one, so a file with more RUN bodies than one generation
 * holds still finds the previous pass's parses. slimifySync starts each file with
 * `startShellMemoFile`: the file before's parses become the old generation and older ones are
 * forgotten, so memory follows the two largest neighbouring files, not the number of files (kept
 * across all files, 5,000 distinct corpus files peaked at ~470 MB RSS, against ~210 MB per file).
 * Neighbouring files often share RUN bodies (variants of one image side by side: in the corpus,
 * 642 of 5,494 RUN bodies are also in the file before), and those are not parsed again.
 */
let young = new Map<string, ShellScript>();
let old = new Map<string, ShellScript>();
const GENERATION = 16_384;

/** Forgets remembered parses: where benchmarks and tests measure a file cold. */
export function clearShellMemo(): void {
  young = new Map();
  old = new Map();
}

/** At the start of each file: keeps the last file's parses one more file (as the old generation), forgets older ones. */
export function startShellMemoFile(): void {
  old = young;
  young = new Map();
}

/** How many parses are remembered now (tests: the memo does not grow with the number of files). */
export function shellMemoSize(): number {
  return young.size + old.size;
}

/** Parses POSIX/bash text. Call `initShellParser()` once before. */
export function parseShell(text: string): ShellScript {
  let script = young.get(text);
  if (script) return script;
  script = old.get(text) ?? parseShellUncached(text);
  if (young.size >= GENERATION) {
    old = young;
    young = new Map();
  }
  young.set(text, script);
  return script;
}

function parseShellUncached(text: string): ShellScript {
  if (text.length > maxShellText) {
    return {
      text,
      hasErrors: true,
      chain: [],
      commands: [],
      limit: `the shell text is too large to parse (${text.length} characters; the limit is ${maxShellText})`,
    };
  }
  if (!parser) {
    throw new ShellParserError(
      instances
        ? 'the shell parser is not ready again yet after an earlier failure; await initShellParser() first'
        : 'slimify: the shell parser is not initialised; await initShellParser() first',
    );
  }
  let tree: TreeSitter.Tree | null;
  try {
    tree = parser.parse(text);
  } catch (err) {
    // An abort leaves the module dead: drop it, so the next initShellParser() makes a new one.
    parser = null;
    initPromise = null;
    throw new ShellParserError(
      `the shell parser failed on a RUN body of ${text.length} characters (${err instanceof Error ? err.message.replace(/\. Build with.*/s, '') : String(err)}); the body is too large or too deeply nested to parse`,
    );
  }
  if (!tree) throw new Error('slimify: tree-sitter returned no tree');
  try {
    return buildScript(text, tree.rootNode);
  } finally {
    tree.delete();
  }
}

const SEPARATORS: Record<string, ChainOperator> = { '&&': '&&', '||': '||', ';': ';', '&': '&', ';;': ';' };

/*
 * The walks below read each tree-sitter node's `type` and `endIndex` once and take word texts as
 * slices of the parsed text: every such getter crosses into WebAssembly (and `text` reads
 * `endIndex` again), which was about a sixth of a corpus run. `node.text` is `text.slice(start, end)`
 * for a parse of a string (web-tree-sitter's getText over its slice callback).
 */

function buildScript(text: string, root: Node): ShellScript {
  const commands: SimpleCommand[] = [];
  const chain: ChainItem[] = [];
  const itemNodes: Node[] = [];
  const itemTypes: string[] = [];
  let pendingOp: ChainOperator | null = null;

  // Flatten the top level: program children, and `list` nodes (a && b || c), however deeply
  // nested (a chain of n `&&` is n levels deep), in source order.
  const todo: Node[] = [];
  pushReversed(todo, root.children);
  while (todo.length) {
    const child = todo.pop()!;
    const type = child.type;
    if (type === 'list') {
      pushReversed(todo, child.children);
      continue;
    }
    if (type === 'comment') continue;
    const op = SEPARATORS[type];
    if (op) {
      if (op === '&' && chain.length) chain[chain.length - 1].kind += '&';
      pendingOp = op;
      continue;
    }
    let opBefore: ChainOperator | null = pendingOp;
    if (chain.length && opBefore === null) {
      // Two items with no operator token between them were separated by a newline.
      opBefore = '\n';
    }
    if (!chain.length) opBefore = null;
    pendingOp = null;
    chain.push({ span: { start: child.startIndex, end: child.endIndex }, opBefore, kind: type, simple: null });
    itemNodes.push(child);
    itemTypes.push(type);
  }

  const hasErrors = root.hasError;
  chain.forEach((item, chainIndex) => {
    const ctx: CommandContext = {
      pipeline: false,
      pipelineIndex: 0,
      condition: false,
      compound: false,
      subshell: false,
      orList: item.opBefore === '||' || chain[chainIndex + 1]?.opBefore === '||',
      negated: false,
      background: item.kind.endsWith('&'),
    };
    const first = commands.length;
    collectCommands(text, !hasErrors, itemNodes[chainIndex], itemTypes[chainIndex], ctx, chainIndex, commands);
    item.kind = item.kind.replace(/&$/, '');
    const inside = commands.slice(first).filter((c) => c.span.start >= item.span.start && c.span.end <= item.span.end);
    if (item.kind === 'command' && inside.length === 1) item.simple = inside[0];
  });
  return { text, hasErrors, chain, commands };
}

/** Pushes the non-null nodes of `list` onto `stack` last first (so they pop in source order). */
function pushReversed(stack: Node[], list: (Node | null)[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const n = list[i];
    if (n) stack.push(n);
  }
}

/** The redirections a `redirected_statement` holds for its body command (`echo x > file`). */
interface Statement {
  bodyId: number | undefined;
  redirects: Span[];
}

/** A node to visit: as a command holder, or (`nested`) only for command substitutions in its words. */
interface Frame {
  node: Node;
  type: string;
  ctx: CommandContext;
  nested: boolean;
  /** Set when the node is a named child of a redirected_statement. */
  statement: Statement | null;
}

/**
 * Every simple command under `start`, in source order (a pre-order walk with an explicit stack,
 * so nesting depth is not limited by the call stack).
 */
function collectCommands(
  text: string,
  clean: boolean,
  start: Node,
  startType: string,
  startCtx: CommandContext,
  chainIndex: number,
  out: SimpleCommand[],
): void {
  const stack: Frame[] = [{ node: start, type: startType, ctx: startCtx, nested: false, statement: null }];
  const next: Frame[] = []; // the children of the node at hand, pushed onto the stack last first
  const visit = (n: Node, t: string, c: CommandContext, st: Statement | null = null) =>
    next.push({ node: n, type: t, ctx: c, nested: false, statement: st });
  /** Every named child of `n`, in context `c`. */
  const visitChildren = (n: Node, c: CommandContext) => {
    for (const child of n.namedChildren) if (child) visit(child, child.type, c);
  };
  /** The words of `n`: look for commands nested in them (command substitutions), not at the words as commands. */
  const words = (n: Node, t: string, c: CommandContext) => {
    if (!clean || mayHoldSubstitution(text, n.startIndex, n.endIndex))
      next.push({ node: n, type: t, ctx: c, nested: true, statement: null });
  };
  while (stack.length) {
    const { node, type, ctx, nested, statement } = stack.pop()!;
    next.length = 0;
    if (nested) {
      let sub: CommandContext | null = null;
      for (const child of node.namedChildren) {
        if (!child) continue;
        const t = child.type;
        if (t === 'command_substitution' || t === 'process_substitution')
          visit(child, t, (sub ??= { ...ctx, subshell: true }));
        else words(child, t, ctx);
      }
    } else {
      switch (type) {
        case 'command': {
          const children = typedNamedChildren(node);
          out.push(buildCommand(text, node, children, ctx, chainIndex, statement));
          // Command substitutions inside arguments hold commands too.
          const sub = { ...ctx, subshell: true };
          if (!clean || mayHoldSubstitution(text, node.startIndex, node.endIndex))
            for (const [child, t] of children) words(child, t, sub);
          break;
        }
        case 'variable_assignment':
        case 'variable_assignments':
          // A bare assignment is a command with no name.
          out.push({
            span: { start: node.startIndex, end: node.endIndex },
            name: null,
            args: [],
            assignments: [word(text, node, type)],
            redirects: [],
            context: ctx,
            chainIndex,
          });
          words(node, type, { ...ctx, subshell: true });
          break;
        case 'pipeline': {
          let index = 0;
          for (const child of node.namedChildren)
            if (child) visit(child, child.type, { ...ctx, pipeline: true, pipelineIndex: index++ });
          break;
        }
        case 'list': {
          const all = node.children.filter((c): c is Node => !!c);
          const types = all.map((c) => c.type);
          all.forEach((child, i) => {
            if (SEPARATORS[types[i]]) return;
            const orList = types[i - 1] === '||' || types[i + 1] === '||';
            visit(child, types[i], { ...ctx, orList: ctx.orList || orList });
          });
          break;
        }
        case 'negated_command':
          visitChildren(node, { ...ctx, negated: true });
          break;
        case 'redirected_statement': {
          // The body command's statementRedirects (buildCommand), read once here.
          const children = typedNamedChildren(node);
          const st: Statement = {
            bodyId: node.childForFieldName('body')?.id,
            redirects: children
              .filter(([, t]) => t.endsWith('redirect'))
              .map(([c]) => ({ start: c.startIndex, end: c.endIndex })),
          };
          for (const [child, t] of children) visit(child, t, ctx, st);
          break;
        }
        case 'subshell':
        case 'command_substitution':
        case 'process_substitution':
        case 'function_definition':
          visitChildren(node, { ...ctx, subshell: true });
          break;
        case 'if_statement':
        case 'while_statement':
        case 'until_statement': {
          const condition = node.childForFieldName('condition');
          const condStart = condition?.startIndex ?? 0;
          const condEnd = condition?.endIndex ?? 0;
          for (const child of node.namedChildren) {
            if (!child) continue;
            const isCond = condition !== null && child.startIndex >= condStart && child.endIndex <= condEnd;
            visit(child, child.type, { ...ctx, compound: true, condition: ctx.condition || isCond });
          }
          break;
        }
        case 'test_command':
          words(node, type, { ...ctx, condition: true });
          break;
        default: {
          // for/case/compound_statement/do_group/else_clause/...: everything inside is conditional or repeated.
          visitChildren(node, { ...ctx, compound: ctx.compound || type !== 'compound_statement' });
        }
      }
    }
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
  }
}

/**
 * Whether text[start, end) can hold a command or process substitution: each starts with its opening
 * token (`$(`, a backtick, `$``, `<(`, `>(`) in the text, unless the parser made that token up (a
 * MISSING node), which only a tree with errors has. In a clean tree a word without one of these
 * holds no command, and its nodes need not be walked (most words are plain: `-y`, `curl`, `"$X"`).
 */
const SUBSTITUTION_OPENER = /[`]|[$<>]\(/;
function mayHoldSubstitution(text: string, start: number, end: number): boolean {
  return SUBSTITUTION_OPENER.test(text.slice(start, end));
}

/** The non-null named children of `node` with their types. */
function typedNamedChildren(node: Node): [Node, string][] {
  const out: [Node, string][] = [];
  for (const c of node.namedChildren) if (c) out.push([c, c.type]);
  return out;
}

function buildCommand(
  text: string,
  node: Node,
  children: [Node, string][],
  ctx: CommandContext,
  chainIndex: number,
  statement: Statement | null,
): SimpleCommand {
  let name: Word | null = null;
  const args: Word[] = [];
  const assignments: Word[] = [];
  const redirects: { start: number; end: number }[] = [];
  for (const [child, type] of children) {
    if (type === 'command_name') name = word(text, child, type);
    else if (type === 'variable_assignment') assignments.push(word(text, child, type));
    else if (type.endsWith('redirect')) redirects.push({ start: child.startIndex, end: child.endIndex });
    else if (type !== 'comment') args.push(word(text, child, type));
  }
  // `echo x > file`: tree-sitter holds the redirection on the enclosing redirected_statement.
  const statementRedirects =
    statement && statement.bodyId !== undefined && statement.bodyId === node.id
      ? statement.redirects.map((r) => ({ ...r }))
      : [];
  return {
    span: { start: node.startIndex, end: node.endIndex },
    name,
    args,
    assignments,
    redirects,
    ...(statementRedirects.length ? { statementRedirects } : {}),
    context: ctx,
    chainIndex,
  };
}

function word(text: string, node: Node, type: string): Word {
  const start = node.startIndex;
  const end = node.endIndex;
  const written = text.slice(start, end);
  return { text: written, value: staticValue(text, node, type, written), span: { start, end } };
}

/** The value of a word after quote removal, or null when it depends on expansion or globbing. */
function staticValue(text: string, node: Node, type: string, written: string): string | null {
  switch (type) {
    case 'command_name': {
      const first = node.namedChildren[0];
      return first ? staticValue(text, first, first.type, text.slice(first.startIndex, first.endIndex)) : null;
    }
    case 'word': {
      if (/[*?[]/.test(written)) return null;
      // Backslash escapes in an unquoted word.
      return written.replace(/\\(.)/gs, '$1');
    }
    case 'number':
      return written;
    case 'raw_string':
      return written.slice(1, -1);
    case 'string': {
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type !== 'string_content') return null;
      }
      // string_content nodes do not cover the whole text when empty; take the inner text.
      return written.slice(1, -1).replace(/\\([$`"\\\n])/g, '$1');
    }
    case 'concatenation': {
      let out = '';
      for (const child of node.namedChildren) {
        if (!child) return null;
        const v = staticValue(text, child, child.type, text.slice(child.startIndex, child.endIndex));
        if (v === null) return null;
        out += v;
      }
      return out;
    }
    default:
      return null;
  }
}

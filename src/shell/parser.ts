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
 * holds still finds the previous pass's parses. slimifySync forgets them all when it starts a
 * file (`clearShellMemo`), so memory follows the largest file, not the number of files: kept
 * across files, 5,000 distinct corpus files peaked at ~470 MB RSS, against ~210 MB now.
 */
let young = new Map<string, ShellScript>();
let old = new Map<string, ShellScript>();
const GENERATION = 16_384;

/** Forgets remembered parses: at the start of each file, and where benchmarks measure a file cold. */
export function clearShellMemo(): void {
  young = new Map();
  old = new Map();
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

/** Non-null children (web-tree-sitter types them as nullable). */
const kids = (node: Node): Node[] => node.children.filter((c): c is Node => !!c);
const namedKids = (node: Node): Node[] => node.namedChildren.filter((c): c is Node => !!c);

function buildScript(text: string, root: Node): ShellScript {
  const commands: SimpleCommand[] = [];
  const chain: ChainItem[] = [];
  const itemNodes: Node[] = [];
  let pendingOp: ChainOperator | null = null;

  // Flatten the top level: program children, and `list` nodes (a && b || c), however deeply
  // nested (a chain of n `&&` is n levels deep), in source order.
  const todo = kids(root).reverse();
  while (todo.length) {
    const child = todo.pop()!;
    if (child.type === 'list') {
      todo.push(...kids(child).reverse());
      continue;
    }
    if (child.type === 'comment') continue;
    const op = SEPARATORS[child.type];
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
    chain.push({ span: { start: child.startIndex, end: child.endIndex }, opBefore, kind: child.type, simple: null });
    itemNodes.push(child);
  }

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
    collectCommands(itemNodes[chainIndex], ctx, chainIndex, commands);
    item.kind = item.kind.replace(/&$/, '');
    const inside = commands.slice(first).filter((c) => c.span.start >= item.span.start && c.span.end <= item.span.end);
    if (item.kind === 'command' && inside.length === 1) item.simple = inside[0];
  });
  return { text, hasErrors: root.hasError, chain, commands };
}

/** A node to visit: as a command holder, or (`nested`) only for command substitutions in its words. */
interface Frame {
  node: Node;
  ctx: CommandContext;
  nested: boolean;
}

/**
 * Every simple command under `start`, in source order (a pre-order walk with an explicit stack,
 * so nesting depth is not limited by the call stack).
 */
function collectCommands(start: Node, startCtx: CommandContext, chainIndex: number, out: SimpleCommand[]): void {
  const stack: Frame[] = [{ node: start, ctx: startCtx, nested: false }];
  while (stack.length) {
    const { node, ctx, nested } = stack.pop()!;
    const next: Frame[] = [];
    const visit = (n: Node, c: CommandContext) => next.push({ node: n, ctx: c, nested: false });
    /** The words of `n`: look for commands nested in them (command substitutions), not at the words as commands. */
    const words = (n: Node, c: CommandContext) => next.push({ node: n, ctx: c, nested: true });
    if (nested) {
      for (const child of namedKids(node)) {
        if (child.type === 'command_substitution' || child.type === 'process_substitution')
          visit(child, { ...ctx, subshell: true });
        else words(child, ctx);
      }
    } else {
      switch (node.type) {
        case 'command':
          out.push(buildCommand(node, ctx, chainIndex));
          // Command substitutions inside arguments hold commands too.
          for (const child of namedKids(node)) words(child, { ...ctx, subshell: true });
          break;
        case 'variable_assignment':
        case 'variable_assignments':
          // A bare assignment is a command with no name.
          out.push({
            span: { start: node.startIndex, end: node.endIndex },
            name: null,
            args: [],
            assignments: [word(node)],
            redirects: [],
            context: ctx,
            chainIndex,
          });
          words(node, { ...ctx, subshell: true });
          break;
        case 'pipeline': {
          let index = 0;
          for (const child of namedKids(node)) visit(child, { ...ctx, pipeline: true, pipelineIndex: index++ });
          break;
        }
        case 'list': {
          const all = kids(node);
          all.forEach((child, i) => {
            if (SEPARATORS[child.type]) return;
            const orList = all[i - 1]?.type === '||' || all[i + 1]?.type === '||';
            visit(child, { ...ctx, orList: ctx.orList || orList });
          });
          break;
        }
        case 'negated_command':
          for (const child of namedKids(node)) visit(child, { ...ctx, negated: true });
          break;
        case 'redirected_statement':
          for (const child of namedKids(node)) visit(child, ctx);
          break;
        case 'subshell':
        case 'command_substitution':
        case 'process_substitution':
        case 'function_definition':
          for (const child of namedKids(node)) visit(child, { ...ctx, subshell: true });
          break;
        case 'if_statement':
        case 'while_statement':
        case 'until_statement': {
          const condition = node.childForFieldName('condition');
          for (const child of namedKids(node)) {
            const isCond =
              condition !== null && child.startIndex >= condition.startIndex && child.endIndex <= condition.endIndex;
            visit(child, { ...ctx, compound: true, condition: ctx.condition || isCond });
          }
          break;
        }
        case 'test_command':
          words(node, { ...ctx, condition: true });
          break;
        default: {
          // for/case/compound_statement/do_group/else_clause/...: everything inside is conditional or repeated.
          const compound = ctx.compound || node.type !== 'compound_statement';
          for (const child of namedKids(node)) visit(child, { ...ctx, compound });
        }
      }
    }
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
  }
}

function buildCommand(node: Node, ctx: CommandContext, chainIndex: number): SimpleCommand {
  let name: Word | null = null;
  const args: Word[] = [];
  const assignments: Word[] = [];
  const redirects: { start: number; end: number }[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'command_name') name = word(child);
    else if (child.type === 'variable_assignment') assignments.push(word(child));
    else if (child.type.endsWith('redirect')) redirects.push({ start: child.startIndex, end: child.endIndex });
    else if (child.type !== 'comment') args.push(word(child));
  }
  // `echo x > file`: tree-sitter holds the redirection on the enclosing redirected_statement.
  const parent = node.parent;
  const statementRedirects =
    parent?.type === 'redirected_statement' && parent.childForFieldName('body')?.id === node.id
      ? parent.namedChildren
          .filter((c) => c !== null && c.type.endsWith('redirect'))
          .map((c) => ({ start: c!.startIndex, end: c!.endIndex }))
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

function word(node: Node): Word {
  return { text: node.text, value: staticValue(node), span: { start: node.startIndex, end: node.endIndex } };
}

/** The value of a word after quote removal, or null when it depends on expansion or globbing. */
function staticValue(node: Node): string | null {
  switch (node.type) {
    case 'command_name':
      return node.namedChildren[0] ? staticValue(node.namedChildren[0]) : null;
    case 'word': {
      if (/[*?[]/.test(node.text)) return null;
      // Backslash escapes in an unquoted word.
      return node.text.replace(/\\(.)/gs, '$1');
    }
    case 'number':
      return node.text;
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string': {
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type !== 'string_content') return null;
      }
      // string_content nodes do not cover the whole text when empty; take the inner text.
      return node.text.slice(1, -1).replace(/\\([$`"\\\n])/g, '$1');
    }
    case 'concatenation': {
      let out = '';
      for (const child of node.namedChildren) {
        if (!child) return null;
        const v = staticValue(child);
        if (v === null) return null;
        out += v;
      }
      return out;
    }
    default:
      return null;
  }
}

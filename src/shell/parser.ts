/**
 * The shell parser behind our own interface: tree-sitter-bash through web-tree-sitter.
 * Loading the WebAssembly grammar is async and happens once (`initShellParser`); every parse
 * after that is synchronous, so transforms stay pure synchronous functions.
 */
import { createRequire } from 'node:module';
import { Parser, Language, type Node } from 'web-tree-sitter';
import type { ChainItem, ChainOperator, CommandContext, ShellScript, SimpleCommand, Word } from './model.js';

let parser: Parser | null = null;
let initPromise: Promise<void> | null = null;

/** Loads the grammar once. Safe to call many times and concurrently. */
export function initShellParser(): Promise<void> {
  if (!initPromise) {
    initPromise = (async () => {
      const require = createRequire(import.meta.url);
      await Parser.init();
      const language = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
      const p = new Parser();
      p.setLanguage(language);
      parser = p;
    })();
  }
  return initPromise;
}

export function isShellParserReady(): boolean {
  return parser !== null;
}

/**
 * Later passes re-parse a file whose RUN bodies are mostly unchanged: remember recent results.
 * A ShellScript is never mutated by its readers, so sharing it is safe.
 */
const memo = new Map<string, ShellScript>();
const MEMO_LIMIT = 4000;

/** Forgets remembered parses (benchmarks measure each file cold). */
export function clearShellMemo(): void {
  memo.clear();
}

/** Parses POSIX/bash text. Call `initShellParser()` once before. */
export function parseShell(text: string): ShellScript {
  const known = memo.get(text);
  if (known) return known;
  const script = parseShellUncached(text);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, script);
  return script;
}

function parseShellUncached(text: string): ShellScript {
  if (!parser) throw new Error('slimify: the shell parser is not initialised; await initShellParser() first');
  const tree = parser.parse(text);
  if (!tree) throw new Error('slimify: tree-sitter returned no tree');
  try {
    return buildScript(text, tree.rootNode);
  } finally {
    tree.delete();
  }
}

const SEPARATORS: Record<string, ChainOperator> = { '&&': '&&', '||': '||', ';': ';', '&': '&', ';;': ';' };

function buildScript(text: string, root: Node): ShellScript {
  const commands: SimpleCommand[] = [];
  const chain: ChainItem[] = [];
  let pendingOp: ChainOperator | null = null;
  let lastEnd = -1;

  // Flatten the top level: program children, and `list` nodes (a && b || c) recursively.
  const pushItems = (node: Node) => {
    for (const child of node.children) {
      if (!child) continue;
      if (child.type === 'list') {
        pushItems(child);
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
      lastEnd = child.endIndex;
    }
  };
  pushItems(root);
  void lastEnd;

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
    const node = findNodeAt(root, item.span.start, item.span.end);
    if (node) collectCommands(node, ctx, chainIndex, commands);
  });
  for (const item of chain) {
    item.kind = item.kind.replace(/&$/, '');
    const inside = commands.filter((c) => c.span.start >= item.span.start && c.span.end <= item.span.end);
    if (item.kind === 'command' && inside.length === 1) item.simple = inside[0];
  }
  return { text, hasErrors: root.hasError, chain, commands };
}

function findNodeAt(root: Node, start: number, end: number): Node | null {
  let node: Node | null = root.descendantForIndex(start, Math.max(start, end - 1));
  while (node && !(node.startIndex === start && node.endIndex === end)) node = node.parent;
  // Climb past wrappers of the same extent to the outermost, so the whole item is walked.
  while (
    node?.parent &&
    node.parent.startIndex === start &&
    node.parent.endIndex === end &&
    node.parent.type !== 'program'
  ) {
    node = node.parent;
  }
  return node;
}

function collectCommands(node: Node, ctx: CommandContext, chainIndex: number, out: SimpleCommand[]): void {
  switch (node.type) {
    case 'command':
      out.push(buildCommand(node, ctx, chainIndex));
      // Command substitutions inside arguments hold commands too.
      for (const child of node.namedChildren)
        if (child) collectNested(child, { ...ctx, subshell: true }, chainIndex, out);
      return;
    case 'variable_assignment':
    case 'variable_assignments': {
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
      collectNested(node, { ...ctx, subshell: true }, chainIndex, out);
      return;
    }
    case 'pipeline': {
      let index = 0;
      for (const child of node.namedChildren) {
        if (!child) continue;
        collectCommands(child, { ...ctx, pipeline: true, pipelineIndex: index++ }, chainIndex, out);
      }
      return;
    }
    case 'list': {
      const kids = node.children.filter((c): c is Node => !!c);
      kids.forEach((child, i) => {
        if (SEPARATORS[child.type]) return;
        const orList = kids[i - 1]?.type === '||' || kids[i + 1]?.type === '||';
        collectCommands(child, { ...ctx, orList: ctx.orList || orList }, chainIndex, out);
      });
      return;
    }
    case 'negated_command':
      for (const child of node.namedChildren)
        if (child) collectCommands(child, { ...ctx, negated: true }, chainIndex, out);
      return;
    case 'redirected_statement':
      for (const child of node.namedChildren) if (child) collectCommands(child, ctx, chainIndex, out);
      return;
    case 'subshell':
    case 'command_substitution':
    case 'process_substitution':
    case 'function_definition':
      for (const child of node.namedChildren)
        if (child) collectCommands(child, { ...ctx, subshell: true }, chainIndex, out);
      return;
    case 'if_statement':
    case 'while_statement':
    case 'until_statement': {
      const condition = node.childForFieldName('condition');
      for (const child of node.namedChildren) {
        if (!child) continue;
        const isCond =
          condition !== null && child.startIndex >= condition.startIndex && child.endIndex <= condition.endIndex;
        collectCommands(child, { ...ctx, compound: true, condition: ctx.condition || isCond }, chainIndex, out);
      }
      return;
    }
    case 'test_command':
      collectNested(node, { ...ctx, condition: true }, chainIndex, out);
      return;
    default:
      // for/case/compound_statement/do_group/else_clause/...: everything inside is conditional or repeated.
      for (const child of node.namedChildren) {
        if (!child) continue;
        const compound = ctx.compound || node.type !== 'compound_statement';
        collectCommands(child, { ...ctx, compound }, chainIndex, out);
      }
  }
}

/** Finds commands nested in words (command substitutions) without treating the words as commands. */
function collectNested(node: Node, ctx: CommandContext, chainIndex: number, out: SimpleCommand[]): void {
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'command_substitution' || child.type === 'process_substitution') {
      collectCommands(child, { ...ctx, subshell: true }, chainIndex, out);
    } else {
      collectNested(child, ctx, chainIndex, out);
    }
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
  return {
    span: { start: node.startIndex, end: node.endIndex },
    name,
    args,
    assignments,
    redirects,
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
      let out = '';
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type !== 'string_content') return null;
      }
      // string_content nodes do not cover the whole text when empty; take the inner text.
      out = node.text.slice(1, -1).replace(/\\([$`"\\\n])/g, '$1');
      return out;
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

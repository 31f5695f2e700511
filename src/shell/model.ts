/**
 * Our own small shell tree, built from tree-sitter-bash, so transforms never touch
 * tree-sitter nodes: top-level chain items with their operators, and every simple command
 * with its words, spans and the context it runs in. Offsets are into the text that was parsed.
 */
import type { Span } from '../text/span.js';

export interface Word {
  /** The word as written, quotes included. */
  text: string;
  /** The word after quote removal when it has no expansions ($x, $(..), globs); otherwise null. */
  value: string | null;
  span: Span;
}

/** Where a simple command sits; transforms use this to stay away from what they do not understand. */
export interface CommandContext {
  /** Inside a pipeline (`a | b`). */
  pipeline: boolean;
  /** Position in its pipeline (0 = first). */
  pipelineIndex: number;
  /** Inside the condition of an if/while/until, or a `[[ ]]`-style test. */
  condition: boolean;
  /** Inside a for/while/until body or an if/case branch: runs conditionally or repeatedly. */
  compound: boolean;
  /** Inside ( ... ), $( ... ), `...`, or a function body. */
  subshell: boolean;
  /** Right-hand side of `||`, or left of a `||` (its failure is tolerated). */
  orList: boolean;
  /** Negated with `!`. */
  negated: boolean;
  /** Run in the background with `&`. */
  background: boolean;
}

export interface SimpleCommand {
  span: Span;
  /** The command name word (null for a bare assignment like `X=1`). */
  name: Word | null;
  /** Argument words after the name (redirections excluded). */
  args: Word[];
  /** `VAR=value` words before the name. */
  assignments: Word[];
  /** Redirections (`> file`, `2>&1`, heredoc starts), as spans. */
  redirects: Span[];
  /**
   * Redirections written after the command that tree-sitter holds on the enclosing statement
   * (`echo x > file`, `cat <<EOF > file`), as spans; absent when there are none.
   */
  statementRedirects?: Span[];
  context: CommandContext;
  /** Index into ShellScript.chain of the top-level item that contains this command. */
  chainIndex: number;
}

export type ChainOperator = '&&' | '||' | ';' | '\n' | '&';

/** One item of the top-level command list: `a && b; c` has three items. */
export interface ChainItem {
  span: Span;
  /** The operator that joins this item to the previous one (null for the first item). */
  opBefore: ChainOperator | null;
  /** tree-sitter node type of the item: command, pipeline, if_statement, subshell, ... */
  kind: string;
  /** The item itself when it is exactly one simple command. */
  simple: SimpleCommand | null;
}

export interface ShellScript {
  text: string;
  /** tree-sitter reported ERROR or MISSING nodes. */
  hasErrors: boolean;
  /** Set when the text was not parsed at all (too large): why. `hasErrors` is then true and the script is empty. */
  limit?: string;
  chain: ChainItem[];
  /** Every simple command, in source order, nested ones included. */
  commands: SimpleCommand[];
}

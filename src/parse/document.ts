/**
 * Parses a Dockerfile once into an immutable document that every transform reads:
 * the text and its style (EOL, BOM, escape character), instructions with UTF-16 spans,
 * stages with their base image references, and the shell text of every RUN mapped back to the file.
 */
import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';
import type { Span } from '../text/span.js';
import { parseShell } from '../shell/parser.js';
import { readExecArgv } from '../shell/exec-form.js';
import type { ShellScript } from '../shell/model.js';
import { LineIndex } from '../text/line-index.js';
import { logicalText, type LogicalText } from './run-body.js';
import { parseReference, officialName, type ParsedReference } from './image-ref.js';
import { expandVariables } from './variables.js';
import { memoiseArgumentTokens } from './argument-memo.js';

memoiseArgumentTokens();
import { escapeSignal, imageSignals, instructionSignal, type WindowsSignal } from './windows-signals.js';

/** `\r` alone: a file with only old Mac line endings (vscode's TextDocument and so dockerfile-ast break lines there too). */
export type Eol = '\n' | '\r\n' | '\r';
export type StageShell = 'posix' | 'powershell' | 'cmd' | 'other';

export interface Flag {
  name: string;
  value: string | null;
  span: Span;
}

export interface ShellBody extends LogicalText {
  /** File span of the shell text (from the first argument after the flags to the end of the instruction). */
  span: Span;
  script: ShellScript;
  /** Maps a span of the logical text to a span of the file. */
  fileSpan(start: number, end: number): Span;
}

export interface RunInfo {
  form: 'shell' | 'exec' | 'heredoc';
  /** `--mount` values parsed into key/value pairs (`type`, `target`, `id`, `from`, ...). */
  mounts: Record<string, string>[];
  /** Present for shell-form RUNs in a POSIX-shell stage. */
  shell: ShellBody | null;
  /** Here-documents of the RUN (`RUN <<EOF ... EOF`). */
  heredocs: HeredocInfo[];
}

export interface HeredocInfo {
  name: string;
  /** The body between the opening line and the delimiter line, or null when empty. */
  content: Span | null;
  /**
   * The body parsed as shell when the shell runs it: `RUN <<EOF` or `RUN <<EOF sh|bash`
   * with a single heredoc in a POSIX stage. Offsets map one to one onto the file (Docker
   * does not process line continuations inside a heredoc).
   */
  script: ShellBody | null;
}

export interface InstructionNode {
  index: number;
  /** Upper-cased keyword. */
  keyword: string;
  /** From the keyword to the end of the last argument; the line break is not included. */
  span: Span;
  keywordSpan: Span;
  /** Span of the arguments after the flags (null when there are none). */
  argsSpan: Span | null;
  flags: Flag[];
  /** Index of the stage it belongs to; -1 before the first FROM. */
  stage: number;
  /** Arguments as dockerfile-ast reports them (after flags), with spans. */
  args: { value: string; span: Span }[];
  /** JSON (exec) form: `RUN ["a", "b"]`. */
  json: boolean;
  /**
   * The exec-form argv when `json` and the arguments (continuations removed) are a JSON array of
   * strings; null otherwise (Docker runs malformed JSON as a shell command). Parsed once, here.
   */
  execArgv: string[] | null;
  heredoc: boolean;
  run: RunInfo | null;
  /** Comment lines directly above the instruction (no blank line between). */
  leadingComments: CommentLine[];
  raw: Instruction;
}

export interface CommentLine {
  /** Text after the `#`, trimmed. */
  text: string;
  /** The whole line, without the line break. */
  span: Span;
  /** Inside a continued instruction (Docker drops these lines). */
  embedded: boolean;
}

export interface Directive {
  name: string;
  value: string;
  span: Span;
}

export interface ImageReference {
  /** The reference as written (may contain `$VAR`). */
  raw: string;
  span: Span;
  /** The reference with the ARGs before the first FROM expanded (defaults), or null when unknown. */
  resolved: string | null;
  /** Variables the written reference uses. */
  variables: string[];
  parsed: ParsedReference | null;
  /** Docker Hub official image name (`python`), or null. */
  official: string | null;
  platform: string | null;
}

export interface Stage {
  index: number;
  name: string | null;
  from: InstructionNode;
  /** The base image, or null when the stage starts `FROM <another stage>` or `scratch`. */
  image: ImageReference | null;
  /** Index of the stage this one is built on (`FROM builder`), or null. */
  baseStage: number | null;
  scratch: boolean;
  instructions: InstructionNode[];
  shell: StageShell;
  /** Stages (by index) this stage copies from or mounts. */
  dependsOn: number[];
  /** External images this stage copies from (`COPY --from=nginx:latest`). */
  copiesFromImages: string[];
  /** Stages that copy from, mount, or build on this one. */
  usedBy: number[];
  isFinal: boolean;
  /** Some sign says the stage runs on Windows (see windowsSignals); its RUN shell is then not POSIX. */
  windows: boolean;
  /** Why the stage counts as Windows: its image, the file's escape character, drive paths, `%VAR%`, or its parent stage. */
  windowsSignals: WindowsSignal[];
  /**
   * RUN runs in a POSIX shell, as far as the file proves it: no Windows sign in the stage or the
   * stages it is built on, and no SHELL naming something else. The one test before adding POSIX
   * syntax to a RUN or joining RUNs.
   */
  posixProven: boolean;
  /**
   * The stage graph (filled by linkStages, once per parse). `chain`: the stages whose filesystem this
   * one continues, root first, ending with this stage (`FROM builder` links; a stage can only be built
   * on an earlier one, so the chain is finite).
   */
  chain: number[];
  /** The first stage of `chain`: its `image` (or `scratch`) is what this stage's filesystem starts from. */
  root: number;
  /** Stages built on this one (`FROM <this>`), directly or through others, in file order. */
  descendants: number[];
  /** The last stage is this one or is built on it: this stage's files are in the final image. */
  reachesFinal: boolean;
  /**
   * Its output is only copied or mounted elsewhere (`COPY --from`, `RUN --mount=from=`): it is not the
   * last stage, something uses it, and no stage is built on it. (An unused stage is not build-only: it
   * can still be built with `--target`.)
   */
  buildOnly: boolean;
}

export interface SourceDockerfile {
  /** File text without BOM. All spans are offsets into this string. */
  text: string;
  bom: boolean;
  eol: Eol;
  finalNewline: boolean;
  escapeChar: string;
  lines: LineIndex;
  directives: Directive[];
  comments: CommentLine[];
  instructions: InstructionNode[];
  stages: Stage[];
  /** ARGs before the first FROM and their default values. */
  globalArgs: Map<string, string | undefined>;
  /** `%%PLACEHOLDER%%` template tokens present (docker-library templates). */
  template: boolean;
  ast: Dockerfile;
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);

/** Parses text (BOM allowed) into a document. Never throws for odd input; throws only on internal errors. */
export function parseDockerfile(input: string): SourceDockerfile {
  const bom = input.charCodeAt(0) === 0xfeff;
  const text = bom ? input.slice(1) : input;
  const ast = DockerfileParser.parse(text);
  const lines = new LineIndex(text);
  const escapeChar = ast.getEscapeCharacter();
  const spanOf = (r: {
    start: { line: number; character: number };
    end: { line: number; character: number };
  }): Span => ({
    start: lines.offsetAt(r.start),
    end: lines.offsetAt(r.end),
  });

  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const eol: Eol = cr > crlf && cr > lf ? '\r' : crlf > lf ? '\r\n' : '\n';

  const directives: Directive[] = ast.getDirectives().map((d) => ({
    name: d.getName(),
    value: d.getValue(),
    span: spanOf(d.getRange()),
  }));

  const rawInstructions = ast.getInstructions();
  const instructionSpans = rawInstructions.map((i) => spanOf(i.getRange()));
  const insideInstruction = coversOffset(instructionSpans);
  const comments: CommentLine[] = ast.getComments().map((c) => {
    const r = spanOf(c.getRange());
    const line = lines.lineAt(r.start);
    const embedded = insideInstruction(r.start);
    return { text: c.getContent() ?? '', span: { start: lines.starts[line], end: lines.lineEnd(line) }, embedded };
  });

  const globalArgs = new Map<string, string | undefined>();
  for (const arg of ast.getInitialARGs()) {
    const prop = arg.getProperty();
    if (prop) globalArgs.set(prop.getName(), prop.getValue() ?? undefined);
  }

  const instructions: InstructionNode[] = [];
  const stages: Stage[] = [];
  let stageIndex = -1;
  rawInstructions.forEach((raw, index) => {
    const keyword = raw.getKeyword().toUpperCase();
    const span = instructionSpans[index];
    if (keyword === 'FROM') stageIndex++;
    const flags: Flag[] = (
      'getFlags' in raw && typeof (raw as { getFlags?: unknown }).getFlags === 'function'
        ? (
            raw as unknown as { getFlags(): { getName(): string; getValue(): string | null; getRange(): never }[] }
          ).getFlags()
        : []
    ).map((f) => ({ name: f.getName(), value: f.getValue(), span: spanOf(f.getRange()) }));
    const args = raw.getArguments().map((a) => ({ value: a.getValue(), span: spanOf(a.getRange()) }));
    const argsSpan = args.length ? { start: args[0].span.start, end: span.end } : null;
    const kwRange = raw.getInstructionRange();
    const argText = argsSpan ? text.slice(argsSpan.start, argsSpan.end) : '';
    const json = argText.trimStart().startsWith('[');
    const heredoc =
      /^<<-?\s*["']?[A-Za-z_]/.test(argText.trimStart()) ||
      /(^|\s)<<-?["']?[A-Za-z_][A-Za-z0-9_]*["']?\s*$/m.test(firstLine(argText));
    instructions.push({
      index,
      keyword,
      span,
      keywordSpan: spanOf(kwRange),
      argsSpan,
      flags,
      stage: stageIndex,
      args,
      json,
      execArgv:
        json && argsSpan ? readExecArgv(logicalText(text, argsSpan.start, argsSpan.end, escapeChar).text) : null,
      heredoc,
      run: null,
      leadingComments: [],
      raw,
    });
  });

  attachLeadingComments(instructions, comments, lines);

  // Stages.
  const fromNodes = instructions.filter((i) => i.keyword === 'FROM');
  const nameToIndex = new Map<string, number>();
  fromNodes.forEach((from, index) => {
    const asIndex = from.args.findIndex((a) => a.value.toLowerCase() === 'as');
    const name = asIndex !== -1 && from.args[asIndex + 1] ? from.args[asIndex + 1].value : null;
    const refArg = from.args[0];
    let image: ImageReference | null = null;
    let baseStage: number | null = null;
    let scratch = false;
    if (refArg) {
      const stageRef = nameToIndex.get(refArg.value.toLowerCase());
      if (stageRef !== undefined) baseStage = stageRef;
      else if (refArg.value === 'scratch') scratch = true;
      else {
        const exp = expandVariables(refArg.value, globalArgs, escapeChar);
        const resolved = exp.value;
        const parsed = resolved ? parseReference(resolved) : null;
        const platform = from.flags.find((f) => f.name === 'platform')?.value ?? null;
        image = {
          raw: refArg.value,
          span: refArg.span,
          resolved,
          variables: exp.used,
          parsed,
          official: parsed ? officialName(parsed) : null,
          platform,
        };
        // `FROM ${BASE}` where BASE names an earlier stage.
        if (resolved && nameToIndex.has(resolved.toLowerCase())) {
          baseStage = nameToIndex.get(resolved.toLowerCase())!;
          image = null;
        } else if (resolved === 'scratch') {
          scratch = true;
          image = null;
        }
      }
    }
    const signals: WindowsSignal[] = [];
    // The backtick escape is the convention of Windows Dockerfiles, but an official Docker Hub image
    // (debian, node, ...) without a Windows tag proves a Linux base on its own.
    const escape = escapeSignal(escapeChar);
    if (escape && !(image?.official && baseStage === null)) signals.push(escape);
    if (baseStage !== null && stages[baseStage]?.windows)
      signals.push({
        kind: 'parent-stage',
        detail: `it is built on stage ${stages[baseStage].name ?? baseStage}, a Windows stage`,
      });
    if (image) signals.push(...imageSignals(image.raw, image.resolved, image.variables, globalArgs));
    const own = instructions.filter((i) => i.stage === index);
    for (const ins of own) {
      const sig = instructionSignal(ins.keyword, text.slice(ins.span.start, ins.span.end));
      if (sig) {
        signals.push(sig);
        break;
      }
    }
    const windows = signals.length > 0;
    stages.push({
      index,
      name,
      from,
      image,
      baseStage,
      scratch,
      instructions: own,
      shell: baseStage !== null ? stages[baseStage].shell : windows ? 'cmd' : 'posix',
      dependsOn: baseStage !== null ? [baseStage] : [],
      copiesFromImages: [],
      usedBy: [],
      isFinal: index === fromNodes.length - 1,
      windows,
      windowsSignals: signals,
      posixProven: false,
      chain: [],
      root: index,
      descendants: [],
      reachesFinal: false,
      buildOnly: false,
    });
    if (name) nameToIndex.set(name.toLowerCase(), index);
  });

  const resolveStage = (ref: string): number | null => {
    if (/^\d+$/.test(ref)) return Number(ref) < stages.length ? Number(ref) : null;
    return nameToIndex.get(ref.toLowerCase()) ?? null;
  };

  for (const stage of stages) {
    // SHELL is inherited from the parent stage as it stands at the parent's end.
    if (stage.baseStage !== null) stage.shell = stages[stage.baseStage].shell;
    for (const ins of stage.instructions) {
      if (ins.keyword === 'SHELL') stage.shell = shellKind(ins.execArgv, ins.args.map((a) => a.value).join(' '));
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const from = ins.flags.find((f) => f.name === 'from')?.value;
        if (from) {
          const s = resolveStage(from);
          if (s !== null) addUnique(stage.dependsOn, s);
          else stage.copiesFromImages.push(from);
        }
      }
      if (ins.keyword === 'RUN') {
        ins.run = runInfo(text, ins, escapeChar, stage.windows ? 'other' : stage.shell, spanOf);
        for (const m of ins.run.mounts) {
          if (m.from) {
            const s = resolveStage(m.from);
            if (s !== null) addUnique(stage.dependsOn, s);
          }
        }
      }
    }
  }
  for (const stage of stages) stage.posixProven = !stage.windows && stage.shell === 'posix';
  for (const ins of instructions) {
    if (ins.keyword === 'RUN' && ins.stage === -1) ins.run = runInfo(text, ins, escapeChar, 'posix', spanOf);
  }
  for (const stage of stages)
    for (const d of stage.dependsOn) if (d !== stage.index) addUnique(stages[d].usedBy, stage.index);
  linkStages(stages);

  return {
    text,
    bom,
    eol,
    finalNewline: /[\r\n]$/.test(text),
    escapeChar,
    lines,
    directives,
    comments,
    instructions,
    stages,
    globalArgs,
    template: /%%[A-Z_]+%%/.test(text),
    ast,
  };
}

/**
 * `(offset) => spans.some((s) => s.start < offset && s.end > offset)`, in log time when the spans
 * are in start order (instructions are): the last span starting before the offset, and the furthest
 * end up to it. Asked for every comment, the linear scan made big commented files quadratic.
 */
function coversOffset(spans: readonly Span[]): (offset: number) => boolean {
  const maxEnd: number[] = [];
  for (let i = 0; i < spans.length; i++) {
    if (i > 0 && spans[i].start < spans[i - 1].start) return (o) => spans.some((s) => s.start < o && s.end > o);
    maxEnd.push(i > 0 ? Math.max(maxEnd[i - 1], spans[i].end) : spans[i].end);
  }
  return (offset) => {
    let lo = 0;
    let hi = spans.length; // first index whose start is >= offset
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1] > offset;
  };
}

function firstLine(s: string): string {
  const i = s.search(/[\r\n]/);
  return i === -1 ? s : s.slice(0, i);
}

function addUnique(list: number[], value: number): void {
  if (!list.includes(value)) list.push(value);
}

/** `argv`: the SHELL's exec-form argv; `written`: its arguments as written, read when argv is null. */
function shellKind(argv: string[] | null, written: string): StageShell {
  const first = argv ? (argv[0] ?? '') : (written.replace(/^\[\s*"?/, '').split(/[",\s]/)[0] ?? '');
  const base = first
    .split(/[\\/]/)
    .pop()!
    .toLowerCase()
    .replace(/\.exe$/, '');
  if (POSIX_SHELLS.has(base)) return 'posix';
  if (base === 'powershell' || base === 'pwsh') return 'powershell';
  if (base === 'cmd') return 'cmd';
  return 'other';
}

function runInfo(
  text: string,
  ins: InstructionNode,
  escapeChar: string,
  shell: StageShell,
  spanOf: RangeToSpan,
): RunInfo {
  const mounts = ins.flags
    .filter((f) => f.name === 'mount' && f.value)
    .map((f) => {
      const m: Record<string, string> = {};
      for (const part of f.value!.split(',')) {
        const eq = part.indexOf('=');
        if (eq === -1) m[part] = 'true';
        else m[part.slice(0, eq)] = part.slice(eq + 1);
      }
      if (!m.type) m.type = 'bind';
      return m;
    });
  if (ins.json) return { form: 'exec', mounts, shell: null, heredocs: [] };
  if (ins.heredoc) return { form: 'heredoc', mounts, shell: null, heredocs: heredocInfo(text, ins, shell, spanOf) };
  if (shell !== 'posix' || !ins.argsSpan) return { form: 'shell', mounts, shell: null, heredocs: [] };
  const lt = logicalText(text, ins.argsSpan.start, ins.argsSpan.end, escapeChar);
  return { form: 'shell', mounts, shell: shellBody(lt, ins.argsSpan), heredocs: [] };
}

function shellBody(lt: LogicalText, span: Span): ShellBody {
  return {
    ...lt,
    span,
    script: parseShell(lt.text),
    fileSpan(start: number, end: number): Span {
      if (end === start) return { start: lt.toFile[start], end: lt.toFile[start] };
      return { start: lt.toFile[start], end: lt.toFile[end - 1] + 1 };
    },
  };
}

type RangeToSpan = (r: {
  start: { line: number; character: number };
  end: { line: number; character: number };
}) => Span;

function heredocInfo(text: string, ins: InstructionNode, shell: StageShell, spanOf: RangeToSpan): HeredocInfo[] {
  const raw =
    (
      ins.raw as unknown as { getHeredocs?: () => { getName(): string; getContentRange(): never | null }[] }
    ).getHeredocs?.() ?? [];
  const firstLineText = ins.argsSpan ? firstLine(text.slice(ins.argsSpan.start, ins.argsSpan.end)).trim() : '';
  // The shell itself runs the body only for `<<NAME` alone or followed by sh/bash.
  const runByShell =
    raw.length === 1 &&
    /^<<-?(["']?)[A-Za-z_][A-Za-z0-9_]*\1(\s+(sh|bash|\/bin\/sh|\/bin\/bash))?$/.test(firstLineText);
  return raw.map((h) => {
    const range = h.getContentRange();
    const content = range ? spanOf(range) : null;
    let script: ShellBody | null = null;
    if (content && runByShell && shell === 'posix') {
      const toFile: number[] = [];
      for (let i = content.start; i <= content.end; i++) toFile.push(i);
      script = shellBody({ text: text.slice(content.start, content.end), toFile }, content);
    }
    return { name: h.getName(), content, script };
  });
}

/** Comment lines directly above an instruction, with no blank line in between, belong to it. */
function attachLeadingComments(instructions: InstructionNode[], comments: CommentLine[], lines: LineIndex): void {
  const byLine = new Map<number, CommentLine>();
  for (const c of comments) if (!c.embedded) byLine.set(lines.lineAt(c.span.start), c);
  for (const ins of instructions) {
    let line = lines.lineAt(ins.span.start) - 1;
    const found: CommentLine[] = [];
    while (line >= 0 && byLine.has(line)) {
      found.unshift(byLine.get(line)!);
      line--;
    }
    ins.leadingComments = found;
  }
}

/**
 * The one walk of the FROM graph: fills each stage's chain, root, descendants, reachesFinal and
 * buildOnly. `baseStage` always names an earlier stage, so one pass in file order suffices.
 */
function linkStages(stages: Stage[]): void {
  for (const stage of stages) {
    const base = stage.baseStage !== null ? stages[stage.baseStage] : undefined;
    stage.chain = base && base.index < stage.index ? [...base.chain, stage.index] : [stage.index];
    stage.root = stage.chain[0];
    stage.descendants = [];
    for (const b of stage.chain) if (b !== stage.index) stages[b].descendants.push(stage.index);
  }
  const final = stages[stages.length - 1];
  for (const stage of stages) {
    stage.reachesFinal = !!final && final.chain.includes(stage.index);
    stage.buildOnly = !stage.isFinal && stage.usedBy.length > 0 && stage.descendants.length === 0;
  }
}

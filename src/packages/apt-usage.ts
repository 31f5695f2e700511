/**
 * What each RUN does with apt's package lists (/var/lib/apt/lists): fetches them (`apt-get update`),
 * reads them (`apt-get install`, `apt-cache ...`), removes them, or uses apt where we cannot read it.
 * Several apt transforms need to know whether a later RUN relies on lists an earlier RUN left.
 */
import type { InstructionNode, SourceDockerfile, Stage } from '../parse/document.js';
import { parseTag } from '../catalog/variants.js';
import { findCommands, findInStrings, type ToolInvocation } from '../shell/find-commands.js';
import { commandBasename } from '../shell/wrapped-command.js';
import type { ShellScript } from '../shell/model.js';
import { descendantStages } from '../parse/stage-history.js';

/**
 * True when the file sets apt up for cache mounts (removes `/etc/apt/apt.conf.d/docker-clean` or
 * sets `Binary::apt::APT::Keep-Downloaded-Packages`): the author manages apt's caches on purpose.
 */
export function aptConfiguredForCacheMounts(doc: SourceDockerfile): boolean {
  return /Keep-Downloaded-Packages|apt\.conf\.d\/docker-clean/.test(doc.text);
}

/**
 * Official images built on Debian or Ubuntu (non-alpine, non-Windows tags). They inherit the
 * `/etc/apt/apt.conf.d/docker-clean` hook of the debian/ubuntu images, which deletes downloaded .deb
 * files and apt's binary caches after every dpkg run, so `apt-get clean` (or removing
 * /var/cache/apt) frees nothing there. openjdk and mysql are left out: their newer tags are Oracle Linux.
 */
const DEBIAN_BASED_OFFICIAL = new Set([
  'debian',
  'ubuntu',
  'buildpack-deps',
  'python',
  'node',
  'ruby',
  'golang',
  'perl',
  'rust',
  'pypy',
  'php',
  'gcc',
  'httpd',
  'nginx',
  'postgres',
  'redis',
  'eclipse-temurin',
]);

/** The root image of `stage` when its apt deletes downloaded packages by itself (docker-clean), else null. */
export function aptCleansDownloads(doc: SourceDockerfile, stage: Stage): string | null {
  const image = doc.stages[stage.root]?.image;
  const ref = image?.resolved ? image.parsed : null;
  if (!ref || !image?.official || !DEBIAN_BASED_OFFICIAL.has(image.official)) return null;
  const tag = parseTag(ref.tag);
  if (tag.alpine || tag.windows || aptConfiguredForCacheMounts(doc)) return null;
  return image.raw;
}

export const APT_TOOLS = ['apt-get', 'apt'] as const;

/** apt-get/apt subcommands that read the package lists. */
export const LIST_CONSUMERS = [
  'install',
  'reinstall',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'build-dep',
  'source',
  'download',
  'satisfy',
  'changelog',
];

/** Words that mention apt in text we do not parse (exec form, heredocs, `sh -c` strings). */
const APT_MENTION = /(^|[^A-Za-z0-9_./-])(apt-get|apt-cache|aptitude|apt)\s/;

export interface AptRunUsage {
  ins: InstructionNode;
  /** `apt-get update` / `apt update` invocations. */
  updates: ToolInvocation[];
  /** Commands that read the lists: apt-get/apt install etc., apt-cache, aptitude install. */
  consumers: ToolInvocation[];
  /** Also refreshes the lists: `add-apt-repository` without `-n` (Ubuntu 18.04+ runs `apt update` itself). */
  refreshes: boolean;
  /** An update (or refresh) runs before the first consumer, so this RUN does not rely on earlier lists. */
  selfUpdated: boolean;
  /** apt is used where we cannot read it (exec form, heredoc, a `sh -c` string, another shell). */
  opaque: string | null;
  /** The RUN removes the lists (`rm ... /var/lib/apt/lists...`). */
  cleansLists: boolean;
  /** The RUN runs a script file or pipes into a shell: it may use apt out of our sight. */
  script: string | null;
}

/** aptUsage results: a document is immutable, and rules ask about the same RUN many times. */
const usageMemo = new WeakMap<InstructionNode, AptRunUsage | null>();

/** How many RUNs aptUsage has read in this process (tests assert it grows linearly with the file). */
export const aptUsageReads = { count: 0 };

/** How a RUN uses apt; null for RUNs that neither mention apt nor run scripts. */
export function aptUsage(doc: SourceDockerfile, ins: InstructionNode): AptRunUsage | null {
  let usage = usageMemo.get(ins);
  if (usage === undefined) {
    aptUsageReads.count++;
    usage = computeAptUsage(doc, ins);
    usageMemo.set(ins, usage);
  }
  return usage;
}

function computeAptUsage(doc: SourceDockerfile, ins: InstructionNode): AptRunUsage | null {
  const body = ins.run?.shell ?? null;
  const base: AptRunUsage = {
    ins,
    updates: [],
    consumers: [],
    refreshes: false,
    selfUpdated: false,
    opaque: null,
    cleansLists: false,
    script: null,
  };
  if (!body) {
    const raw = doc.text.slice(ins.span.start, ins.span.end);
    if (APT_MENTION.test(raw))
      return { ...base, opaque: ins.run ? `apt runs in a ${ins.run.form} RUN` : 'apt runs in a RUN we do not parse' };
    return null;
  }
  const script = body.script;
  const updates = findCommands(script, [...APT_TOOLS, 'aptitude'], { subcommands: ['update'] });
  const consumers = [
    ...findCommands(script, [...APT_TOOLS], { subcommands: LIST_CONSUMERS }),
    ...findCommands(script, ['aptitude'], {
      subcommands: [
        'install',
        'reinstall',
        'upgrade',
        'safe-upgrade',
        'full-upgrade',
        'build-dep',
        'download',
        'source',
      ],
    }),
    ...findCommands(script, ['apt-cache']).filter((i) => i.subcommand !== 'gencaches'),
    ...findCommands(script, ['apt'], {
      subcommands: ['show', 'search', 'policy', 'list', 'depends', 'rdepends', 'showsrc'],
    }),
  ].sort((a, b) => a.command.span.start - b.command.span.start);
  const adders = findCommands(script, ['add-apt-repository', 'apt-add-repository']).filter(
    (i) => !i.argv.some((w) => w.value === '-n' || w.value === '--no-update'),
  );
  const firstConsumer = consumers[0]?.command.span.start ?? Infinity;
  const firstUpdate = Math.min(updates[0]?.command.span.start ?? Infinity, adders[0]?.command.span.start ?? Infinity);
  const strings = findInStrings(script, ['apt-get', 'apt', 'apt-cache', 'aptitude']);
  return {
    ins,
    updates,
    consumers,
    refreshes: adders.length > 0,
    selfUpdated: firstUpdate < firstConsumer,
    opaque: strings.length
      ? `apt runs inside a string (\`${strings[0].name?.text} ...\`) that slimify does not rewrite`
      : null,
    cleansLists: removesAptLists(script),
    script: scriptRun(script),
  };
}

/** The script removes /var/lib/apt/lists (or all of /var/lib/apt). */
export function removesAptLists(script: ShellScript): boolean {
  return script.commands.some((c) => {
    const name = commandBasename(c.name);
    if (name !== 'rm' && name !== 'find' && name !== 'sudo') return false;
    return c.args.some((a) =>
      /^\/var\/lib\/apt(\/lists)?(\/|\/\*|\/\*\*)?$|^\/var\/lib\/apt\/lists\//.test(
        a.value ?? a.text.replace(/["']/g, ''),
      ),
    );
  });
}

/** Build-system scripts that do not install OS packages. */
const BUILD_SCRIPTS = /(^|\/)(configure|autogen\.sh|config\.status|gradlew|mvnw)$/;

const SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'source', '.']);

/** A script file run, or input piped into a shell (`curl ... | bash`): a description, or null. */
export function scriptRun(script: ShellScript): string | null {
  for (const c of script.commands) {
    const name = c.name?.value;
    if (!name) continue;
    if ((/\.(sh|bash)$/.test(name) || name.startsWith('./')) && !BUILD_SCRIPTS.test(name)) return `runs ${name}`;
    const base = commandBasename(c.name)!;
    if (SHELL_NAMES.has(base)) {
      const first = c.args.find((a) => !(a.value ?? '').startsWith('-'));
      const hasC = c.args.some((a) => /^-[a-z]*c[a-z]*$/.test(a.value ?? ''));
      if (!hasC && first) return `runs ${base} ${first.text}`;
      if (!hasC && !first && c.context.pipeline && c.context.pipelineIndex > 0) return `pipes into ${base}`;
    }
  }
  return null;
}

/**
 * The first later RUN that may read the package lists `ins` leaves behind without fetching its own:
 * a consumer without an update before it, apt we cannot read, a script, or an ONBUILD trigger using apt.
 */
export function laterListReader(
  doc: SourceDockerfile,
  ins: InstructionNode,
): { ins: InstructionNode; why: string } | null {
  if (ins.stage < 0) return null;
  // Whether an instruction reads the lists depends on it alone: find the readers once per document,
  // then answer each question with a binary search (rules ask for every RUN: linear, not quadratic).
  const readers = listReaders(doc);
  let lo = 0;
  let hi = readers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (readers[mid].ins.index > ins.index) hi = mid;
    else lo = mid + 1;
  }
  let stages: Set<number> | null = null;
  for (let i = lo; i < readers.length; i++) {
    const r = readers[i];
    if (r.ins.stage !== ins.stage) {
      stages ??= new Set(descendantStages(doc, ins.stage));
      if (!stages.has(r.ins.stage)) continue;
    }
    return r;
  }
  return null;
}

const readersMemo = new WeakMap<SourceDockerfile, { ins: InstructionNode; why: string }[]>();

/** Every instruction that may read package lists an earlier RUN left, in file order, with why. */
function listReaders(doc: SourceDockerfile): { ins: InstructionNode; why: string }[] {
  const known = readersMemo.get(doc);
  if (known) return known;
  const out: { ins: InstructionNode; why: string }[] = [];
  for (const later of doc.instructions) {
    if (later.keyword !== 'RUN' && later.keyword !== 'ONBUILD') continue;
    if (later.stage < 0) continue;
    const line = doc.lines.lineAt(later.span.start) + 1;
    if (later.keyword === 'ONBUILD') {
      if (APT_MENTION.test(doc.text.slice(later.span.start, later.span.end)))
        out.push({ ins: later, why: `an ONBUILD trigger (line ${line}) uses apt` });
      continue;
    }
    const u = aptUsage(doc, later);
    if (!u) continue;
    if (u.opaque) out.push({ ins: later, why: `${u.opaque} (line ${line})` });
    else if (u.consumers.length && !u.selfUpdated)
      out.push({
        ins: later,
        why: `the RUN on line ${line} runs \`${u.consumers[0].tool} ${u.consumers[0].subcommand}\` without its own \`apt-get update\``,
      });
    else if (u.script && !u.selfUpdated)
      out.push({
        ins: later,
        why: `the RUN on line ${line} ${u.script}, which may use apt without \`apt-get update\``,
      });
  }
  readersMemo.set(doc, out);
  return out;
}

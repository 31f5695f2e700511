/**
 * What a stage needs from the packages `apt-get install` only recommends, and where to add them
 * explicitly when `--no-install-recommends` is added: ca-certificates before an HTTPS download,
 * xauth for xvfb-run, dirmngr for key server look-ups, setuptools/wheel for an old pip, a font for
 * graphviz/wkhtmltopdf. Which package is only a Recommends comes from the generated Debian data
 * (src/catalog/debian); the needs come from the rule table in src/catalog/debian/needs.ts.
 */
import type { InstructionNode, ShellBody, SourceDockerfile } from '../../src/parse/document.js';
import type { SimpleCommand, Word } from '../../src/shell/model.js';
import { operands, type ToolInvocation } from '../../src/shell/find-commands.js';
import { isUnwrapFailure, unwrapCommand } from '../../src/shell/wrapped-command.js';
import { findInvocation, isInvocationFailure } from '../../src/shell/lang-invocations.js';
import { instructionsBefore, laterInstructions } from '../../src/parse/stage-history.js';
import { stageVariables } from '../../src/parse/stage-env.js';
import { expandVariables } from '../../src/parse/variables.js';
import { FONT_USERS, NEEDS, isFontPackage, type NeedId } from '../../src/catalog/debian/needs.js';
import {
  baseCarries,
  existsInEverySuite,
  fontsOf,
  debianData,
  pipNeedsBuildTools,
  relation,
  suiteOf,
  type SuiteInfo,
} from '../../src/catalog/debian/lookup.js';

/** One `apt-get install` / `apt install` in the file. */
export interface InstallSite {
  ins: InstructionNode;
  body: ShellBody;
  inv: ToolInvocation;
  /** File offset of the command (orders sites and uses). */
  pos: number;
  /** Package names of the static operands (version/arch suffixes removed). */
  packages: string[];
  /** Some operand is dynamic, or packages come through xargs: the list is not fully known. */
  openList: boolean;
  /** This transform adds `--no-install-recommends` to it. */
  flagged: boolean;
}

/** A place where the stage needs something. */
interface Use {
  need: NeedId;
  ins: InstructionNode;
  pos: number;
  what: string;
}

export type Addition = { packages: string[]; reasons: string[] } | { skip: string };

/** `pkg=1.2`, `pkg:amd64`, `pkg/bookworm-backports` -> `pkg`. */
export function packageName(operand: string): string | null {
  const name = operand.replace(/[=/].*$/, '').replace(/:[a-z0-9]+$/, '');
  return /^[a-z0-9][a-z0-9+.-]+$/.test(name) ? name : null;
}

export function siteOf(ins: InstructionNode, body: ShellBody, inv: ToolInvocation, flagged: boolean): InstallSite {
  const ops = operands(inv);
  const packages: string[] = [];
  let openList = inv.viaXargs;
  for (const w of ops) {
    const n = w.value === null ? null : packageName(w.value);
    if (n) packages.push(n);
    else openList = true;
  }
  return {
    ins,
    body,
    inv,
    pos: body.fileSpan(inv.command.span.start, inv.command.span.end).start,
    packages,
    openList,
    flagged,
  };
}

/** The image a stage's filesystem starts from (following `FROM <stage>`). */
export function rootImage(doc: SourceDockerfile, stage: number) {
  let s = doc.stages[stage];
  const seen = new Set<number>();
  while (s && s.baseStage !== null && !seen.has(s.index)) {
    seen.add(s.index);
    s = doc.stages[s.baseStage];
  }
  return s?.image ?? null;
}

const TLS_TOOLS = new Set(['curl', 'wget', 'git', 'apt-key', 'add-apt-repository', 'gpg', 'gpg2', 'svn', 'aria2c']);
const GIT_REMOTE = new Set(['clone', 'fetch', 'pull', 'submodule', 'ls-remote', 'archive', 'remote']);
const KEYSERVER =
  /^--(keyserver|recv-keys?|receive-keys|search-keys|locate-keys?|fetch-keys|refresh-keys)(=|$)|^--recv$/;
const APT_HTTPS_SOURCE = /\bdeb(\s+\[[^\]]*\])?\s+https:\/\//;
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh']);

/** Needs of one simple command (with the stage's ENV/ARG values for `$URL` words). */
function commandNeeds(cmd: SimpleCommand, vars: ReadonlyMap<string, string | undefined>): NeedId[] {
  const out: NeedId[] = [];
  const text = (w: Word): string | null => (w.value !== null ? w.value : expandVariables(w.text, vars).value);
  const all = [...(cmd.name ? [cmd.name] : []), ...cmd.args];
  if (all.some((w) => /git\+https:\/\//.test(text(w) ?? '') || APT_HTTPS_SOURCE.test(text(w) ?? ''))) out.push('https');
  const un = unwrapCommand(cmd);
  if (un === null || isUnwrapFailure(un)) return out;
  const argv = un.argv;
  const vals = argv.map(text);
  const p = un.program;
  if (SHELLS.has(p)) {
    const c = argv.findIndex((w) => w.value !== null && /^-[a-z]*c$/.test(w.value));
    const s = c === -1 ? '' : (text(argv[c + 1] ?? argv[c]) ?? '');
    if (/\b(curl|wget|git)\b/.test(s) && /https:\/\//.test(s)) out.push('https');
    if (/\bxvfb-run\b/.test(s)) out.push('xvfb-run');
    return out;
  }
  if (p === 'xvfb-run') out.push('xvfb-run');
  const unknownOperand = argv.some((w, i) => vals[i] === null && !w.text.startsWith('-'));
  if (TLS_TOOLS.has(p)) {
    const https = vals.some((v) => v !== null && /(https|hkps):\/\//.test(v));
    const http = vals.some((v) => v !== null && /http:\/\//.test(v));
    const has = (...names: string[]) =>
      vals.some((v) => v !== null && names.some((n) => v === n || v.startsWith(`${n}=`)));
    const shortHas = (c: string) => vals.some((v) => v !== null && /^-[A-Za-z]+$/.test(v) && v.includes(c));
    if (p === 'curl') {
      const insecure = has('--insecure') || shortHas('k');
      if (!insecure && (https || unknownOperand || (http && (has('--location') || shortHas('L'))))) out.push('https');
    } else if (p === 'wget') {
      // wget follows redirects by default, and many http:// addresses now redirect to https://.
      if (!has('--no-check-certificate') && (https || http || unknownOperand)) out.push('https');
    } else if (p === 'git') {
      const sub = vals.find((v) => v !== null && !v.startsWith('-'));
      if (sub && GIT_REMOTE.has(sub)) {
        const remoteKnown = vals.some((v) => v !== null && /^(git@|ssh:\/\/|git:\/\/|file:\/\/|\/)/.test(v));
        if (https || unknownOperand || (!remoteKnown && sub !== 'clone' && sub !== 'remote')) out.push('https');
      }
    } else if (p === 'add-apt-repository') {
      out.push('https');
    } else if (https) out.push('https');
    if ((p === 'apt-key' && vals.includes('adv')) || p === 'gpg' || p === 'gpg2') {
      if (vals.some((v) => v !== null && KEYSERVER.test(v))) out.push('keyserver');
    }
  }
  return out;
}

function scripts(ins: InstructionNode): ShellBody[] {
  const out: ShellBody[] = [];
  if (ins.run?.shell && !ins.run.shell.script.hasErrors) out.push(ins.run.shell);
  for (const h of ins.run?.heredocs ?? []) if (h.script && !h.script.script.hasErrors) out.push(h.script);
  return out;
}

/** Every use of a need in the instructions after `site` (same RUN after it, later in the stage and in stages built on it). */
function usesAfter(doc: SourceDockerfile, site: InstallSite): Use[] {
  const out: Use[] = [];
  const later = [site.ins, ...laterInstructions(doc, site.ins)];
  for (const ins of later) {
    const vars = new Map<string, string | undefined>();
    for (const [k, v] of stageVariables(doc, ins)) vars.set(k, v ?? undefined);
    for (const body of scripts(ins)) {
      for (const cmd of body.script.commands) {
        const pos = body.fileSpan(cmd.span.start, cmd.span.end).start;
        if (ins === site.ins && pos <= site.pos) continue;
        for (const need of commandNeeds(cmd, vars)) {
          out.push({
            need,
            ins,
            pos,
            what: body.script.text.slice(cmd.span.start, cmd.span.end).split(/\s+/).slice(0, 3).join(' '),
          });
        }
        const pip = findInvocation(cmd);
        if (pip && !isInvocationFailure(pip) && pip.tool === 'pip' && pip.subcommand?.value === 'install') {
          const selfUpgrade = pip.rest.some((w) => w.value !== null && /^pip([<>=!~].*)?$/.test(w.value));
          out.push({ need: 'pip-build', ins, pos, what: selfUpgrade ? 'pip-upgrade' : 'pip install' });
        }
      }
    }
    if (
      ins !== site.ins &&
      (ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT' || (ins.keyword === 'RUN' && ins.json))
    ) {
      const words = ins.args.map((a) => a.value).join(' ');
      if (/\bxvfb-run\b/.test(words)) out.push({ need: 'xvfb-run', ins, pos: ins.span.start, what: 'xvfb-run' });
      if (ins.keyword === 'RUN' && /\b(curl|wget|git)\b/.test(words) && /https:\/\//.test(words))
        out.push({ need: 'https', ins, pos: ins.span.start, what: words.split(/\s+/).slice(0, 3).join(' ') });
    }
  }
  return out;
}

/** Install sites whose packages are on the filesystem when `use` runs. */
function sitesBefore(doc: SourceDockerfile, sites: readonly InstallSite[], ins: InstructionNode, pos: number) {
  const before = new Set(instructionsBefore(doc, ins));
  return sites.filter((s) => before.has(s.ins) || (s.ins === ins && s.pos < pos));
}

/** Mentions of Xvfb started directly (then xvfb-run, and so xauth, is not what the stage uses). */
function startsXvfbDirectly(doc: SourceDockerfile, site: InstallSite): boolean {
  for (const ins of [site.ins, ...laterInstructions(doc, site.ins)]) {
    for (const body of scripts(ins)) {
      if (body.script.commands.some((c) => c.name?.value && /(^|\/)Xvfb$/.test(c.name.value))) return true;
    }
    if ((ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') && ins.args.some((a) => /(^|\/)Xvfb\b/.test(a.value)))
      return true;
  }
  return false;
}

/**
 * For each flagged install site, the packages to add to its list (or why the edit must be skipped).
 * Sites are processed in file order; a package planned for an earlier site counts as installed.
 */
export function planAdditions(doc: SourceDockerfile, sites: readonly InstallSite[]): Map<InstallSite, Addition> {
  const plan = new Map<InstallSite, Addition>();
  const planned = new Map<InstallSite, Set<string>>();
  const data = debianData();
  for (const site of sites) {
    if (!site.flagged) continue;
    const image = rootImage(doc, site.ins.stage);
    const suite: SuiteInfo = suiteOf(image, data);
    const where = suite.suite ?? 'a base image whose tag names no Debian/Ubuntu release';
    const add = new Set<string>();
    const reasons: string[] = [];
    let skip: string | null = null;
    const uses = usesAfter(doc, site);
    /** Is `pkg` on the filesystem (without recommends) before the use at ins/pos? */
    const installed = (pkg: string, ins: InstructionNode, pos: number): boolean => {
      if (baseCarries(image, pkg)) return true;
      for (const s of sitesBefore(doc, sites, ins, pos)) {
        if (s === site) continue;
        if (s.packages.includes(pkg) || planned.get(s)?.has(pkg)) return true;
        if (suite.hasData && s.packages.some((p) => relation(suite.suite, p, pkg, data) === 'depends')) return true;
      }
      if (site.packages.includes(pkg)) return true;
      return suite.hasData && site.packages.some((p) => relation(suite.suite, p, pkg, data) === 'depends');
    };
    /** Does this site bring `pkg` when recommends are on (or can that not be ruled out)? */
    const brings = (pkg: string): string | null => {
      if (site.openList) return site.packages[0] ?? 'the package list';
      if (suite.hasData) return site.packages.find((p) => relation(suite.suite, p, pkg, data) !== 'none') ?? null;
      // No data for the suite: a package that pulls it in on some Debian suite, or that the data does not know.
      return site.packages.find((p) => data.suites.some((s) => relation(s, p, pkg, data) !== 'none')) ?? null;
    };
    const exists = (pkg: string): boolean =>
      suite.hasData ? !(data.missing[suite.suite!] ?? '').split(' ').includes(pkg) : existsInEverySuite(pkg, data);
    const consider = (
      need: NeedId,
      pkgs: readonly string[],
      use: { ins: InstructionNode; pos: number; what: string },
    ) => {
      for (const pkg of pkgs) {
        if (add.has(pkg) || installed(pkg, use.ins, use.pos)) continue;
        const from = brings(pkg);
        if (!from) continue;
        if (!exists(pkg)) {
          skip ??= `the stage needs ${pkg} (${NEEDS.find((n) => n.id === need)!.what}) but no package data shows that name in ${where}`;
          continue;
        }
        add.add(pkg);
        reasons.push(
          `${pkg}: ${NEEDS.find((n) => n.id === need)!.what} (\`${use.what}\`), and ${
            suite.hasData
              ? `${from} only recommends it in Debian ${suite.suite}`
              : `there is no package data for ${where}, so it is kept explicitly`
          }`,
        );
      }
    };
    for (const use of uses) {
      const rule = NEEDS.find((n) => n.id === use.need)!;
      if (use.need === 'pip-build') continue;
      consider(use.need, rule.packages, use);
    }
    // pip: needs python3-pip from apt, a pip older than 23.1 on the suite, and a pip install before any pip self-upgrade.
    const pipUses = uses.filter((u) => u.need === 'pip-build');
    const firstPip = pipUses[0];
    if (
      firstPip &&
      firstPip.what !== 'pip-upgrade' &&
      pipNeedsBuildTools(suite.hasData ? suite.suite : null, data) !== false
    ) {
      const hasAptPip = sitesBefore(doc, sites, firstPip.ins, firstPip.pos).some((s) =>
        s.packages.includes('python3-pip'),
      );
      if (hasAptPip) consider('pip-build', NEEDS.find((n) => n.id === 'pip-build')!.packages, firstPip);
    }
    // xvfb installed here and started through a script we cannot see (not Xvfb directly): xvfb-run.
    if (site.packages.includes('xvfb') && !uses.some((u) => u.need === 'xvfb-run') && !startsXvfbDirectly(doc, site)) {
      consider('xvfb-run', ['xauth'], {
        ins: site.ins,
        pos: site.pos + 1,
        what: 'xvfb installed, started out of sight',
      });
    }
    // fonts: a font user installed here, no font through Depends or installed explicitly.
    for (const user of FONT_USERS.filter((u) => site.packages.includes(u))) {
      const chain = [...sitesBefore(doc, sites, site.ins, site.pos), site];
      if (chain.some((s) => s.packages.some(isFontPackage) || [...(planned.get(s) ?? [])].some(isFontPackage)))
        continue;
      if ([...add].some(isFontPackage)) continue;
      const rel = suite.hasData ? fontsOf(suite.suite, user, data) : null;
      if (rel && rel.depends.length) continue;
      let fonts: string[];
      if (rel) fonts = rel.recommends;
      else {
        // No data for the suite: a font the package gets (Depends or Recommends) in every suite of the data, same name.
        const per = data.suites.map((s) => fontsOf(s, user, data)).filter((r) => r !== null);
        const all = (r: { depends: string[]; recommends: string[] }) => [...r.depends, ...r.recommends];
        fonts = per.length
          ? all(per[0])
              .filter((f) => per.every((r) => all(r).includes(f)))
              .slice(0, 1)
          : [];
      }
      if (!fonts.length) {
        skip ??= `${user} needs a font, and no package data names one for ${where}`;
        continue;
      }
      for (const f of fonts) {
        if (add.has(f)) continue;
        add.add(f);
        reasons.push(
          `${f}: ${NEEDS.find((n) => n.id === 'fonts')!.what}, and ${user} ${rel ? `gets no font through Depends in Debian ${suite.suite}` : `gets ${f} in every Debian suite of the data, and there is none for ${where}`}`,
        );
      }
    }
    if (skip) plan.set(site, { skip });
    else {
      planned.set(site, add);
      plan.set(site, { packages: [...add], reasons });
    }
  }
  return plan;
}

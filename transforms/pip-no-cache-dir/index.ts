/** pip-no-cache-dir: `pip install --no-cache-dir`, so pip's download/wheel cache does not stay in the layer (hadolint DL3042). */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import { cacheMountServing } from '../../src/parse/cache-mounts.js';
import { notInFinalImage } from '../../src/parse/stage-ships.js';
import { stageVariables } from '../../src/parse/stage-env.js';
import {
  findInvocation,
  isInvocationFailure,
  nestedShellMention,
  type ToolInvocation,
} from '../../src/shell/lang-invocations.js';
import {
  instructionText,
  instructionsUpTo,
  rootOfficialImage,
  shellRuns,
  stageReachesImage,
  type RuleInfo,
} from '../../src/lang/rule-kit.js';
import { skipFinding } from '../../src/engine/skip-finding.js';
import { MB } from '../../src/packages/run-gate.js';
import { baseRelease, olderThan } from '../../src/parse/legacy-base.js';
import { OPTION_SINCE, pinVerdict } from '../../src/lang/tool-pins.js';

const ID = 'pip-no-cache-dir';
const RULE: RuleInfo = { id: ID, code: 'pip-no-cache-dir', hadolint: 'DL3042' };

/** Default pip cache directories (XDG cache of root and of a typical user). */
const PIP_CACHE_DIRS = ['/root/.cache/pip', '/home/*/.cache/pip'];
const PIP_CACHE_MARKERS = ['.cache/pip', 'pip'];

/** `pip install` options that take a separate value. */
const INSTALL_VALUE_OPTIONS = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--src',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--upgrade-strategy',
  '--global-option',
  '--install-option',
  '--config-settings',
  '-C',
  '--progress-bar',
  '--report',
  '--only-binary',
  '--no-binary',
  '--trusted-host',
  '--cert',
  '--client-cert',
  '--proxy',
  '--timeout',
  '--retries',
  '--log',
  '--cache-dir',
  '--exists-action',
  '--root-user-action',
  '--use-feature',
  '--use-deprecated',
  '--python',
  '--keyring-provider',
  '--group',
]);

/**
 * Releases whose packaged pip predates --no-cache-dir (pip 6.0, Dec 2014): Ubuntu up to 15.10 ships
 * pip 1.5, Debian 7/8 pip 1.1/1.5.6, Alpine 3.1 pip 1.5. pip 1.5 has no cache to disable and stops
 * with "no such option: --no-cache-dir".
 */
const OLD_PIP_RELEASES = { ubuntu: [16, 4], debian: [9, 0], alpine: [3, 3] } as const satisfies Record<
  string,
  [number, number]
>;
/** A RUN that replaces the packaged pip with a current one (get-pip.py, pip install -U pip, easy_install pip). */
const PIP_UPGRADE =
  /get-pip\.py|\bpip[0-9.]*\s+install\s+(-[^\s]+\s+)*(-U|--upgrade)\s+(-[^\s]+\s+)*pip\b|\bpip[0-9.]*\s+install\s+(-[^\s]+\s+)*pip\s+(-[^\s]+\s+)*(-U|--upgrade)\b|easy_install\s+(-U\s+)?pip\b/;

const REQ_FILE_BYTES = 30 * MB;
const PACKAGE_BYTES = 5 * MB;
const NOTE =
  'heuristic: pip keeps every downloaded archive and built wheel in ~/.cache/pip, about the compressed size of what it installs; ' +
  'counted as 30 MB per requirements file (-r) and 5 MB per named package, at least 5 MB per command';

function estimateBytes(inv: ToolInvocation): number {
  let files = 0;
  let packages = 0;
  const words = inv.rest;
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value ?? words[i].text;
    if (v === '-r' || v === '--requirement') {
      files++;
      i++;
    } else if (/^(-r.|--requirement=)/.test(v)) files++;
    else if (v === '-e' || v === '--editable') {
      packages++;
      i++;
    } else if (v.startsWith('-')) {
      if (INSTALL_VALUE_OPTIONS.has(v)) i++;
    } else packages++;
  }
  return Math.max(5 * MB, files * REQ_FILE_BYTES + packages * PACKAGE_BYTES);
}

const transform: Transform = {
  meta: {
    id: ID,
    title: 'pip install --no-cache-dir',
    tier: 'safe',
    category: 'layer',
    description:
      'Adds --no-cache-dir to pip install so the pip cache is not kept in the image layer (hadolint DL3042).',
    docs: 'transforms/pip-no-cache-dir/README.md',
  },
  run(doc) {
    const { runs, skips } = shellRuns(doc, RULE, /\bpip[0-9.]*\b[\s\S]*\binstall\b|-m\s*pip/);
    const out: FindingDraft[] = [...skips];
    for (const { ins, body, stage } of runs) {
      // On an old distribution the pip that runs may be the packaged one, too old for the flag,
      // unless an earlier RUN replaced it (a new shell then finds the new pip first on PATH).
      // The official python images install a current pip with get-pip.py whatever their Debian/Alpine release.
      const tooOld =
        rootOfficialImage(doc, stage) === 'python' ? null : olderThan(baseRelease(doc, stage), OLD_PIP_RELEASES);
      const upgradedBefore =
        tooOld !== null &&
        instructionsUpTo(doc, ins).some(
          (i) => i !== ins && i.keyword === 'RUN' && PIP_UPGRADE.test(instructionText(doc, i)),
        );
      const vars = stageVariables(doc, ins);
      if (vars.has('PIP_NO_CACHE_DIR')) continue; // ENV/ARG already turns the cache off (any value does, see pip's _handle_no_cache_dir)
      const cmds = body.script.commands;
      // `export PIP_NO_CACHE_DIR=1` / `PIP_NO_CACHE_DIR=1;` earlier in the same RUN.
      const exportedAt = cmds.find(
        (c) =>
          (c.name === null && c.assignments.some((a) => a.text.startsWith('PIP_NO_CACHE_DIR='))) ||
          (c.name?.value &&
            ['export', 'declare', 'typeset', 'readonly'].includes(c.name.value) &&
            c.args.some((a) => (a.value ?? a.text).startsWith('PIP_NO_CACHE_DIR'))),
      );
      for (const cmd of cmds) {
        const span = body.fileSpan(cmd.span.start, cmd.span.end);
        const nested = nestedShellMention(cmd, /\bpip[0-9.]*\s+install\b|-m\s+pip\s+install\b/);
        if (nested) {
          out.push(
            skipFinding(
              RULE,
              span,
              'uncertain',
              'pip install runs inside a command string handed to another shell (sh -c / su -c); the string is not rewritten',
            ),
          );
          continue;
        }
        const inv = findInvocation(cmd);
        if (!inv || inv.tool !== 'pip') continue;
        if (isInvocationFailure(inv)) {
          out.push(skipFinding(RULE, span, 'uncertain', `this pip command could not be read: ${inv.reason}`));
          continue;
        }
        if (inv.subcommand?.value !== 'install') continue;
        const all = [...inv.globalOptions, ...inv.rest];
        // optparse takes any unambiguous prefix of a long option: `--no-cache` is `--no-cache-dir`.
        if (all.some((w) => /^--no-cache(-(d(i(r)?)?)?)?$/.test(w.value ?? ''))) continue;
        if (inv.unwrapped.env.has('PIP_NO_CACHE_DIR')) continue;
        if (exportedAt && exportedAt.span.start < cmd.span.start) continue;
        const cacheDirs = [...PIP_CACHE_DIRS];
        const envDir = inv.unwrapped.env.get('PIP_CACHE_DIR') ?? vars.get('PIP_CACHE_DIR');
        if (envDir) cacheDirs.push(envDir);
        const cacheDirOpt = all.findIndex(
          (w) => w.value === '--cache-dir' || (w.value ?? '').startsWith('--cache-dir='),
        );
        if (cacheDirOpt !== -1) {
          const v = all[cacheDirOpt].value!;
          const dir = v.includes('=') ? v.slice(v.indexOf('=') + 1) : all[cacheDirOpt + 1]?.value;
          if (dir) cacheDirs.push(dir);
        }
        const mount = cacheMountServing(ins, cacheDirs, PIP_CACHE_MARKERS);
        if (mount) {
          out.push(
            skipFinding(
              RULE,
              span,
              'cache-mount',
              `a BuildKit cache mount (${mount}) holds the pip cache outside the image; --no-cache-dir would defeat it`,
            ),
          );
          continue;
        }
        if (cacheDirOpt !== -1) {
          out.push(
            skipFinding(
              RULE,
              span,
              'uncertain',
              'the command names its own --cache-dir; the author chose where the cache goes (it may be removed later)',
            ),
          );
          continue;
        }
        if (!stageReachesImage(doc, stage)) {
          out.push(
            skipFinding(
              RULE,
              span,
              'builder-stage',
              `stage ${stage?.name ?? stage?.index} is only copied from; its pip cache does not reach the final image`,
            ),
          );
          continue;
        }
        // A test or lint stage (nothing that ships is built on it): its pip cache never ships.
        const notFinal = notInFinalImage(doc, stage);
        if (notFinal) {
          out.push(skipFinding(RULE, span, 'no-saving', `${notFinal}; its pip cache never ships`));
          continue;
        }
        const pinned = pinVerdict(doc, ins, OPTION_SINCE.pipNoCacheDir, 'pip', cmd.span.start);
        if (pinned?.allows === 'no') {
          out.push(
            skipFinding(
              RULE,
              span,
              'uncertain',
              `line ${pinned.pin.line} pins pip (${pinned.pin.text}) to a version without --no-cache-dir (pip 6.0+); it would stop with "no such option"`,
            ),
          );
          continue;
        }
        if (tooOld && !upgradedBefore && pinned?.allows !== 'yes') {
          out.push(
            skipFinding(
              RULE,
              span,
              'uncertain',
              `${tooOld}: its packaged pip (1.x) has no --no-cache-dir (pip 6.0+) and would stop with "no such option", and no earlier RUN upgrades pip`,
            ),
          );
          continue;
        }
        const at = body.fileSpan(inv.subcommand.span.start, inv.subcommand.span.end).end;
        out.push({
          code: RULE.code,
          message:
            'pip install keeps downloaded packages and built wheels in ~/.cache/pip inside this layer; --no-cache-dir stops that without changing what is installed.',
          span,
          edits: [{ start: at, end: at, text: ' --no-cache-dir' }],
          estimate: { bytes: estimateBytes(inv), basis: 'heuristic', note: NOTE },
          hadolint: 'DL3042',
        });
      }
    }
    return out;
  },
};

export default transform;

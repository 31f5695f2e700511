/** copy-chown: `COPY` then `RUN chown -R`/`chmod -R` of the same path becomes `COPY --chown`/`--chmod`, so the files are stored once. */
import type { Edit, FindingDraft, SkipReason, Transform } from '../../src/engine/types.js';
import type { InstructionNode, SourceDockerfile } from '../../src/parse/document.js';
import type { SimpleCommand, Word } from '../../src/shell/model.js';
import { buildkitEvidence } from '../../src/parse/buildkit.js';
import { instructionsBefore, isWithin, resolvePath, workdirAt } from '../../src/parse/stage-history.js';

const ID = 'copy-chown';

/** Directories base images commonly ship with content: a recursive chown there also changed files the COPY did not add. */
const SYSTEM_DIRS = new Set([
  '/',
  '/bin',
  '/boot',
  '/etc',
  '/home',
  '/lib',
  '/lib64',
  '/opt',
  '/root',
  '/run',
  '/sbin',
  '/srv',
  '/tmp',
  '/usr',
  '/usr/bin',
  '/usr/lib',
  '/usr/local',
  '/usr/local/bin',
  '/usr/local/lib',
  '/usr/local/share',
  '/usr/sbin',
  '/usr/share',
  '/usr/src',
  '/var',
  '/var/cache',
  '/var/lib',
  '/var/log',
  '/var/run',
  '/var/tmp',
  '/var/www',
  '/usr/share/nginx/html',
]);
const COMMON_FLAGS = /^(-[vcf]+|--verbose|--changes|--silent|--quiet)$/;
const OWNER = /^[A-Za-z0-9_][A-Za-z0-9_-]*:[A-Za-z0-9_][A-Za-z0-9_-]*$/;
const OCTAL = /^[0-7]{3,4}$/;

const transform: Transform = {
  meta: {
    id: ID,
    title: 'Use COPY --chown/--chmod instead of a recursive chown/chmod RUN',
    tier: 'review',
    category: 'layer',
    description:
      'COPY followed by RUN chown -R/chmod -R of the same path: the RUN stores every copied file a second time; COPY --chown/--chmod stores it once.',
    docs: 'transforms/copy-chown/README.md',
  },
  run(doc) {
    const out: FindingDraft[] = [];
    for (const copy of doc.instructions) {
      if (copy.keyword !== 'COPY' || copy.stage < 0) continue;
      const run = doc.instructions[copy.index + 1];
      const script = run?.run?.shell?.script;
      if (!run || run.keyword !== 'RUN' || run.stage !== copy.stage || !script || script.hasErrors) continue;
      // Leading chown/chmod commands of the RUN, before anything else can write into the copied tree.
      for (const item of script.chain) {
        const cmd = item.simple;
        const name = cmd?.name?.value;
        if (!cmd || (name !== 'chown' && name !== 'chmod') || (item.opBefore !== null && item.opBefore !== '&&')) break;
        const finding = consider(doc, copy, run, cmd, name);
        if (finding) {
          out.push(finding);
          break; // one flag per pass: two insertions at the same point would conflict
        }
      }
    }
    return out;
  },
};

function consider(
  doc: SourceDockerfile,
  copy: InstructionNode,
  run: InstructionNode,
  cmd: SimpleCommand,
  name: 'chown' | 'chmod',
): FindingDraft | null {
  const body = run.run!.shell!;
  let recursive: Word | null = null;
  const operands: Word[] = [];
  for (const w of cmd.args) {
    if (
      w.value === '-R' ||
      w.value === '--recursive' ||
      (w.value && /^-[A-Za-z]*R[A-Za-z]*$/.test(w.value) && /^-[Rvcf]+$/.test(w.value))
    )
      recursive = w;
    else if (w.value && COMMON_FLAGS.test(w.value)) continue;
    else if (w.value?.startsWith('-') && w.value !== '-')
      return null; // -h, --from, --reference ...: not what COPY does
    else operands.push(w);
  }
  if (!recursive) return null;
  const flag = name === 'chown' ? 'chown' : 'chmod';
  const lineOf = (i: InstructionNode) => doc.lines.lineAt(i.span.start) + 1;
  const skip = (reason: SkipReason): FindingDraft => ({
    code: `copy-then-${name}`,
    message: `The RUN on line ${lineOf(run)} runs ${name} -R after the COPY on line ${lineOf(copy)}, which stores the copied files a second time; not rewritten to COPY --${flag}: ${reason.detail}.`,
    span: { start: copy.span.start, end: run.span.end },
    skipped: reason,
  });
  const stage = doc.stages[copy.stage];
  if (!stage.posixProven) return skip({ code: 'non-posix-shell', detail: 'not a POSIX stage' });
  if (doc.template) return skip({ code: 'template', detail: 'the file is a %%PLACEHOLDER%% template' });
  if (operands.length !== 2)
    return skip({
      code: 'uncertain',
      detail: `${name} has ${operands.length - 1} paths; only one path equal to the COPY destination is rewritten`,
    });
  const [spec, target] = operands;
  if (spec.value === null || target.value === null)
    return skip({ code: 'variable', detail: 'the owner/mode or the path depends on a shell expansion' });
  if (name === 'chown' && !OWNER.test(spec.value)) {
    return skip({
      code: 'uncertain',
      detail: `owner "${spec.value}" is not user:group (COPY --chown=user alone sets the group to the user's id, chown leaves it)`,
    });
  }
  if (name === 'chmod' && !OCTAL.test(spec.value))
    return skip({ code: 'uncertain', detail: `mode "${spec.value}" is not octal; COPY --chmod takes octal modes` });
  if (copy.flags.some((f) => f.name.toLowerCase() === flag))
    return skip({ code: 'other', detail: `the COPY already has --${flag}` });
  if (copy.flags.some((f) => !['from', 'link', 'chown', 'chmod'].includes(f.name.toLowerCase())))
    return skip({ code: 'uncertain', detail: 'the COPY has flags this rule does not know' });
  if (name === 'chmod') {
    if (!buildkitEvidence(doc))
      return skip({
        code: 'uncertain',
        detail:
          'COPY --chmod needs BuildKit (dockerfile syntax 1.3+); add a # syntax=docker/dockerfile:1 directive to enable this rewrite',
      });
  }
  const dest = copyDestination(doc, copy);
  if (dest === null || dest.includes('$'))
    return skip({ code: 'variable', detail: 'the COPY destination could not be read statically' });
  const wd = workdirAt(doc, run);
  const destPath = resolvePath(workdirAt(doc, copy), dest);
  const targetPath = resolvePath(wd, target.value);
  if (destPath === null || targetPath === null)
    return skip({
      code: 'uncertain',
      detail: 'a relative path depends on a WORKDIR that is not known (base image or variable)',
    });
  if (destPath !== targetPath)
    return skip({ code: 'uncertain', detail: `${name} -R ${targetPath} is not the COPY destination ${destPath}` });
  if (SYSTEM_DIRS.has(targetPath))
    return skip({
      code: 'uncertain',
      detail: `${targetPath} usually holds files from the base image, which ${name} -R changed too`,
    });
  for (const prev of instructionsBefore(doc, copy)) {
    if (prev.keyword === 'USER') {
      const u = prev.args.map((a) => a.value).join(' ');
      if (!/^(root|0)(:(root|0))?$/.test(u)) return skip({ code: 'uncertain', detail: `the RUN runs as USER ${u}` });
    }
    const wrote = writesInto(doc, prev, targetPath);
    if (wrote)
      return skip({
        code: 'uncertain',
        detail: `${targetPath} may already hold files (${wrote} on line ${lineOf(prev)}); ${name} -R changed those too`,
      });
  }
  const edits: Edit[] = [
    { start: copy.keywordSpan.end, end: copy.keywordSpan.end, text: ` --${flag}=${spec.value}` },
    removeRecursive(doc, body, recursive),
  ];
  return {
    code: `copy-then-${name}`,
    message:
      `The RUN on line ${lineOf(run)} runs ${name} -R on ${targetPath} right after the COPY on line ${lineOf(copy)}: every copied file is stored again in the RUN's layer. ` +
      `COPY --${flag}=${spec.value} stores it once; the RUN keeps a non-recursive ${name} for the directory itself (COPY --${flag} does not change a directory that already existed).`,
    span: { start: copy.span.start, end: run.span.end },
    edits,
    estimate: {
      bytes: null,
      basis: 'heuristic',
      note: `saves one full copy of what the COPY added (a recursive ${name} rewrites every file into a new layer); the size of the build context is not known statically`,
    },
    warnings:
      name === 'chown'
        ? [
            `--chown=${spec.value} resolves names when the COPY runs, like chown; parent directories the COPY creates may get this owner too (BuildKit)`,
          ]
        : [`--chmod needs BuildKit (${buildkitEvidence(doc)})`],
  };
}

/** The COPY destination as written (last argument, JSON form included). */
function copyDestination(doc: SourceDockerfile, copy: InstructionNode): string | null {
  if (copy.json) {
    const argv = copy.execArgv;
    return argv && argv.length >= 2 ? argv[argv.length - 1] : null;
  }
  return copy.args.length >= 2 ? copy.args[copy.args.length - 1].value : null;
}

/** Why an earlier instruction may have put files in `path` (null when it evidently did not). */
function writesInto(doc: SourceDockerfile, prev: InstructionNode, path: string): string | null {
  if (prev.keyword === 'COPY' || prev.keyword === 'ADD') {
    const d = copyDestination(doc, prev);
    const resolved = d === null ? null : resolvePath(workdirAt(doc, prev), d);
    if (resolved === null || isWithin(resolved, path) || isWithin(path, resolved)) return `${prev.keyword}`;
  }
  if (prev.keyword === 'WORKDIR') {
    const wd = workdirAt(doc, doc.instructions[prev.index + 1] ?? prev);
    if (wd === null || (wd !== path && isWithin(wd, path))) return 'WORKDIR';
  }
  if (prev.keyword === 'RUN') {
    // An unknown working directory comes from the base image; it being inside a fresh app path is not considered (see README).
    const wd = workdirAt(doc, prev);
    if (wd !== null && isWithin(wd, path)) return 'a RUN in that directory';
    const text = doc.text.slice(prev.span.start, prev.span.end);
    if (text.includes(path) && !onlyMkdir(prev, path)) return 'a RUN that names it';
  }
  return null;
}

/** The RUN mentions the path only in `mkdir [-p] path` (and chown/chmod of it). */
function onlyMkdir(run: InstructionNode, path: string): boolean {
  const script = run.run?.shell?.script;
  if (!script) return false;
  return script.commands
    .filter(
      (c) => c.args.some((a) => a.value !== null && a.value.includes(path)) || (c.name?.text ?? '').includes(path),
    )
    .every((c) => ['mkdir', 'chown', 'chmod'].includes(c.name?.value ?? ''));
}

/** Removes `-R` (or the R of `-Rv`) and one adjacent space. */
function removeRecursive(
  doc: SourceDockerfile,
  body: NonNullable<InstructionNode['run']>['shell'] & object,
  w: Word,
): Edit {
  const span = body.fileSpan(w.span.start, w.span.end);
  if (w.value !== '-R' && w.value !== '--recursive') {
    return { ...span, text: w.text.replace('R', '') };
  }
  if (doc.text[span.end] === ' ') return { start: span.start, end: span.end + 1, text: '' };
  if (doc.text[span.start - 1] === ' ') return { start: span.start - 1, end: span.end, text: '' };
  return { ...span, text: '' };
}

export default transform;

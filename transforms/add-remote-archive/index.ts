/** add-remote-archive: `ADD <url>` of an archive that the next RUN unpacks and deletes becomes a download inside that RUN; other remote ADDs are reported. */
import type { FindingDraft, Transform } from '../../src/engine/types.js';
import type { InstructionNode, SourceDockerfile } from '../../src/parse/document.js';
import type { SimpleCommand } from '../../src/shell/model.js';
import { instructionsBefore } from '../../src/parse/stage-history.js';
import { runPart, joinText } from '../../src/edit/run-join.js';
import { continuationIndent } from '../../src/edit/style.js';

const ID = 'add-remote-archive';
const URL_RE = /^https?:\/\//i;
const SAFE_IN_DOUBLE_QUOTES = /^[^"\\`\s]+$/;

const transform: Transform = {
  meta: {
    id: ID,
    title: 'Download remote archives inside the RUN that unpacks them',
    tier: 'review',
    category: 'layer',
    description:
      'ADD <url> followed by a RUN that unpacks and deletes the file keeps the archive in its own layer; downloading in that RUN does not. Remote ADDs without --checksum are reported.',
    docs: 'transforms/add-remote-archive/README.md',
  },
  run(doc) {
    const out: FindingDraft[] = [];
    for (const add of doc.instructions) {
      if (add.keyword !== 'ADD' || add.stage < 0 || add.json) continue;
      const sources = add.args.slice(0, -1).map((a) => a.value);
      const url = sources.find((s) => URL_RE.test(s));
      if (!url) continue;
      const line = doc.lines.lineAt(add.span.start) + 1;
      const span = add.span;
      const checksum = add.flags.find((f) => f.name.toLowerCase() === 'checksum');
      const extract = extractingRun(doc, add, url, sources.length);
      if (checksum) {
        if (extract.run) {
          out.push({
            code: 'remote-archive-checksum',
            span,
            message: `ADD on line ${line} downloads ${url} with --checksum and the next RUN unpacks and deletes it; the archive still stays in the ADD layer. Left as is: a RUN download would have to verify the checksum itself (e.g. sha256sum -c).`,
            skipped: {
              code: 'uncertain',
              detail: 'ADD --checksum verifies the download; the rewrite would drop that check',
            },
          });
        }
        continue;
      }
      if (!extract.run) {
        out.push({
          code: 'remote-add-unverified',
          span,
          message: `ADD on line ${line} downloads ${url} with no --checksum: the file is not verified and the build is not reproducible. Pin it with ADD --checksum=sha256:… (BuildKit) or download and verify it in a RUN.`,
          warnings: extract.why ? [extract.why] : undefined,
        });
        continue;
      }
      if (extract.skip) {
        out.push({
          code: 'remote-archive-layer',
          span: { start: add.span.start, end: extract.run.span.end },
          message: `ADD on line ${line} downloads ${url}, which the next RUN unpacks and deletes; the archive still stays in the ADD layer. Not rewritten: ${extract.skip}.`,
          skipped: { code: 'uncertain', detail: extract.skip },
        });
        continue;
      }
      const run = extract.run;
      const part = runPart(doc, run);
      if (!('ins' in part)) continue;
      const indent = continuationIndent(doc, run);
      const download =
        extract.tool === 'curl'
          ? `curl -fsSL --create-dirs -o "${extract.file}" "${url}"`
          : `wget -q -O "${extract.file}" "${url}"`;
      out.push({
        code: 'remote-archive-layer',
        message:
          `ADD on line ${line} downloads ${url} into its own layer; the RUN after it unpacks and deletes it, but a later delete does not remove it from the image. ` +
          `Downloading with ${extract.tool} inside that RUN keeps the archive out of every layer.`,
        span: { start: add.span.start, end: run.span.end },
        edits: [
          deleteInstructionLines(doc, add),
          { start: part.headStart, end: part.headStart, text: download + joinText(doc, indent, []) },
        ],
        estimate: {
          bytes: null,
          basis: 'heuristic',
          note: 'saves the archive size (the ADD layer keeps the compressed file; the rm in the next RUN does not free it); not fetched to measure',
        },
        warnings: [
          'the download is not verified: consider pinning it with a checksum (sha256sum -c)',
          'ADD sets the file mtime from Last-Modified and mode 600; the unpacked contents are unaffected',
        ],
      });
    }
    return out;
  },
};

interface Extraction {
  run: InstructionNode | null;
  file?: string;
  tool?: 'curl' | 'wget';
  skip?: string;
  why?: string;
}

/** Finds the RUN right after the ADD that unpacks and deletes the downloaded file, and whether the rewrite is possible. */
function extractingRun(doc: SourceDockerfile, add: InstructionNode, url: string, sourceCount: number): Extraction {
  const run = doc.instructions[add.index + 1];
  const script = run?.run?.shell?.script;
  if (!run || run.keyword !== 'RUN' || run.stage !== add.stage || !script || script.hasErrors) return { run: null };
  const dest = add.args[add.args.length - 1].value;
  const base =
    url
      .replace(/[?#].*$/, '')
      .split('/')
      .pop() ?? '';
  const file = dest.endsWith('/') ? dest + base : dest;
  const top = script.commands.filter(
    (c) =>
      !c.context.compound && !c.context.subshell && !c.context.condition && !c.context.orList && !c.context.pipeline,
  );
  const names = (c: SimpleCommand) => c.args.map((a) => a.value ?? '');
  const unpacks = top.some(
    (c) =>
      (c.name?.value === 'tar' &&
        names(c).some((a) => a === file || a.endsWith(`f${file}`) || a === `--file=${file}`)) ||
      (c.name?.value === 'unzip' && names(c).includes(file)),
  );
  const deletes = top.some((c) => c.name?.value === 'rm' && names(c).includes(file));
  if (!unpacks || !deletes)
    return { run: null, why: unpacks ? 'the next RUN unpacks it but does not delete it' : undefined };
  const stage = doc.stages[add.stage];
  if (!stage.posixProven) return { run, skip: 'not a POSIX stage' };
  if (doc.template) return { run, skip: 'the file is a %%PLACEHOLDER%% template' };
  if (sourceCount !== 1) return { run, skip: 'the ADD has more than one source' };
  if (add.flags.length) return { run, skip: `the ADD has flags (${add.flags.map((f) => '--' + f.name).join(' ')})` };
  if (!file.startsWith('/') || !base || !SAFE_IN_DOUBLE_QUOTES.test(file) || !SAFE_IN_DOUBLE_QUOTES.test(url))
    return { run, skip: 'the destination is not an absolute file path that can be quoted safely' };
  if (!dest.endsWith('/') && !/\.[A-Za-z0-9]+$/.test(dest))
    return { run, skip: 'the destination may be an existing directory' };
  const part = runPart(doc, run);
  if (!('ins' in part)) return { run, skip: part.detail };
  if (!part.andOnly)
    return { run, skip: 'the RUN joins commands with ; or ||, so a failed download would not stop it' };
  if (run.flags.length) return { run, skip: 'the RUN has --mount/--network flags' };
  const tool = downloader(doc, add);
  if (!tool) return { run, skip: 'neither curl nor wget is known to be installed in this stage' };
  if (tool === 'wget' && !/^\/(tmp\/)?[^/]+$/.test(file))
    return { run, skip: 'only wget is known, and it does not create the destination directory' };
  return { run, file, tool };
}

/** curl or wget when an earlier RUN of the stage (or its base stages) installs or uses it. */
function downloader(doc: SourceDockerfile, ins: InstructionNode): 'curl' | 'wget' | null {
  const found = new Set<string>();
  for (const prev of instructionsBefore(doc, ins)) {
    for (const c of prev.run?.shell?.script.commands ?? []) {
      const name = c.name?.value ?? '';
      if (name === 'curl' || name === 'wget') found.add(name);
      if (
        ['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf'].includes(name) &&
        c.args.some((a) => a.value === 'install' || a.value === 'add')
      ) {
        for (const a of c.args) if (a.value === 'curl' || a.value === 'wget') found.add(a.value);
      }
      // A later removal (apt-get purge curl) makes it unknown again.
      if (
        ['apt-get', 'apt', 'apk', 'yum', 'dnf'].includes(name) &&
        c.args.some((a) => ['purge', 'remove', 'del', 'autoremove', 'erase'].includes(a.value ?? ''))
      ) {
        for (const a of c.args) if (a.value === 'curl' || a.value === 'wget') found.delete(a.value);
      }
    }
  }
  const stage = doc.stages[ins.stage];
  if (stage.image?.parsed && /(^|\/)buildpack-deps$/.test(stage.image.official ?? '')) found.add('curl');
  return found.has('curl') ? 'curl' : found.has('wget') ? 'wget' : null;
}

/** Deletes the lines of an instruction (its leading comments stay, above what follows). */
function deleteInstructionLines(doc: SourceDockerfile, ins: InstructionNode) {
  const from = doc.lines.starts[doc.lines.lineAt(ins.span.start)];
  const last = doc.lines.lineAt(ins.span.end);
  return { start: from, end: doc.lines.starts[last + 1] ?? doc.text.length, text: '' };
}

export default transform;

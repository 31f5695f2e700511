/**
 * The base transforms over ../shared/corpus: every image reference they write exists in the
 * catalog (listed now, or in the past when the original was from that era), and they leave
 * digest-pinned references, private/unknown images, stage references and Windows images alone.
 * Runs the transforms directly (not through the engine) so the check does not depend on the
 * engine's own post-conditions.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, parseDockerfile } from '../../src/index.js';
import { applyEdits } from '../../src/text/edits.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { officialName, repositoryName } from '../../src/parse/image-ref.js';
import type { Context, FindingDraft, Transform } from '../../src/engine/types.js';
import type { SourceDockerfile, Stage } from '../../src/parse/document.js';
import slimBase from '../../transforms/slim-base/index.js';
import alpineBase from '../../transforms/alpine-base/index.js';
import { corpusFiles, CORPUS_DIR } from '../helpers/corpus.js';

const files = corpusFiles();
if (!files.length) console.warn(`[corpus] ${CORPUS_DIR} not found: base transform corpus tests skipped`);
const catalog = loadCatalog();

const runs: [string, Transform, Context][] = [
  ['slim-base (default options)', slimBase, { options: {}, target: 'slim', catalog }],
  [
    'slim-base (dependencies: compile, builders: true)',
    slimBase,
    { options: { dependencies: 'compile', builders: true }, target: 'slim', catalog },
  ],
  [
    'alpine-base (--target alpine, dependencies: prebuilt)',
    alpineBase,
    { options: { dependencies: 'prebuilt' }, target: 'alpine', catalog },
  ],
];

const repoOf = (s: Stage) =>
  s.image?.parsed ? (officialName(s.image.parsed) ?? repositoryName(s.image.parsed)) : null;
const fromText = (doc: SourceDockerfile, s: Stage) => doc.text.slice(s.from.span.start, s.from.span.end);

describe.skipIf(!files.length)('base transforms over the corpus', () => {
  beforeAll(async () => {
    await initShellParser();
  });

  for (const [label, transform, ctx] of runs) {
    describe(label, () => {
      const results: { file: string; doc: SourceDockerfile; findings: FindingDraft[]; out: SourceDockerfile | null }[] =
        [];
      beforeAll(() => {
        for (const path of files) {
          const doc = parseDockerfile(readFileSync(path, 'utf8'));
          const findings = transform.run(doc, ctx);
          const edits = findings.flatMap((f) => f.edits ?? []);
          results.push({
            file: basename(path),
            doc,
            findings,
            out: edits.length ? parseDockerfile(applyEdits(doc.text, edits)) : null,
          });
        }
        const changed = results.filter((r) => r.out).length;
        const skips: Record<string, number> = {};
        for (const r of results)
          for (const f of r.findings) if (f.skipped) skips[f.skipped.code] = (skips[f.skipped.code] ?? 0) + 1;
        console.log(
          `[corpus] ${label}: ${changed}/${results.length} files changed; skipped stages by reason: ${JSON.stringify(skips)}`,
        );
      });

      it('changes some files and skips others with a typed reason', () => {
        expect(results.some((r) => r.out)).toBe(true);
        for (const r of results)
          for (const f of r.findings)
            expect(Boolean(f.edits?.length) !== Boolean(f.skipped), `${r.file}: ${f.message}`).toBe(true);
      });

      it('writes only image references the catalog lists', () => {
        const bad: string[] = [];
        for (const { file, doc, out } of results) {
          if (!out) continue;
          expect(out.stages.length, file).toBe(doc.stages.length);
          out.stages.forEach((s, i) => {
            const before = doc.stages[i].image?.resolved;
            const after = s.image?.resolved;
            if (after === before) return;
            const repo = repoOf(s);
            const tag = s.image?.parsed?.tag ?? 'latest';
            const status = repo ? catalog.tagStatus(repo, tag) : 'unknown-image';
            const beforeStatus = doc.stages[i].image?.parsed
              ? catalog.tagStatus(repoOf(doc.stages[i])!, doc.stages[i].image!.parsed!.tag ?? 'latest')
              : 'never';
            if (!(status === 'current' || (status === 'past' && beforeStatus === 'past')))
              bad.push(`${file}: ${before} -> ${after} (${status})`);
          });
        }
        expect(bad).toEqual([]);
      });

      it('leaves digests, private and unknown images, stage references, scratch and Windows images alone', () => {
        const touched: string[] = [];
        for (const { file, doc, out } of results) {
          if (!out) continue;
          doc.stages.forEach((s, i) => {
            const untouchable =
              s.image === null || // FROM <stage> or scratch
              s.windows ||
              Boolean(s.image.parsed?.digest) ||
              (s.image.parsed !== null && !catalog.hasImage(repoOf(s)!));
            if (untouchable && fromText(doc, s) !== fromText(out, out.stages[i]))
              touched.push(`${file}: ${fromText(doc, s)}`);
          });
        }
        expect(touched).toEqual([]);
      });

      it('is idempotent: a second run on the output makes no edits', () => {
        const again: string[] = [];
        for (const { file, out } of results) {
          if (!out) continue;
          if (transform.run(out, ctx).some((f) => f.edits?.length)) again.push(file);
        }
        expect(again).toEqual([]);
      });
    });
  }
});

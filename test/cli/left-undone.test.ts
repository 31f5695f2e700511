/** What was left undone, warnings, estimates and small messages, in text and Markdown (real transforms). */
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempTree } from '../helpers/cli-harness.js';
import { initShellParser, slimifySync, transforms } from '../../src/index.js';
import { parsedOutput } from '../../src/api/slimify.js';
import { selectTransforms } from '../../src/engine/select.js';
import { notRunNotes } from '../../src/cli/left-undone.js';
import { fullTag } from '../../src/bases/switch.js';

const GO =
  'FROM golang:1.19\nWORKDIR /src\nCOPY go.mod main.go ./\nRUN CGO_ENABLED=0 go build -o /usr/local/bin/service .\nCMD ["/usr/local/bin/service"]\n';
const GO_HEALTH = GO + 'HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1\n';
const PY = 'FROM python:3.11\nCOPY app.py /\nRUN pip install flask\nCMD ["python","/app.py"]\n';
const APT = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n';

beforeAll(() => initShellParser());

const run = (root: string, args: string[]) => cli(root, args, { transforms });

describe('left undone, in text', () => {
  it('names a skipped base switch with its reason, and a split not proven safe with why and how to get it', async () => {
    // No go.mod in the build context: nothing proves the module pure Go.
    const r = await run(tempTree({ Dockerfile: GO, 'main.go': 'package main\n' }), []);
    expect(r.stderr).toMatch(/left undone: slim-base \(line 1\): golang has no slim variant/);
    expect(r.stderr).toMatch(
      /left undone: split-runtime-stage \(line 1\): would apply: Ships only the Go binary on .*; not proven safe: the build context does not prove the module pure Go.*; add --level review or --enable split-runtime-stage/,
    );
    expect(r.stdout).toBe('');
    const review = await run(tempTree({ Dockerfile: GO }), ['--level', 'review']);
    expect(review.stderr).not.toContain('not run');
    expect(review.stderr).not.toContain('not proven safe');
    // The split handled the stage slim-base could not: not left undone.
    expect(review.stderr).not.toContain('left undone: slim-base');
  });

  it('splits a pure Go build at the default level when the build context proves it (safe tier)', async () => {
    const root = tempTree({ Dockerfile: GO, 'go.mod': 'module x\n', 'main.go': 'package main\n' });
    const json = JSON.parse((await run(root, ['--format', 'json'])).stdout);
    const split = json.files[0].findings.find((f: { transform: string }) => f.transform === 'split-runtime-stage');
    expect(split).toMatchObject({ applied: true, tier: 'safe' });
    const r = await run(root, []);
    expect(r.stdout).toContain('+FROM gcr.io/distroless/static-debian12:');
    expect(r.stderr).not.toContain('left undone');
    // os/exec in the program: distroless has no tools to start, so it needs the review tier.
    const exec = tempTree({
      Dockerfile: GO,
      'go.mod': 'module x\n',
      'main.go': 'package main\n\nimport (\n\t"fmt"\n\t"os/exec"\n)\n',
    });
    const held = await run(exec, []);
    expect(held.stdout).toBe('');
    expect(held.stderr).toMatch(/not proven safe: main\.go imports os\/exec/);
  });

  it('shows a warning that matters for a working image (kept HEALTHCHECK) in text and Markdown', async () => {
    const root = tempTree({ Dockerfile: GO_HEALTH });
    const r = await run(root, ['--level', 'review']);
    expect(r.stderr).toMatch(/(warning|left undone): split-runtime-stage \(line 1\): .*HEALTHCHECK/);
    const md = await run(root, ['--level', 'review', '--format', 'markdown']);
    expect(md.stdout).toContain('### Left undone and warnings');
    expect(md.stdout).toMatch(/`Dockerfile`: (warning|left undone): split-runtime-stage \(line 1\): .*HEALTHCHECK/);
  });

  it('lists nothing when nothing headline is left undone', async () => {
    const r = await run(tempTree({ Dockerfile: APT }), []);
    expect(r.stderr).not.toContain('left undone');
  });

  it('Markdown has the left-undone lines outside the collapsed table', async () => {
    const md = await run(tempTree({ Dockerfile: GO }), ['--format', 'markdown']);
    const head = md.stdout.split('<details>')[0];
    expect(head).toMatch(/left undone: slim-base \(line 1\)/);
    expect(head).toMatch(/left undone: split-runtime-stage/);
  });
});

describe('estimates', () => {
  it('say compressed or uncompressed and never add the two', async () => {
    const root = tempTree({ Dockerfile: PY });
    const r = await run(root, []);
    const line = r.stderr.split('\n').find((l) => l.startsWith('Dockerfile:'))!;
    expect(line).toMatch(/est\. [\d.]+ MB smaller \(uncompressed\), [\d.]+ MB smaller \(compressed pull size\)/);
    expect(r.stderr).toMatch(/saved \(uncompressed\), [\d.]+ MB saved \(compressed pull size\)/);
    const md = await run(root, ['--format', 'markdown']);
    expect(md.stdout).toMatch(
      /estimated saving \*\*[\d.]+ MB \(uncompressed\), [\d.]+ MB \(compressed pull size\)\*\*/,
    );
    expect(md.stdout).toMatch(/\| `slim-base` \| .* \| [\d.]+ MB compressed \|/);
    const json = JSON.parse((await run(root, ['--format', 'json'])).stdout);
    const sizes = json.files[0].findings
      .filter((f: { applied: boolean }) => f.applied)
      .map((f: { estimate: { size?: string } }) => f.estimate.size ?? 'uncompressed');
    expect(new Set(sizes)).toEqual(new Set(['compressed', 'uncompressed']));
  });
});

describe('small messages', () => {
  it('--check says "would change"', async () => {
    const r = await run(tempTree({ Dockerfile: APT }), ['--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^1 file\(s\), 1 would change/m);
    expect(r.stdout).not.toMatch(/1 changed/);
  });

  it('--write on a read-only file reports it once', async () => {
    const root = tempTree({ Dockerfile: APT });
    chmodSync(join(root, 'Dockerfile'), 0o444);
    const r = await run(root, ['--write']);
    expect(r.code).toBe(2);
    expect(r.stderr.match(/read-only/g)).toHaveLength(1);
    expect(r.stderr).toContain('slimify: error: Dockerfile: is read-only (not written)');
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toBe(APT);
  });

  it('names the full image tag in the toolchain reason (no "3.9buster")', () => {
    expect(fullTag('3.9-slim-buster')).toBe('3.9-buster');
    expect(fullTag('3.11-slim')).toBe('3.11');
    expect(fullTag('slim-bookworm')).toBe('bookworm');
    expect(fullTag('slim')).toBe('latest');
  });

  it('the toolchain reason names the full python:3.9-buster image and the missing evidence', async () => {
    const r = await run(
      tempTree({ Dockerfile: 'FROM python:3.9-buster\nRUN pip install -r requirements.txt\nCMD ["python3"]\n' }),
      [],
    );
    expect(r.stderr).not.toMatch(/3\.9buster/);
    // The CLI reads the build context (the temporary folder): it has no requirements.txt.
    expect(r.stderr).toMatch(
      /python:3\.9-buster kept: nothing proves `pip install -r requirements\.txt` needs no compiler \(no requirements\.txt in the build context\)/,
    );
  });
});

describe('notRunNotes reuses the parsed output', () => {
  it('slimifySync keeps the parsed output of a changed and an unchanged result (BOM stripped), none on error', () => {
    for (const text of [APT, '\uFEFF' + APT, GO, 'FROM debian:12\nRUN ${\n']) {
      const r = slimifySync(text);
      const doc = parsedOutput(r);
      if (r.status === 'error') expect(doc).toBeUndefined();
      else expect(doc?.text).toBe(r.output.replace(/^\uFEFF/, ''));
    }
  });

  it('gives the same notes with the reused document as with a fresh parse', () => {
    const all = transforms;
    for (const text of [GO, GO_HEALTH, PY, APT]) {
      for (const options of [{}, { target: 'alpine' as const }, { only: ['apt-lists-cleanup'] }]) {
        const selected = selectTransforms(all, options);
        const r = slimifySync(text, options);
        expect(parsedOutput(r)).toBeDefined();
        // A copy of the result has no cached document: notRunNotes parses the output itself.
        expect(notRunNotes(r, options, all, selected)).toEqual(notRunNotes({ ...r }, options, all, selected));
      }
    }
    // The split runs at the safe level (proven findings only); it is "not run" when --only leaves it out.
    const only = { only: ['slim-base'] };
    const goNotes = notRunNotes(slimifySync(GO, only), only, all, selectTransforms(all, only));
    expect(goNotes.join('\n')).toContain('split-runtime-stage (review tier, not run)');
  });
});

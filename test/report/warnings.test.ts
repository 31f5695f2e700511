/** Warnings that matter for a working image reach the text and Markdown output, not only JSON. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transforms as registry } from '../../src/index.js';
import { cli, tempTree } from '../helpers/cli-harness.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const GO = readFileSync(
  join(REPO_ROOT, 'transforms/split-runtime-stage/__fixtures__/go-basic.input.Dockerfile'),
  'utf8',
);
const CGO_WARNING = /cgo is left as the Dockerfile has it/;

describe('warnings of applied findings', () => {
  it('follow the summary line in the text output (diff, --check, --write, stdin)', async () => {
    const diff = await cli(tempTree({ Dockerfile: GO }), ['--level', 'review'], { transforms: registry });
    expect(diff.stderr).toMatch(
      /Dockerfile: \d+ change\(s\).*\n {2}warning: split-runtime-stage \(line 2\): cgo is left/,
    );
    const check = await cli(tempTree({ Dockerfile: GO }), ['--level', 'review', '--check'], { transforms: registry });
    expect(check.stdout).toMatch(CGO_WARNING);
    const write = await cli(tempTree({ Dockerfile: GO }), ['--level', 'review', '--write'], { transforms: registry });
    expect(write.stdout).toMatch(CGO_WARNING);
    const stdin = await cli(tempTree({}), ['--level', 'review', '-'], { stdin: GO, transforms: registry });
    expect(stdin.stderr).toMatch(CGO_WARNING);
  });

  it('are listed in the Markdown report', async () => {
    const r = await cli(tempTree({ Dockerfile: GO }), ['--level', 'review', '--format', 'markdown'], {
      transforms: registry,
    });
    expect(r.stdout).toMatch(/### Left undone and warnings/);
    expect(r.stdout).toMatch(
      /- `Dockerfile`: warning: split-runtime-stage \(line 2\): cgo is left as the Dockerfile has it/,
    );
  });

  it('are not printed for files without warnings', async () => {
    const r = await cli(tempTree({ Dockerfile: 'FROM debian:bookworm\nRUN apt update\n' }), [], {
      transforms: registry,
    });
    expect(r.stderr).not.toMatch(/warning:/);
  });
});

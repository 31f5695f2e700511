/** Flags users bring from other CLIs, mistyped flags, config keys, subcommands' own flags. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempTree } from '../helpers/cli-harness.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { configDocs, configProblem } from '../../src/cli/config-schema.js';
import { closest, editDistance } from '../../src/cli/suggest.js';
import { transforms } from '../../src/index.js';

const FAT = 'FROM debian:bookworm\nRUN apt update && apt install -y curl\n';

describe('short flags and --no-color', () => {
  it('-h prints the help, -v the version', async () => {
    const root = tempTree({});
    const h = await cli(root, ['-h']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--write');
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    expect((await cli(root, ['-v'])).stdout.trim()).toBe(pkg.version);
  });

  it('--no-color wins over a terminal and --color', async () => {
    const root = tempTree({ Dockerfile: FAT });
    expect((await cli(root, [], { tty: true })).stdout).toContain('\x1b[');
    const r = await cli(root, ['--no-color', '--color'], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('diff --git');
    expect(r.stdout).not.toContain('\x1b[');
  });
});

describe('unknown flags', () => {
  it('names the closest real flag', async () => {
    const r = await cli(tempTree({ Dockerfile: FAT }), ['--wrte']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option --wrte (did you mean --write?)');
  });

  it('suggests nothing when nothing is close, and names each unknown flag once', async () => {
    const r = await cli(tempTree({ Dockerfile: FAT }), ['--xyz-abc', '--formt', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option --xyz-abc\n');
    expect(r.stderr).not.toContain('xyzAbc');
    expect(r.stderr).toContain('unknown option --formt (did you mean --format?)');
  });

  it('suggests from the subcommand’s own flags', async () => {
    const r = await cli(tempTree({}), ['pr', '--dryrun']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean --dry-run?');
  });

  it('edit distance and closest', () => {
    expect(editDistance('wrte', 'write')).toBe(1);
    expect(editDistance('chekc', 'check')).toBe(1);
    expect(closest('wrte', ['write', 'check'])).toBe('write');
    expect(closest('zzz', ['write', 'check'])).toBeNull();
  });
});

describe('subcommands accept only their own flags', () => {
  it('verify --write and verify --check are usage errors, not builds', async () => {
    for (const flag of ['--write', '--check', '--list-transforms']) {
      const r = await cli(tempTree({ Dockerfile: FAT }), ['verify', flag]);
      expect(r.code, flag).toBe(2);
      expect(r.stderr).toContain(`unknown option ${flag}`);
      expect(r.stderr).not.toMatch(/engine|build/i);
    }
  });

  it('verify --smoke without a value is a usage error', async () => {
    const r = await cli(tempTree({ Dockerfile: FAT }), ['verify', '--smoke']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Not enough arguments following: smoke/);
  });

  it('verify --help and pr --help list only their flags; --format choices are what each accepts', async () => {
    const root = tempTree({});
    const v = await cli(root, ['verify', '--help']);
    expect(v.stdout).toContain('--smoke');
    expect(v.stdout).not.toMatch(/--write|--check|--list-transforms|--stdin-filepath|--dry-run/);
    expect(v.stdout).toMatch(/--format\s+\[string\] \[choices: "text", "json"\]/);
    const p = await cli(root, ['pr', '--help']);
    expect(p.stdout).toContain('--dry-run');
    expect(p.stdout).toContain('--level');
    expect(p.stdout).not.toMatch(/--write|--check|--format|--smoke|--engine/);
    const m = await cli(root, ['--help']);
    expect(m.stdout).toContain('[choices: "text", "json", "markdown", "sarif"]');
    // --smoke belongs to the main command's --verify too; --dry-run is pr's alone.
    expect(m.stdout).not.toMatch(/--dry-run|--rewritten/);
  });

  it('--format without a value is a usage error', async () => {
    const r = await cli(tempTree({ Dockerfile: FAT }), ['--format']);
    expect(r.code).toBe(2);
  });
});

describe('config keys', () => {
  it('an unknown key in .slimifyrc.json is exit 2 naming the key', async () => {
    const root = tempTree({ Dockerfile: FAT, '.slimifyrc.json': '{ "levle": "review" }' });
    const r = await cli(root, []);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown key "levle" (did you mean "level"?)');
    expect(r.stdout).toBe('');
  });

  it('an unknown key in package.json "slimify" and in a section is named with its path', async () => {
    const root = tempTree({ Dockerfile: FAT, 'package.json': JSON.stringify({ slimify: { pr: { labelz: ['x'] } } }) });
    const r = await cli(root, []);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown key "pr.labelz" (did you mean "pr.labels"?)');
  });

  it('known keys of every type pass; wrong types fail', () => {
    expect(
      configProblem({
        level: 'review',
        only: ['a'],
        transforms: { x: { y: 1 } },
        verify: { engine: 'podman', smokeTimeout: 5 },
        pr: { draft: true },
      }),
    ).toBeNull();
    expect(configProblem({ level: 'fast' })).toMatch(/"level" must be one of safe, review/);
    expect(configProblem({ verify: { smokeTimeout: '5' } })).toMatch(/"verify.smokeTimeout" must be a number/);
    expect(configProblem({ transforms: { x: 1 } })).toMatch(/"transforms.x" must be an object/);
    expect(configProblem([])).toMatch(/must be a JSON object/);
  });

  it('the README documents the config from the same schema', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme, 'run npx tsx scripts/readme-config.ts').toContain(configDocs());
  });
});

describe('--target alpine without the review tier', () => {
  it('says why nothing switched', async () => {
    const root = tempTree({ Dockerfile: 'FROM python:3.11\nCMD ["python"]\n' });
    const r = await cli(root, ['--target', 'alpine'], { transforms });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /note: --target alpine switches no base image: alpine-base .* review tier .* --level review/,
    );
    const review = await cli(root, ['--target', 'alpine', '--level', 'review'], { transforms });
    expect(review.stderr).not.toContain('--target alpine switches no base image');
    writeFileSync(join(root, '.slimifyrc.json'), '{"skip":["alpine-base"],"target":"alpine","level":"review"}');
    expect((await cli(root, [], { transforms })).stderr).toContain('it is skipped');
  });
});

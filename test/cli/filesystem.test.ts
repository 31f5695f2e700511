/** Real filesystems: concurrent edits, symlinks, owners, unreadable and odd inputs, ignore files. */
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempTree } from '../helpers/cli-harness.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { ChangedOnDiskError, readInput, writeFileAtomic } from '../../src/cli/io.js';
import { transforms } from '../../src/index.js';

const FAT = 'FROM debian:bookworm\nRUN apt update && apt install -y curl\n';
const FIXED = FAT.replace('apt update && apt install', 'apt-get update && apt-get install');
const APT = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n';
const BIN = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

describe('--write and what is on disk', () => {
  it('does not write when the file changed after it was read', async () => {
    const root = tempTree({ Dockerfile: FAT });
    const path = join(root, 'Dockerfile');
    const { stamp } = await readInput(path);
    appendFileSync(path, 'RUN echo appended by another process\n');
    await expect(writeFileAtomic(path, FIXED, stamp)).rejects.toBeInstanceOf(ChangedOnDiskError);
    expect(readFileSync(path, 'utf8')).toBe(FAT + 'RUN echo appended by another process\n');
    // Same size and content but a new time is a change too; unchanged is written.
    const again = await readInput(path);
    await writeFileAtomic(path, FIXED, again.stamp);
    expect(readFileSync(path, 'utf8')).toBe(FIXED);
  });

  it('writes a symlinked Dockerfile through to its target and keeps the link', async () => {
    const root = tempTree({ 'real/Dockerfile': FAT });
    symlinkSync('real/Dockerfile', join(root, 'Dockerfile'));
    const r = await cli(root, ['--write', 'Dockerfile']);
    expect(r.code).toBe(0);
    expect(lstatSync(join(root, 'Dockerfile')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, 'Dockerfile'))).toBe('real/Dockerfile');
    expect(readFileSync(join(root, 'real/Dockerfile'), 'utf8')).toBe(FIXED);
  });

  it.runIf(isRoot)('keeps the owner and group of a file written as root', async () => {
    const root = tempTree({ Dockerfile: FAT });
    chownSync(join(root, 'Dockerfile'), NOBODY, NOBODY);
    const r = await cli(root, ['--write']);
    expect(r.code).toBe(0);
    const st = statSync(join(root, 'Dockerfile'));
    expect([st.uid, st.gid]).toEqual([NOBODY, NOBODY]);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toBe(FIXED);
  });
});

describe('discovery says what it skips', () => {
  it('reports a symlinked Dockerfile and a symlinked folder inside a folder', async () => {
    const root = tempTree({ 'a/Dockerfile': APT, 'other/x.Dockerfile': APT });
    symlinkSync('a/Dockerfile', join(root, 'Dockerfile'));
    symlinkSync('other', join(root, 'linked'));
    const r = await cli(root, ['.']);
    expect(r.stderr).toContain('slimify: note: Dockerfile: skipped: symbolic link, not followed');
    expect(r.stderr).toContain('slimify: note: linked: skipped: symbolic link to a folder, not followed');
    expect(r.code).toBe(0);
  });

  it('reports an unreadable sub-folder (exit 2) and still processes the rest', async () => {
    const root = tempTree({ 'ok/Dockerfile': APT, 'locked/Dockerfile': APT });
    chmodSync(root, 0o755);
    chmodSync(join(root, 'ok'), 0o755);
    chmodSync(join(root, 'ok/Dockerfile'), 0o644);
    chmodSync(join(root, 'locked'), 0o000);
    // As root every folder is readable: run as nobody then.
    // Not spawnSync: a blocked worker cannot answer vitest on a loaded machine.
    const r = await new Promise<{ status: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, '--format', 'json', '.'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'ignore'],
        ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
      });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout }));
    });
    chmodSync(join(root, 'locked'), 0o755);
    expect(r.status).toBe(2);
    const report = JSON.parse(r.stdout);
    const byPath = Object.fromEntries(report.files.map((f: { path: string }) => [f.path, f]));
    expect(byPath['ok/Dockerfile'].status).toBe('changed');
    expect(byPath.locked.status).toBe('error');
    expect(byPath.locked.error).toMatch(/cannot read this folder \(EACCES\)/);
    expect(report.totals.errors).toBe(1);
  });
});

describe('every input path is in the reports, with its reason', () => {
  const tree = () => {
    const root = tempTree({
      'a/Dockerfile': APT,
      'bin/Dockerfile': Buffer.from([0x46, 0x52, 0x00, 0x01, 0x02]),
      'latin1/Dockerfile': Buffer.from('FROM debian\n# caf\xe9\n', 'latin1'),
      'u16/Dockerfile': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(APT, 'utf16le')]),
      'u16nobom/Dockerfile': Buffer.from(APT, 'utf16le'),
    });
    return root;
  };

  it('json: status and reason per path; totals agree with the exit code', async () => {
    const r = await cli(tree(), ['--format', 'json', '.', 'missing/Dockerfile'], { transforms });
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    const err = Object.fromEntries(report.files.map((f: { path: string; error: string | null }) => [f.path, f.error]));
    expect(err['a/Dockerfile']).toBeNull();
    expect(err['bin/Dockerfile']).toMatch(/binary/);
    expect(err['latin1/Dockerfile']).toMatch(/not valid UTF-8/);
    expect(err['u16/Dockerfile']).toMatch(/^UTF-16 is not supported, convert to UTF-8/);
    expect(err['u16nobom/Dockerfile']).toMatch(/^UTF-16 is not supported, convert to UTF-8/);
    expect(err['missing/Dockerfile']).toBe('no such file or folder');
    expect(report.totals.errors).toBe(5);
    expect(report.totals.files).toBe(6);
    // Each error is said once on stderr.
    expect(r.stderr.match(/u16\/Dockerfile/g)).toHaveLength(1);
  });

  it('sarif and markdown name them too', async () => {
    const root = tree();
    const sarif = JSON.parse((await cli(root, ['--format', 'sarif'], { transforms })).stdout);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications.map(
      (n: { message: { text: string } }) => n.message.text,
    );
    expect(notes.join('\n')).toMatch(/u16\/Dockerfile: UTF-16 is not supported/);
    expect(notes).toHaveLength(4);
    const md = (await cli(root, ['--format', 'markdown'], { transforms })).stdout;
    expect(md).toMatch(/- `bin\/Dockerfile`: looks like a binary file/);
  });

  it('a FIFO named on the command line is "not a regular file"', async () => {
    const root = tempTree({});
    const made = spawnSync('mkfifo', [join(root, 'Dockerfile')]);
    expect(made.status).toBe(0);
    const r = await cli(root, ['Dockerfile']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('slimify: error: Dockerfile: not a regular file');
    expect(r.stderr).not.toContain('no Dockerfile found');
  });

  it('/dev/null on the command line is "not a regular file"', async () => {
    const r = await cli(tempTree({}), ['/dev/null']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/dev\/null: not a regular file/);
  });
});

describe('.slimifyignore and --ignore-path', () => {
  it('skips what .slimifyignore lists (gitignore syntax), in any folder', async () => {
    const root = tempTree({
      '.slimifyignore': 'vendor/\n*.fixture.Dockerfile\n!keep.fixture.Dockerfile\n',
      Dockerfile: APT,
      'vendor/lib/Dockerfile': APT,
      'test/a.fixture.Dockerfile': APT,
      'test/keep.fixture.Dockerfile': APT,
      'svc/.slimifyignore': 'Dockerfile.old\n',
      'svc/Dockerfile.old': APT,
      'svc/Dockerfile': APT,
    });
    const r = JSON.parse((await cli(root, ['--format', 'json'])).stdout);
    expect(r.files.map((f: { path: string }) => f.path).sort()).toEqual([
      'Dockerfile',
      'svc/Dockerfile',
      'test/keep.fixture.Dockerfile',
    ]);
  });

  it('--ignore-path adds a file of patterns relative to its folder; a missing one is a usage error', async () => {
    const root = tempTree({ 'ci/ignore': '/legacy/\n', Dockerfile: APT, 'legacy/Dockerfile': APT });
    mkdirSync(join(root, 'ci', 'legacy'));
    writeFileSync(join(root, 'ci', 'legacy', 'Dockerfile'), APT);
    const r = JSON.parse((await cli(root, ['--format', 'json', '--ignore-path', 'ci/ignore'])).stdout);
    // `/legacy/` is relative to ci/: ci/legacy is skipped, legacy/ is not.
    expect(r.files.map((f: { path: string }) => f.path).sort()).toEqual(['Dockerfile', 'legacy/Dockerfile']);
    const missing = await cli(root, ['--ignore-path', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--ignore-path nope: cannot read: ENOENT');
  });

  it('a file named explicitly is taken even when ignored', async () => {
    const root = tempTree({ '.slimifyignore': 'vendor/\n', 'vendor/Dockerfile': APT });
    const r = JSON.parse((await cli(root, ['--format', 'json', 'vendor/Dockerfile'])).stdout);
    expect(r.files).toHaveLength(1);
  });
});

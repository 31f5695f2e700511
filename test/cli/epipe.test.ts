/**
 * Output that closes early (`slimify . | head`): the real executable must exit quietly, as git
 * and prettier do, with no EPIPE stack trace. The reading end of stdout is closed before the
 * process has written anything, so every write it makes hits a closed pipe.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../helpers/cli-harness.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { createTestRepo } from '../pr/helpers/repo.js';

const BIN = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
const FAT = 'FROM python:3.11-slim\nRUN pip install flask\n';

function runClosed(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a reader that closes early (| head)', () => {
  it('--list-transforms exits 0 with nothing on stderr', async () => {
    const r = await runClosed(['--list-transforms'], REPO_ROOT);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a dry run over a folder keeps its summaries on stderr and exit code, no stack trace', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`s${i}/Dockerfile`] = FAT;
    const r = await runClosed(['.'], tempTree(files));
    expect(r.stderr).not.toMatch(/EPIPE|internal error|at .*\.js/);
    expect(r.stderr).toMatch(/30 file\(s\), 30 changed/);
    expect(r.code).toBe(0);
  });

  it('pr --dry-run exits 0 with no stack trace', async () => {
    const repo = createTestRepo({ Dockerfile: FAT });
    try {
      const r = await runClosed(['pr', '--dry-run'], repo.work, { ...repo.env, GITHUB_TOKEN: '' });
      expect(r.stderr).not.toMatch(/EPIPE|internal error|at .*\.js/);
      expect(r.code).toBe(0);
    } finally {
      repo.cleanup();
    }
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser } from '../../src/index.js';
import { defineTransformTests, runOnly } from '../fixture-runner.js';

defineTransformTests('merge-run');

describe('merge-run: commands an earlier RUN replaces', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  const staleSkips = (runs: string[]) =>
    runOnly('merge-run', `FROM ubuntu:22.04\n${runs.map((r) => `RUN ${r}\n`).join('')}CMD ["x"]\n`)
      .findings.filter((f) => f.skipped?.code === 'uncertain' && /replaces/.test(f.skipped.detail))
      .map((f) => f.skipped!.detail);

  it('sees pip upgrade itself through sudo, python -m pip and sh -c strings', () => {
    for (const upgrade of [
      'pip3 install --upgrade pip',
      'pip3 --version && sudo -H pip3 install -U pip',
      'pip3 --version && python3 -m pip install -U pip setuptools',
      `pip3 --version && sh -c 'pip3 install -U "pip>=23"'`,
    ]) {
      expect(staleSkips([upgrade, 'pip3 install flask']), upgrade).toEqual([
        expect.stringContaining('replaces pip3 with a new copy'),
      ]);
    }
  });

  it('counts only the pip the RUN shell itself looked up', () => {
    // sudo searches PATH itself and finds the new pip.
    expect(staleSkips(['pip3 install -U pip', 'sudo -u app pip3 install flask'])).toEqual([]);
    // The shell never looked pip3 up before it was replaced.
    expect(staleSkips(['sudo -H pip3 install -U pip', 'pip3 install flask'])).toEqual([]);
    expect(staleSkips(['python3 -m pip install -U pip', 'pip3 install flask'])).toEqual([]);
    expect(staleSkips(['pip3 install -U pip', 'exec pip3 install flask'])).toHaveLength(1);
  });

  it('sees npm upgrade itself, wrapped or not', () => {
    expect(staleSkips(['npm install -g npm@10', 'npm install -g yarn'])).toHaveLength(1);
    expect(staleSkips(['npm --version && env NODE_ENV=production npm i -g npm', 'npm ci'])).toHaveLength(1);
  });

  it('says nothing when no RUN replaces the command', () => {
    expect(staleSkips(['pip3 install pipenv', 'pip3 install flask'])).toEqual([]);
    expect(staleSkips(['npm install -g yarn', 'npm ci'])).toEqual([]);
  });
});

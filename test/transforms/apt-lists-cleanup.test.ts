import { beforeAll, describe, expect, it } from 'vitest';
import { defineTransformTests, runOnly } from '../fixture-runner.js';
import { initShellParser } from '../../src/index.js';

defineTransformTests('apt-lists-cleanup');

describe('apt-lists-cleanup: where the cleanup goes', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  const run = (body: string) => runOnly('apt-lists-cleanup', `FROM debian\nRUN ${body}\n`).output.split('\n')[1];

  it('joins with && after `;` without set -e, so a failing install still fails the build', () => {
    expect(run('apt-get update; apt-get install -y x')).toBe(
      'RUN apt-get update; apt-get install -y x && rm -rf /var/lib/apt/lists/*',
    );
  });
  it('joins with ; under set -e in a ;-separated script', () => {
    expect(run('set -e; apt-get update; apt-get install -y x')).toBe(
      'RUN set -e; apt-get update; apt-get install -y x; rm -rf /var/lib/apt/lists/*',
    );
  });
  it('goes after a subshell and before a trailing comment', () => {
    expect(run('(apt-get update && apt-get install -y x) # tools')).toBe(
      'RUN (apt-get update && apt-get install -y x) && rm -rf /var/lib/apt/lists/* # tools',
    );
  });
  it('leaves a RUN ending with exit or exec alone', () => {
    expect(run('apt-get update && apt-get install -y x && exec foo')).toBe(
      'RUN apt-get update && apt-get install -y x && exec foo',
    );
  });
  it('leaves apt inside sh -c strings alone', () => {
    const r = runOnly('apt-lists-cleanup', 'FROM debian\nRUN apt-get update && sh -c "apt-get install -y x"\n');
    expect(r.status).toBe('unchanged');
    expect(r.findings[0].skipped?.code).toBe('uncertain');
  });
  it('does not fire in a stage built on one that relies on its lists', () => {
    const text =
      'FROM debian AS base\nRUN apt-get update && apt-get install -y a\nFROM base\nRUN apt-get install -y b\n';
    expect(runOnly('apt-lists-cleanup', text).status).toBe('unchanged');
  });
  it('states the heuristic behind its estimate and names DL3009', () => {
    const r = runOnly('apt-lists-cleanup', 'FROM debian\nRUN apt-get update && apt-get install -y x\n');
    const f = r.findings.find((x) => x.applied)!;
    expect(f.hadolint).toBe('DL3009');
    expect(f.estimate?.basis).toBe('heuristic');
    expect(f.estimate?.bytes).toBeGreaterThan(0);
    expect(f.estimate?.note).toMatch(/30 MB/);
  });
});

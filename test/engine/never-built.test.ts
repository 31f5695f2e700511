/**
 * Edits in a stage BuildKit never builds (no name, not last, unused) change no image (audit seed 42,
 * E17): reported as skipped, not applied. A named stage can be built with --target, so it keeps them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync } from '../../src/index.js';

beforeAll(async () => {
  await initShellParser();
});

const stage = (from: string) => `FROM ${from}\nRUN apt update && apt install -y curl && rm -rf /var/lib/apt/lists/*\n`;

describe('never-built stages', () => {
  it('an unnamed, unused, non-final stage gets no edit, with the reason', () => {
    const input = `${stage('ubuntu:22.04')}\n${stage('python:3.12')}CMD ["python"]\n`;
    const r = slimifySync(input);
    const first = r.output.split('\n\n')[0];
    expect(first).toBe(stage('ubuntu:22.04').trimEnd());
    const skipped = r.findings.filter((f) => !f.applied && /BuildKit never builds it/.test(f.skipped?.detail ?? ''));
    expect(skipped.length).toBeGreaterThan(0);
    expect(r.output).toMatch(/apt-get update && apt-get install -y curl && rm -rf \/var\/lib\/apt\/lists\/\*\nCMD/);
  });
  it('a named stage (buildable with --target) keeps its edits', () => {
    const input = `${stage('ubuntu:22.04 AS tools')}\n${stage('python:3.12')}CMD ["python"]\n`;
    const r = slimifySync(input);
    expect(r.output.split('\n\n')[0]).toMatch(/apt-get update && apt-get install/);
  });
  it('an unnamed stage used by COPY --from=0 keeps its edits', () => {
    const input = `${stage('ubuntu:22.04')}\nFROM python:3.12\nCOPY --from=0 /usr/bin/curl /usr/bin/curl\nCMD ["python"]\n`;
    const r = slimifySync(input);
    expect(r.findings.some((f) => /BuildKit never builds it/.test(f.skipped?.detail ?? ''))).toBe(false);
  });
});

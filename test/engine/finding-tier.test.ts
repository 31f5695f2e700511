import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync, type Transform } from '../../src/index.js';

/** A safe transform whose one finding needs the review tier (evidence of risk). */
const risky: Transform = {
  meta: { id: 'risky', title: 'r', tier: 'safe', category: 'layer', description: 'd', docs: 'README.md' },
  run(doc) {
    const from = doc.stages[0].from;
    if (doc.text.includes('# done')) return [];
    return [
      {
        transform: 'risky',
        code: 'mark',
        message: 'marks the file.',
        span: from.span,
        edits: [{ start: from.span.end, end: from.span.end, text: ' # done' }],
        tier: 'review',
        tierReason: { code: 'needs-toolchain', detail: 'the stage compiles' },
      },
    ];
  },
};

describe('per-finding tier', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  const text = 'FROM debian:bookworm\n';
  it('a review finding of a safe transform is skipped at the safe level, with its reason', () => {
    const r = slimifySync(text, { transforms: [risky] });
    expect(r.output).toBe(text);
    expect(r.findings[0]).toMatchObject({
      applied: false,
      tier: 'review',
      skipped: { code: 'needs-toolchain', detail: 'the stage compiles' },
      message: 'marks the file (not applied: the stage compiles).',
    });
  });
  it('applies with --level review or when the transform is named in --only/--enable', () => {
    for (const o of [{ level: 'review' as const }, { only: ['risky'] }, { enable: ['risky'] }]) {
      const r = slimifySync(text, { transforms: [risky], ...o });
      expect(r.output).toBe('FROM debian:bookworm # done\n');
      expect(r.findings.find((f) => f.applied)?.tier).toBe('review');
    }
  });
});

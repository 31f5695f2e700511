/** Small transforms for engine and CLI tests, independent of the real registry. */
import type { Finding, Transform } from '../../src/engine/types.js';

/** Rewrites the command name `apt` to `apt-get` in shell-form RUNs (a stand-in for a real layer rule). */
export const aptToAptGet: Transform = {
  meta: {
    id: 'test-apt-get',
    title: 'apt -> apt-get',
    tier: 'safe',
    category: 'layer',
    description: 'test: apt becomes apt-get',
    docs: '',
  },
  run(doc) {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      const body = ins.run?.shell;
      if (!body) continue;
      for (const cmd of body.script.commands) {
        if (cmd.name?.value !== 'apt') continue;
        const span = body.fileSpan(cmd.name.span.start, cmd.name.span.end);
        out.push({
          transform: 'test-apt-get',
          code: 'apt-in-script',
          message: 'use apt-get in scripts',
          span,
          edits: [{ ...span, text: 'apt-get' }],
          estimate: { bytes: 1000, basis: 'heuristic', note: 'test figure' },
        });
      }
    }
    return out;
  },
};

/** A review-tier transform that adds a LABEL after FROM lines that lack one. */
export const reviewLabel: Transform = {
  meta: {
    id: 'test-review-label',
    title: 'label',
    tier: 'review',
    category: 'stage',
    description: 'test: adds a label',
    docs: '',
  },
  run(doc) {
    return doc.stages
      .filter((s) => !s.instructions.some((i) => i.keyword === 'LABEL'))
      .map((s) => ({
        transform: 'test-review-label',
        code: 'label',
        message: 'add a label',
        span: s.from.span,
        edits: [{ start: s.from.span.end, end: s.from.span.end, text: `${doc.eol}LABEL slim=yes` }],
      }));
  },
};

/** Breaks the shell syntax of every RUN: its rewrites must be discarded by the post-conditions. */
export const breaker: Transform = {
  meta: {
    id: 'test-breaker',
    title: 'breaker',
    tier: 'safe',
    category: 'layer',
    description: 'test: breaks RUN bodies',
    docs: '',
  },
  run(doc) {
    return doc.instructions
      .filter((i) => i.run?.shell && !i.run.shell.text.includes('"'))
      .map((i) => ({
        transform: 'test-breaker',
        code: 'break',
        message: 'break',
        span: i.span,
        edits: [{ start: i.span.end, end: i.span.end, text: ' "' }],
      }));
  },
};

export const testRegistry = [aptToAptGet, reviewLabel];

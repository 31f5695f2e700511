import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync } from '../../src/index.js';
import type { Finding, Transform } from '../../src/engine/types.js';
import type { SourceDockerfile } from '../../src/parse/document.js';

/** A test transform: upper-cases the word `apt` where it is a command name in a RUN. */
const upperApt: Transform = {
  meta: { id: 'upper-apt', title: 'test', tier: 'safe', category: 'layer', description: 'test', docs: '' },
  run(doc: SourceDockerfile): Finding[] {
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      const body = ins.run?.shell;
      if (!body) continue;
      for (const cmd of body.script.commands) {
        if (cmd.name?.value === 'apt') {
          const span = body.fileSpan(cmd.name.span.start, cmd.name.span.end);
          out.push({
            transform: 'upper-apt',
            code: 'upper',
            message: 'upper',
            span,
            edits: [{ ...span, text: 'APT' }],
          });
        }
      }
    }
    return out;
  },
};

/** Appends ` x` to every RUN: never converges. */
const grow: Transform = {
  meta: { id: 'grow', title: 'test', tier: 'review', category: 'layer', description: 'test', docs: '' },
  run(doc) {
    return doc.instructions
      .filter((i) => i.keyword === 'RUN')
      .map((i) => ({
        transform: 'grow',
        code: 'grow',
        message: 'grow',
        span: i.span,
        edits: [{ start: i.span.end, end: i.span.end, text: ' x' }],
      }));
  },
};

/** Two transforms that undo each other. */
const flip = (from: string, to: string, id: string): Transform => ({
  meta: { id, title: 'test', tier: 'safe', category: 'layer', description: 'test', docs: '' },
  run(doc) {
    const i = doc.text.indexOf(from);
    return i === -1
      ? []
      : [
          {
            transform: id,
            code: id,
            message: id,
            span: { start: i, end: i + from.length },
            edits: [{ start: i, end: i + from.length, text: to }],
          },
        ];
  },
});

beforeAll(async () => {
  await initShellParser();
});

describe('engine', () => {
  it('edits one word of a continued RUN and leaves every other byte alone', () => {
    const text =
      'FROM debian\r\n# keep me\r\nRUN echo é && \\\r\n  # inner comment\r\n    apt install -y curl \\\r\n    && apt clean\r\n';
    const r = slimifySync(text, { transforms: [upperApt] });
    expect(r.status).toBe('changed');
    expect(r.output).toBe(text.replace('    apt install', '    APT install').replace('&& apt clean', '&& APT clean'));
    expect(r.findings.filter((f) => f.applied).map((f) => f.line)).toEqual([5, 6]);
  });

  it('maps offsets through backtick escapes', () => {
    const text = '# escape=`\nFROM debian\nRUN echo a `\n  && apt install x\n';
    const r = slimifySync(text, { transforms: [upperApt] });
    expect(r.output).toBe(text.replace('&& apt', '&& APT'));
  });

  it('skips findings under a slimify-ignore comment', () => {
    const text =
      'FROM debian\n# slimify-ignore upper-apt -- we need lower case\nRUN apt install x\nRUN apt install y\n';
    const r = slimifySync(text, { transforms: [upperApt] });
    expect(r.output).toBe(
      'FROM debian\n# slimify-ignore upper-apt -- we need lower case\nRUN apt install x\nRUN APT install y\n',
    );
    expect(r.findings.find((f) => f.skipped?.code === 'ignored')).toBeTruthy();
  });

  it('honours slimify-ignore-file', () => {
    const text = '# slimify-ignore-file\nFROM debian\nRUN apt install y\n';
    expect(slimifySync(text, { transforms: [upperApt] }).status).toBe('unchanged');
  });

  it('keeps review-tier transforms off unless asked', () => {
    const text = 'FROM debian\nRUN true\n';
    expect(slimifySync(text, { transforms: [grow] }).status).toBe('unchanged');
  });

  it('fails loudly when transforms never converge', () => {
    const r = slimifySync('FROM debian\nRUN true\n', { transforms: [grow], level: 'review' });
    expect(r.status).toBe('error');
    expect(r.error).toMatch(/still changing after 10 passes/);
    expect(r.output).toBe('FROM debian\nRUN true\n');
  });

  it('detects a cycle', () => {
    const r = slimifySync('FROM debian\nRUN aaa\n', {
      transforms: [flip('aaa', 'bbb', 'a-to-b'), flip('bbb', 'aaa', 'b-to-a')],
    });
    expect(r.status).toBe('error');
    expect(r.error).toMatch(/undo each other/);
  });

  it('discards a rewrite that loses a comment', () => {
    const r = slimifySync('FROM debian\n# note\nRUN aaa\n', { transforms: [flip('# note\n', '', 'drop-comment')] });
    expect(r.status).toBe('error');
    expect(r.error).toMatch(/comment was lost/);
  });

  it('discards a rewrite that breaks the shell syntax of a RUN', () => {
    const r = slimifySync('FROM debian\nRUN echo ok\n', { transforms: [flip('echo ok', 'echo "ok', 'break')] });
    expect(r.status).toBe('error');
    expect(r.error).toMatch(/no longer parses as shell/);
  });

  it('discards a rewrite that drops the final newline', () => {
    const r = slimifySync('FROM debian\nRUN echo ok\n', { transforms: [flip('ok\n', 'ok', 'eat-eol')] });
    expect(r.status).toBe('error');
    expect(r.error).toMatch(/final newline/);
  });

  it('defers overlapping edits to the next pass', () => {
    const a = flip('one', 'two', 'one-two');
    const b: Transform = { ...flip('one', 'uno', 'one-uno'), meta: { ...a.meta, id: 'one-uno' } };
    const c = flip('two', 'three', 'two-three');
    const r = slimifySync('FROM debian\nRUN echo one\n', { transforms: [a, b, c] });
    expect(r.output).toBe('FROM debian\nRUN echo three\n');
    expect(r.findings.filter((f) => f.applied).map((f) => `${f.transform}@${f.pass}`)).toEqual([
      'one-two@1',
      'two-three@2',
    ]);
  });
});

describe('positions of later passes', () => {
  it('maps offsets back through earlier edits', async () => {
    const { mapToInput } = await import('../../src/engine/run.js');
    // input "abcdef"; pass 1 replaces "b" by "XYZ" and deletes "e": "aXYZcdf"
    const history = [
      [
        { start: 1, end: 2, text: 'XYZ' },
        { start: 4, end: 5, text: '' },
      ],
    ];
    expect(mapToInput(0, history)).toBe(0);
    expect(mapToInput(2, history)).toBe(1); // inside inserted text -> the edit's start
    expect(mapToInput(4, history)).toBe(2); // "c"
    expect(mapToInput(6, history)).toBe(5); // "f"
  });
  it('reports lines of the input for findings applied in a later pass', () => {
    const a = flip('one', 'two', 'one-two');
    const c = flip('two', 'three', 'two-three');
    const r = slimifySync('FROM debian\n\n\nRUN echo one\n', {
      transforms: [{ ...a, meta: { ...a.meta, id: 'one-two' } }, { ...a, meta: { ...a.meta, id: 'one-uno' } }, c],
    });
    expect(r.findings.filter((f) => f.applied).map((f) => `${f.transform}:${f.line}:${f.pass}`)).toEqual([
      'one-two:4:1',
      'two-three:4:2',
    ]);
  });
});

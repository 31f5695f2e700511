/** The parse memo serves one file's passes and the next file, and is forgotten after (memory flat in the file count). */
import { beforeAll, describe, expect, it } from 'vitest';
import { slimifySync } from '../../src/api/slimify.js';
import { clearShellMemo, initShellParser, shellMemoSize } from '../../src/shell/parser.js';

beforeAll(() => initShellParser());

const file = (tag: string, runs: number) =>
  'FROM debian:12\n' +
  Array.from({ length: runs }, (_, i) => `RUN apt-get update && apt-get install -y pkg-${tag}-${i}\n`).join('');

describe('shell parse memo', () => {
  it('holds the parses of the file being rewritten and of the file before, not of older files', () => {
    slimifySync(file('a', 40));
    const afterBig = shellMemoSize();
    expect(afterBig).toBeGreaterThanOrEqual(40); // every RUN body of the first file, over its passes
    for (let i = 0; i < 5; i++) slimifySync(file(`b${i}`, 2));
    // Files with two RUNs: the parses of the last two (input and rewritten bodies), not the 40 before.
    expect(shellMemoSize()).toBeLessThanOrEqual(8);
  });

  it('still saves re-parsing across the passes of one file', () => {
    clearShellMemo(); // this file's parses only
    const r = slimifySync(file('c', 3));
    expect(r.passes).toBeGreaterThan(1);
    // Remembered for the next pass: the 3 bodies and their 3 rewritten forms, each parsed once.
    expect(shellMemoSize()).toBeGreaterThanOrEqual(3);
    expect(shellMemoSize()).toBeLessThanOrEqual(6);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { defineTransformTests } from '../fixture-runner.js';
import { initShellParser, slimifySync } from '../../src/index.js';

defineTransformTests('apt-update-with-install');

describe('apt-update-with-install with apt-lists-cleanup', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  it('folds a lone apt-get update into the installs, then cleans the lists, in one run', () => {
    const text = 'FROM debian\nRUN apt-get update\nRUN apt-get install -y a\nRUN apt-get install -y b\n';
    const r = slimifySync(text, { only: ['apt-update-with-install', 'apt-lists-cleanup'] });
    expect(r.output).toBe(
      'FROM debian\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y b && rm -rf /var/lib/apt/lists/*\n',
    );
    const again = slimifySync(r.output, { only: ['apt-update-with-install', 'apt-lists-cleanup'] });
    expect(again.status).toBe('unchanged');
  });
});

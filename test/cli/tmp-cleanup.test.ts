/** The global setup gives every test a private TMPDIR that is removed after the run. */
import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('temporary folders', () => {
  it('live under the run’s own folder, which the global teardown removes', () => {
    expect(basename(tmpdir())).toMatch(/^slimify-tests-/);
  });
});

/** The CLI reads a build context once for the Dockerfiles that share it, and gets what readBuildContext gets for each. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../helpers/cli-harness.js';
import { buildContextReader } from '../../src/cli/build-context.js';
import { readBuildContext } from '../../src/context/read.js';

const FROM = 'FROM python:3.11\n';

describe('buildContextReader', () => {
  it('equals readBuildContext for every Dockerfile: shared folder, own .dockerignore, compose, other folders', async () => {
    const root = tempTree({
      Dockerfile: FROM,
      'a.Dockerfile': FROM,
      'b.Dockerfile': FROM,
      'b.Dockerfile.dockerignore': 'requirements.txt\n',
      'c.Dockerfile': FROM,
      'requirements.txt': 'flask==3.0.0\n',
      '.dockerignore': '*.md\n',
      'compose.yaml': 'services:\n  web:\n    build:\n      context: ./svc\n      dockerfile: ../c.Dockerfile\n',
      'svc/package.json': '{"name":"svc","dependencies":{"left-pad":"1.3.0"}}\n',
      'svc/Dockerfile': FROM,
      'svc/x.Dockerfile': FROM,
      'other/Dockerfile': FROM,
    });
    mkdirSync(join(root, '.git'));
    const files = [
      'Dockerfile',
      'a.Dockerfile',
      'b.Dockerfile',
      'c.Dockerfile',
      'Dockerfile',
      'svc/Dockerfile',
      'svc/x.Dockerfile',
      'other/Dockerfile',
    ].map((f) => join(root, f));
    for (const contextDir of [undefined, join(root, 'svc')]) {
      const read = buildContextReader(contextDir);
      for (const f of files) expect(await read(f)).toEqual(await readBuildContext(f, { contextDir }));
    }
    // The cases differ where they should (else the comparison above proves little).
    const read = buildContextReader(undefined);
    expect((await read(files[2]))?.ignoreFile).toBe('b.Dockerfile.dockerignore');
    expect((await read(files[3]))?.source).toBe('compose');
    expect((await read(files[1]))?.ignoreFile).toBe('.dockerignore');
  });

  it('is null where readBuildContext rejects', async () => {
    const read = buildContextReader(undefined);
    const expected = await readBuildContext('/nonexistent/Dockerfile').catch(() => null);
    expect(await read('/nonexistent/Dockerfile')).toEqual(expected);
  });
});

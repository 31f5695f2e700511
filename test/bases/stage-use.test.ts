import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser } from '../../src/index.js';
import { parseDockerfile } from '../../src/parse/document.js';
import { analyzeStage } from '../../src/bases/stage-use.js';

beforeAll(async () => {
  await initShellParser();
});

const use = (runs: string) => {
  const doc = parseDockerfile(`FROM python:3.12\n${runs}`);
  return analyzeStage(doc, doc.stages[0]);
};
const names = (u: ReturnType<typeof use>) => u.commands.map((c) => [c.name, ...c.args].join(' '));

describe('analyzeStage: commands read through wrappers and sh -c strings', () => {
  it('looks through sudo -u x, env A=1 and exec, keeping the span of the command as written', () => {
    const text = 'FROM python:3.12\nRUN sudo -u app env A=1 exec apt-get install -y curl\n';
    const doc = parseDockerfile(text);
    const u = analyzeStage(doc, doc.stages[0]);
    expect(names(u)).toEqual(['apt-get install -y curl']);
    expect(u.installed).toEqual(new Set(['curl']));
    const span = u.commands[0].span!;
    expect(text.slice(span.start, span.end)).toBe('sudo -u app env A=1 exec apt-get install -y curl');
  });

  it('reads sh -c and bash -lc strings with the shell parser (no span inside the string)', () => {
    const u = use(`RUN sh -c "apt-get update && apt-get install -y git" && bash -lc 'make || true'\n`);
    expect(names(u)).toEqual(['apt-get update', 'apt-get install -y git', 'make', 'true']);
    expect(u.commands.every((c) => c.span === null)).toBe(true);
    expect(u.installed).toEqual(new Set(['git']));
    expect(u.hidden).toEqual([]);
  });

  it('reads nested shells and JSON-form RUNs', () => {
    const u = use(`RUN ["/bin/sh", "-c", "sudo sh -c 'pip install -r requirements.txt'"]\n`);
    expect(names(u)).toEqual(['pip install -r requirements.txt']);
    expect(u.hidden).toEqual(['pip install -r requirements.txt']);
  });

  it('reads pip through wrappers, python -m pip and global options', () => {
    for (const run of [
      'sudo -H pip install psycopg2',
      'python3 -m pip install psycopg2',
      'pip --no-cache-dir install psycopg2',
    ]) {
      expect(use(`RUN ${run}\n`).needs.has('libpq-dev'), run).toBe(true);
    }
  });

  it('says so when a shell string cannot be read', () => {
    expect(use('RUN sh -c "$BUILD_CMD"\n').hidden).toEqual(['sh -c "$BUILD_CMD" (the command string is not static)']);
    expect(use('RUN curl -fsSL https://x | bash\n').hidden).toEqual(['... | bash (a script read from a pipe)']);
    expect(use('RUN bash ./install.sh\n').hidden).toEqual(['bash ./install.sh']);
  });
});

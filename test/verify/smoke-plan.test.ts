/** Which smoke test --verify runs, and what counts as a pass. */
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/index.js';
import { healthcheckOf, planSmoke, RUN_SECONDS } from '../../src/verify/smoke-plan.js';
import { cgroupRunner } from '../../src/verify/runtime-stats.js';
import type { Runner } from '../../src/verify/exec.js';

const doc = (text: string) => parseDockerfile(text);
const image = { entrypoint: ['/entry.sh'], cmd: ['serve', '--port', '80'] };
const outcome = (exitCode: number, timedOut = false) => ({ exitCode, timedOut, outputTail: [] });

describe('planSmoke', () => {
  it('--smoke wins over the config and the HEALTHCHECK; exit 0 passes, a timeout does not', () => {
    const p = planSmoke({ cli: "app --say 'hi there'", config: 'other' }, doc('FROM x\nHEALTHCHECK CMD true\n'));
    expect(p.kind).toBe('command');
    expect(p.describe).toBe("--smoke: app --say 'hi there'");
    expect(p.argvFor(image)).toEqual(['app', '--say', 'hi there']);
    expect(p.passes(outcome(0))).toBe(true);
    expect(p.passes(outcome(1))).toBe(false);
    expect(p.passes(outcome(124, true))).toBe(false);
  });

  it("the config's command comes next", () => {
    const p = planSmoke({ config: 'app --version' }, doc('FROM x\n'));
    expect(p).toMatchObject({ kind: 'config', describe: 'config smoke: app --version' });
  });

  it('then the HEALTHCHECK of the last stage, run after the image command has started', () => {
    const p = planSmoke(
      {},
      doc(
        'FROM a AS build\nHEALTHCHECK CMD false\nFROM b\nHEALTHCHECK --interval=5s \\\n  CMD curl -f http://localhost/ || exit 1\n',
      ),
    );
    expect(p.kind).toBe('healthcheck');
    expect(p.argvFor(image)).toEqual([
      '/bin/sh',
      '-c',
      `/entry.sh serve --port 80 >/dev/null 2>&1 & sleep ${RUN_SECONDS}; curl -f http://localhost/ || exit 1`,
    ]);
    expect(p.passes(outcome(0))).toBe(true);
    expect(p.passes(outcome(1))).toBe(false);
  });

  it('exec-form HEALTHCHECK is joined; NONE means none; --target picks the stage', () => {
    expect(healthcheckOf(doc('FROM b\nHEALTHCHECK CMD ["/bin/check", "--deep"]\n'))).toBe('/bin/check --deep');
    expect(healthcheckOf(doc('FROM b\nHEALTHCHECK NONE\n'))).toBeNull();
    expect(healthcheckOf(doc('FROM a AS app\nHEALTHCHECK CMD ok\nFROM b\n'), 'app')).toBe('ok');
    expect(healthcheckOf(doc('FROM a AS app\nHEALTHCHECK CMD ok\nFROM b\n'))).toBeNull();
  });

  it('else the image command itself: still running after a few seconds, or exit 0', () => {
    const p = planSmoke({}, doc('FROM x\nCMD ["serve"]\n'));
    expect(p.kind).toBe('run');
    expect(p.timeoutMs).toBe(RUN_SECONDS * 1000);
    expect(p.argvFor(image)).toEqual(['/entry.sh', 'serve', '--port', '80']);
    expect(p.argvFor({ entrypoint: null, cmd: null })).toBeNull();
    expect(p.passes(outcome(124, true))).toBe(true);
    expect(p.passes(outcome(0))).toBe(true);
    expect(p.passes(outcome(2))).toBe(false);
  });
});

describe('cgroupRunner', () => {
  it('runs the command through sh, which joins the cgroup and execs it with the same argv', async () => {
    const seen: Array<[string, readonly string[]]> = [];
    const run: Runner = async (cmd, args) => {
      seen.push([cmd, args]);
      return { code: 0, stdout: '', tail: [], timedOut: false };
    };
    await cgroupRunner(run, '/sys/fs/cgroup/memory/x')('buildah', ['run', 'c', '--', 'a b']);
    expect(seen).toEqual([
      [
        'sh',
        [
          '-c',
          `echo $$ > '/sys/fs/cgroup/memory/x/cgroup.procs' && exec "$@"`,
          'sh',
          'buildah',
          'run',
          'c',
          '--',
          'a b',
        ],
      ],
    ]);
  });
});

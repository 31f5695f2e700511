import { describe, expect, it } from 'vitest';
import { splitCommand, joinCommand } from '../../src/verify/argv.js';
import { BuildahEngine } from '../../src/verify/buildah.js';
import { detectEngine } from '../../src/verify/detect.js';
import { DockerEngine } from '../../src/verify/docker.js';
import type { BuildSpec } from '../../src/verify/engine.js';
import type { ExecResult, Runner } from '../../src/verify/exec.js';
import { LineTail, makeRunner } from '../../src/verify/exec.js';
import { PodmanEngine } from '../../src/verify/podman.js';

/** A fake engine CLI: answers by the first words of the command line, records every call. */
function fakeRunner(answers: Record<string, Partial<ExecResult>>): Runner & { calls: string[][] } {
  const calls: string[][] = [];
  const run = (async (cmd: string, args: readonly string[]) => {
    calls.push([cmd, ...args]);
    const line = [cmd, ...args].join(' ');
    const key = Object.keys(answers)
      .filter((k) => line.startsWith(k))
      .sort((a, b) => b.length - a.length)[0];
    return { code: 0, stdout: '', tail: [], timedOut: false, ...(key ? answers[key] : {}) };
  }) as Runner & { calls: string[][] };
  run.calls = calls;
  return run;
}

const spec: BuildSpec = {
  dockerfile: '/t/rewritten.Dockerfile',
  context: '/app',
  tag: 'localhost/x:rewritten',
  target: 'run',
  buildArgs: ['A=1'],
  engineArgs: ['--network=host', '--volume=/a:/a:ro'],
};

describe('engine command lines', () => {
  it('docker', async () => {
    const run = fakeRunner({});
    const e = new DockerEngine(run);
    expect(e.buildArgv(spec)).toEqual([
      'build',
      '-f',
      '/t/rewritten.Dockerfile',
      '-t',
      'localhost/x:rewritten',
      '--target',
      'run',
      '--build-arg',
      'A=1',
      '--network=host',
      '--volume=/a:/a:ro',
      '/app',
    ]);
    await e.exportImage('x', '/t/x.tar');
    await e.smoke({
      tag: 'x',
      argv: ['/bin/app', '-selftest'],
      runArgs: ['--network=host'],
      name: 'n1',
      timeoutMs: 1000,
    });
    expect(run.calls).toEqual([
      ['docker', 'save', '-o', '/t/x.tar', 'x'],
      ['docker', 'run', '--rm', '--name', 'n1', '--network=host', '--entrypoint', '/bin/app', 'x', '-selftest'],
    ]);
    expect(await e.snapshot()).toBeNull();
  });

  it('podman builds with --layers and saves a docker-archive', async () => {
    const run = fakeRunner({});
    const e = new PodmanEngine(run);
    expect(e.buildArgv(spec).slice(0, 2)).toEqual(['build', '--layers']);
    await e.exportImage('x', '/t/x.tar');
    expect(run.calls[0]).toEqual(['podman', 'save', '--format', 'docker-archive', '-o', '/t/x.tar', 'x']);
  });

  it('buildah: --layers build, push to docker-archive, from/run/rm for the smoke test', async () => {
    const run = fakeRunner({ 'buildah run': { code: 3, tail: ['bad'] } });
    const e = new BuildahEngine(run);
    expect(e.buildArgv(spec)).toEqual([
      'build',
      '--layers',
      '--force-rm',
      '-f',
      '/t/rewritten.Dockerfile',
      '-t',
      'localhost/x:rewritten',
      '--target',
      'run',
      '--build-arg',
      'A=1',
      '--network=host',
      '--volume=/a:/a:ro',
      '/app',
    ]);
    await e.exportImage('localhost/x:y', '/t/x.tar');
    const s = await e.smoke({
      tag: 'x',
      argv: ['curl', '-fsS', 'file:///etc/os-release'],
      runArgs: ['--isolation=chroot'],
      name: 'n2',
      timeoutMs: 1000,
    });
    expect(s).toEqual({ exitCode: 3, timedOut: false, outputTail: ['bad'] });
    expect(run.calls).toEqual([
      ['buildah', 'push', '--quiet', 'localhost/x:y', 'docker-archive:/t/x.tar:localhost/x:y'],
      ['buildah', 'from', '--quiet', '--name', 'n2', 'x'],
      ['buildah', 'run', '--isolation=chroot', 'n2', '--', 'curl', '-fsS', 'file:///etc/os-release'],
      ['buildah', 'rm', 'n2'],
    ]);
  });

  it('buildah: a failed build reports its exit code and log tail; a failed export throws', async () => {
    const run = fakeRunner({
      'buildah build': { code: 1, tail: ['STEP 2/2: RUN false', 'Error: building at STEP'] },
      'buildah push': { code: 125, tail: ['no space'] },
    });
    const e = new BuildahEngine(run);
    const b = await e.build(spec);
    expect(b).toMatchObject({ ok: false, exitCode: 1, logTail: ['STEP 2/2: RUN false', 'Error: building at STEP'] });
    await expect(e.exportImage('x', '/f')).rejects.toThrow(/could not export x \(exit 125\)/);
  });

  it('buildah: removes the images carrying the run label, and only the new build containers standing on them', async () => {
    const before = fakeRunner({
      'buildah containers': { stdout: JSON.stringify([{ id: 'old', builder: true, imageid: 'aaa111' }]) },
    });
    const snap = await new BuildahEngine(before).snapshot();
    const after = fakeRunner({
      'buildah images -a --no-trunc --filter label=slimify.verify.run=r1 --json': {
        stdout: JSON.stringify([
          { id: 'aaa111', names: ['localhost/slimify-verify-r1:original'] },
          { id: 'bbb222', names: null },
        ]),
      },
      'buildah containers': {
        stdout: JSON.stringify([
          { id: 'old', builder: true, imageid: 'aaa111' },
          { id: 'w1', builder: true, imageid: 'bbb222' },
          { id: 'theirs', builder: true, imageid: 'ccc333' },
          { id: 'notbuild', builder: false, imageid: 'bbb222' },
        ]),
      },
    });
    expect(await new BuildahEngine(after).removeLeftovers(snap, 'slimify.verify.run=r1')).toEqual([
      'w1',
      'aaa111',
      'bbb222',
    ]);
    expect(after.calls.filter((c) => c[1] === 'rm' || c[1] === 'rmi')).toEqual([
      ['buildah', 'rm', 'w1'],
      ['buildah', 'rmi', '-f', 'aaa111'],
      ['buildah', 'rmi', '-f', 'bbb222'],
    ]);
  });

  it('podman: parses `images --filter label=` and `ps -a --external` as podman 4.3 prints them', async () => {
    const snap = await new PodmanEngine(fakeRunner({ 'podman ps': { stdout: '[]' } })).snapshot();
    const after = fakeRunner({
      'podman images': {
        stdout: '[{"Id":"b1","Names":["localhost/slimify-verify-r2:rewritten"]},{"Id":"b2","Dangling":true}]',
      },
      // a build's working container on our intermediate image, and a container of someone's `podman run`
      'podman ps': {
        stdout: JSON.stringify([
          { Id: 'k', Command: ['buildah'], State: 'storage', ImageID: 'b2' },
          { Id: 'r', Command: ['sleep', '9'], State: 'running', ImageID: 'b2' },
        ]),
      },
    });
    expect(await new PodmanEngine(after).removeLeftovers(snap, 'slimify.verify.run=r2')).toEqual(['k', 'b1', 'b2']);
    expect(after.calls[0]).toEqual([
      'podman',
      'images',
      '-a',
      '--no-trunc',
      '--filter',
      'label=slimify.verify.run=r2',
      '--format',
      'json',
    ]);
  });

  it('labels every build', () => {
    expect(new BuildahEngine(fakeRunner({})).buildArgv({ ...spec, labels: { 'slimify.verify.run': 'r3' } })).toContain(
      'slimify.verify.run=r3',
    );
    expect(new DockerEngine(fakeRunner({})).buildArgv({ ...spec, labels: { a: 'b' } }).join(' ')).toContain(
      '--label a=b',
    );
  });
});

describe('engine detection', () => {
  it('takes docker only when its daemon answers, then podman', async () => {
    const run = fakeRunner({
      'docker version': { code: 1, tail: ['Cannot connect to the Docker daemon at unix:///var/run/docker.sock'] },
    });
    const d = await detectEngine(run);
    expect(d.engine?.name).toBe('podman');
    expect(d.tried).toEqual(['docker: Cannot connect to the Docker daemon at unix:///var/run/docker.sock']);
  });

  it('falls back to buildah, and reports every engine when none works', async () => {
    expect((await detectEngine(fakeRunner({ docker: { code: 127 }, podman: { code: 127 } }))).engine?.name).toBe(
      'buildah',
    );
    const none = await detectEngine(
      fakeRunner({ docker: { code: 127 }, podman: { code: 127 }, buildah: { code: 127 } }),
    );
    expect(none.engine).toBeNull();
    expect(none.tried).toEqual(['docker: not installed', 'podman: not installed', 'buildah: not installed']);
  });

  it('probes only the engine asked for', async () => {
    const run = fakeRunner({});
    expect((await detectEngine(run, 'buildah')).engine?.name).toBe('buildah');
    expect(run.calls.map((c) => c[0])).toEqual(['buildah']);
  });
});

describe('process runner', () => {
  it('reports a missing command as 127, exit codes, tails and timeouts', async () => {
    const run = makeRunner();
    expect((await run('slimify-no-such-command', [])).code).toBe(127);
    const r = await run('sh', ['-c', 'echo one; echo two >&2; exit 3']);
    expect(r).toMatchObject({ code: 3, stdout: 'one\n', timedOut: false });
    expect(r.tail).toEqual(['one', 'two']);
    const t = await run('sleep', ['10'], { timeoutMs: 200 });
    expect(t).toMatchObject({ code: 124, timedOut: true });
  });

  it('keeps only the last lines, joining a line split across chunks', () => {
    const t = new LineTail(2);
    t.push('a\nb\nc');
    t.push('d\ne\n');
    expect(t.get()).toEqual(['cd', 'e']);
  });
});

describe('smoke command words', () => {
  it.each([
    ['/hello-server -selftest', ['/hello-server', '-selftest']],
    [`sh -c 'exit 7'`, ['sh', '-c', 'exit 7']],
    [`python -c "print(\\"hi\\")"`, ['python', '-c', 'print("hi")']],
    [`a\\ b  ''`, ['a b', '']],
  ])('%s', (cmd, argv) => {
    expect(splitCommand(cmd)).toEqual(argv);
    expect(splitCommand(joinCommand(argv))).toEqual(argv);
  });
  it('rejects unterminated quotes', () => expect(() => splitCommand(`sh -c 'x`)).toThrow(/unterminated/));
});

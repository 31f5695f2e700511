/**
 * The verify CLI against a fake `buildah` executable (a shell script on PATH): the real process
 * runner, argument passing, archive reading, rendering and cleanup, without a container engine.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import type { CliIO } from '../../src/cli/io.js';
import { tar } from './tar-writer.js';

const FAKE_BUILDAH = `#!/bin/sh
# fake buildah: logs every call; builds fail when the Dockerfile contains FAIL
echo "$*" >> "$FAKE_STATE/calls"
case "$1" in
  version) echo "Version: fake"; exit 0 ;;
  images|containers) echo '[]'; exit 0 ;;
  build)
    while [ $# -gt 0 ]; do case "$1" in -f) f=$2; shift ;; esac; shift; done
    cp "$f" "$FAKE_STATE/built-\${f##*/}"
    if grep -q FAIL "$f"; then echo "STEP 1/2: FROM x"; echo "error: RUN FAIL: exit status 1" >&2; exit 1; fi
    echo "STEP 1/1: done"; exit 0 ;;
  push)
    dest=\${4#docker-archive:}; dest=\${dest%%:*}
    case "$3" in *:original) cp "$FAKE_STATE/original.tar" "$dest" ;; *) cp "$FAKE_STATE/rewritten.tar" "$dest" ;; esac
    exit 0 ;;
  from) exit 0 ;;
  run) echo "smoke says hi"; exit "\${FAKE_SMOKE_EXIT:-0}" ;;
  rm|rmi) exit 0 ;;
esac
echo "fake buildah: unexpected $*" >&2; exit 99
`;

function archive(layerSizes: number[]): Buffer {
  const layers = layerSizes.map((n, i) => tar([{ path: `f${i}`, data: Buffer.alloc(n, 1) }]));
  const config = JSON.stringify({ history: layerSizes.map((_, i) => ({ created_by: `/bin/sh -c step${i}` })) });
  return tar([
    ...layers.map((l, i) => ({ path: `l${i}.tar`, data: l })),
    { path: 'config.json', data: config },
    {
      path: 'manifest.json',
      data: JSON.stringify([{ Config: 'config.json', Layers: layers.map((_, i) => `l${i}.tar`) }]),
    },
  ]);
}

let dir: string;
let out: string;
let err: string;
const saved = {
  PATH: process.env.PATH,
  TMPDIR: process.env.TMPDIR,
  FAKE_STATE: process.env.FAKE_STATE,
  FAKE_SMOKE_EXIT: process.env.FAKE_SMOKE_EXIT,
};
const io = (): CliIO => ({
  cwd: dir,
  stdout: { write: (s: string) => void (out += s), isTTY: false },
  stderr: { write: (s: string) => void (err += s), isTTY: false },
  readStdin: async () => Buffer.alloc(0),
  env: process.env,
});
/** `slimify verify ARGS` through the main CLI, as the `slimify` executable runs it. */
const runVerifyCli = (args: string[], cliIO: CliIO) => runCli(['verify', ...args], cliIO);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slimify-verify-cli-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'tmp'));
  writeFileSync(join(dir, 'bin/buildah'), FAKE_BUILDAH);
  chmodSync(join(dir, 'bin/buildah'), 0o755);
  writeFileSync(join(dir, 'original.tar'), archive([4096, 2048]));
  writeFileSync(join(dir, 'rewritten.tar'), archive([1024]));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM fat\n');
  writeFileSync(join(dir, 'Dockerfile.slim'), 'FROM slim\n');
  writeFileSync(join(dir, 'Dockerfile.bad'), 'FROM slim\nRUN FAIL\n');
  process.env.PATH = `${join(dir, 'bin')}:/usr/bin:/bin`;
  process.env.TMPDIR = join(dir, 'tmp');
  process.env.FAKE_STATE = dir;
  out = err = '';
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const calls = () => readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n');

describe('slimify verify CLI (fake buildah)', () => {
  it('verifies, passes engine and run args through, prints JSON, and removes what it made', async () => {
    const code = await runVerifyCli(
      [
        'Dockerfile',
        '--rewritten',
        'Dockerfile.slim',
        '--engine',
        'buildah',
        '--smoke',
        "app -c 'x y'",
        '--format',
        'json',
        '--engine-arg=--network=host',
        '--engine-arg=--volume=/a:/b:ro',
        '--run-arg=--isolation=chroot',
        '--build-arg',
        'V=1',
      ],
      io(),
    );
    expect(code, err).toBe(0);
    const j = JSON.parse(out);
    expect(j).toMatchObject({
      status: 'verified',
      engine: 'buildah',
      delta: { bytes: j.rewritten.analysis.bytes - j.original.analysis.bytes },
    });
    expect(j.original.analysis.layerCount).toBe(2);
    expect(j.original.analysis.biggest[0].instruction).toBe('RUN step0');
    const c = calls();
    const build = c.find((l) => l.startsWith('build'))!;
    expect(build).toMatch(
      /^build --layers --force-rm -f \S+original\.Dockerfile -t localhost\/slimify-verify-\w+:original --build-arg V=1 --label slimify\.verify\.run=\w+ --network=host --volume=\/a:\/b:ro /,
    );
    expect(c).toContainEqual(
      expect.stringMatching(/^run --isolation=chroot slimify-verify-\w+-rewritten -- app -c x y$/),
    );
    expect(c.filter((l) => l.startsWith('rmi '))).toHaveLength(2);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('exit 1 with the build log tail when the rewrite does not build', async () => {
    const code = await runVerifyCli(['--rewritten', 'Dockerfile.bad', '--engine', 'buildah'], io());
    expect(code).toBe(1);
    expect(out).toContain('  | error: RUN FAIL: exit status 1');
    expect(out).toMatch(/REWRITE REJECTED: the rewritten Dockerfile does not build \(exit 1\)/);
    expect(calls().filter((l) => l.startsWith('rmi '))).toHaveLength(2);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('exit 1 when the smoke command fails in the rewritten image only', async () => {
    // the fake's smoke exit comes from the environment, read per call: fail only the second run
    writeFileSync(
      join(dir, 'bin/buildah'),
      FAKE_BUILDAH.replace(
        'exit "${FAKE_SMOKE_EXIT:-0}"',
        'grep -q "^run .*-rewritten" "$FAKE_STATE/calls" && tail -1 "$FAKE_STATE/calls" | grep -q rewritten && exit 3; exit 0',
      ),
    );
    const code = await runVerifyCli(['--rewritten', 'Dockerfile.slim', '--engine', 'buildah', '--smoke', 'app'], io());
    expect(code, out + err).toBe(1);
    expect(out).toMatch(/smoke: app\s+exit 0\s+exit 3/);
  });

  it('exit 2 when no engine is installed, and on usage errors', async () => {
    process.env.PATH = join(dir, 'tmp');
    expect(await runVerifyCli(['--rewritten', 'Dockerfile.slim'], io())).toBe(2);
    expect(out).toContain(
      'CANNOT VERIFY: no container engine found (docker: not installed; podman: not installed; buildah: not installed)',
    );
    expect(await runVerifyCli(['--no-such-flag'], io())).toBe(2);
    expect(await runVerifyCli(['missing.Dockerfile', '--rewritten', 'Dockerfile.slim'], io())).toBe(2);
    expect(err).toContain('no such Dockerfile');
  });

  it("in verify, --target is the build stage and --format is text or json (not the main command's choices)", async () => {
    expect(
      await runVerifyCli(
        ['--rewritten', 'Dockerfile.slim', '--engine', 'buildah', '--target', 'build', '--format', 'json'],
        io(),
      ),
    ).toBe(0);
    expect(calls().find((l) => l.startsWith('build'))).toMatch(/ --target build /);
    expect(JSON.parse(out).exitCode).toBe(0);
    expect(await runVerifyCli(['--rewritten', 'Dockerfile.slim', '--format', 'sarif'], io())).toBe(2);
  });

  it('without --rewritten, rewrites in memory with the library API and builds that text', async () => {
    writeFileSync(join(dir, 'Dockerfile.apt'), 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n');
    expect(await runVerifyCli(['Dockerfile.apt', '--engine', 'buildah', '--format', 'json'], io())).toBe(0);
    expect(readFileSync(join(dir, 'built-original.Dockerfile'), 'utf8')).toBe(
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n',
    );
    expect(readFileSync(join(dir, 'built-rewritten.Dockerfile'), 'utf8')).toContain('rm -rf /var/lib/apt/lists/*');
  });

  it('when the rewrite changes nothing, nothing is built', async () => {
    writeFileSync(join(dir, 'Dockerfile.same'), 'FROM scratch\n');
    expect(await runVerifyCli(['Dockerfile.same', '--engine', 'buildah', '--format', 'json'], io())).toBe(0);
    expect(JSON.parse(out).status).toBe('unchanged');
    expect(calls().some((l) => l.startsWith('build'))).toBe(false);
  });

  it("ignores engine and run args of the repository's config file unless trusted (issue 16.11)", async () => {
    writeFileSync(
      join(dir, '.slimifyrc.json'),
      JSON.stringify({ verify: { engine: 'buildah', engineArgs: ['--pull=never'], runArgs: ['--network=host'] } }),
    );
    const args = ['--rewritten', 'Dockerfile.slim', '--smoke', 'true', '--engine-arg=--layers=true'];
    expect(await runVerifyCli(args, io())).toBe(0);
    expect(calls().find((l) => l.startsWith('build'))).not.toMatch(/--pull=never/);
    expect(calls().find((l) => l.startsWith('build'))).toMatch(/ --layers=true /);
    expect(calls()).not.toContainEqual(expect.stringMatching(/--network=host/));
    expect(err).toMatch(/"verify\.engineArgs" ignored: .*--trust-repo-config/);
    expect(err).toMatch(/"verify\.runArgs" ignored/);
  });

  it('reads engine and run args from the config file with --trust-repo-config, or when named with --config', async () => {
    writeFileSync(
      join(dir, '.slimifyrc.json'),
      JSON.stringify({ verify: { engine: 'buildah', engineArgs: ['--pull=never'], runArgs: ['--network=host'] } }),
    );
    for (const extra of [['--trust-repo-config'], ['--config', '.slimifyrc.json']]) {
      rmSync(join(dir, 'calls'), { force: true });
      err = '';
      const args = ['--rewritten', 'Dockerfile.slim', '--smoke', 'true', '--engine-arg=--layers=true', ...extra];
      expect(await runVerifyCli(args, io())).toBe(0);
      expect(calls().find((l) => l.startsWith('build'))).toMatch(/ --pull=never --layers=true /);
      expect(calls()).toContainEqual(expect.stringMatching(/^run --network=host /));
      expect(err).not.toMatch(/ignored/);
    }
  });

  it("takes engine and run args from the user's own config (SLIMIFY_USER_CONFIG)", async () => {
    writeFileSync(join(dir, 'user.json'), JSON.stringify({ verify: { engineArgs: ['--pull=never'] } }));
    process.env.SLIMIFY_USER_CONFIG = join(dir, 'user.json');
    try {
      expect(
        await runVerifyCli(['--rewritten', 'Dockerfile.slim', '--smoke', 'true', '--engine', 'buildah'], io()),
      ).toBe(0);
    } finally {
      delete process.env.SLIMIFY_USER_CONFIG;
    }
    expect(calls().find((l) => l.startsWith('build'))).toMatch(/ --pull=never /);
  });
});

/**
 * `slimify --verify` through the main CLI against a fake `buildah` (a shell script on PATH): the
 * real runner, build side, archive reader (gzipped sizes), delta debugging, rendering and cleanup,
 * without a container engine. The fake's images: size depends on whether the Dockerfile uses the
 * slim base and cleans the apt lists; with FAKE_BREAK_SLIM=1 the smoke test fails on the slim base.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import type { CliIO } from '../../src/cli/io.js';
import { tar } from './tar-writer.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REPO_ROOT } from '../helpers/corpus.js';

/** docs/report.schema.json with every object closed (as test/report/json-schema.test.ts does): every field is documented. */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node))
    out[k] =
      k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, closed(s)])) : closed(v);
  if ('properties' in out) out.additionalProperties = false;
  return out;
}
const validate = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(
  closed(JSON.parse(readFileSync(join(REPO_ROOT, 'docs/report.schema.json'), 'utf8'))) as object,
);
const schemaErrors = (text: string) => (validate(JSON.parse(text)) ? [] : validate.errors);

const FAKE_BUILDAH = `#!/bin/sh
echo "$*" >> "$FAKE_STATE/calls"
key() { echo "$1" | tr '/:' '__'; }
case "$1" in
  version) echo "Version: fake"; exit 0 ;;
  images|containers) echo '[]'; exit 0 ;;
  build)
    while [ $# -gt 0 ]; do case "$1" in -f) f=$2; shift ;; -t) t=$2; shift ;; esac; shift; done
    cp "$f" "$FAKE_STATE/df-$(key "$t")"
    if grep -q bookworm-slim "$f" && [ -n "$FAKE_SLOW" ]; then echo "STEP 1/2: slow"; exec sleep 30; fi
    if grep -q FAIL "$f"; then echo "STEP 2/2: RUN FAIL"; echo "error: exit status 1" >&2; exit 1; fi
    exit 0 ;;
  push)
    df="$FAKE_STATE/df-$(key "$3")"
    dest=\${4#docker-archive:}; dest=\${dest%%:*}
    s=0; l=0
    grep -q bookworm-slim "$df" && s=1
    grep -q 'lists/\\*' "$df" && l=1
    cp "$FAKE_STATE/img-$s$l.tar" "$dest"; exit 0 ;;
  from) echo "$5" > "$FAKE_STATE/ctr-$4"; exit 0 ;;
  run)
    while [ "$1" != "--" ]; do n=$1; shift; done
    df="$FAKE_STATE/df-$(key "$(cat "$FAKE_STATE/ctr-$n")")"
    if [ "$FAKE_BREAK_SLIM" = 1 ] && grep -q bookworm-slim "$df"; then echo "sh: 1: tool: not found"; exit 127; fi
    echo "smoke ok"; exit 0 ;;
  rm|rmi) exit 0 ;;
esac
echo "fake buildah: unexpected $*" >&2; exit 99
`;

/** An image archive whose layers hold incompressible-free (zero) data of these sizes. */
function archive(layerSizes: number[]): Buffer {
  const layers = layerSizes.map((n, i) => tar([{ path: `f${i}`, data: Buffer.alloc(n, i + 1) }]));
  const config = JSON.stringify({
    config: { Cmd: ['app'] },
    history: layerSizes.map((_, i) => ({ created_by: `/bin/sh -c step${i}` })),
  });
  return tar([
    ...layers.map((l, i) => ({ path: `l${i}.tar`, data: l })),
    { path: 'config.json', data: config },
    {
      path: 'manifest.json',
      data: JSON.stringify([{ Config: 'config.json', Layers: layers.map((_, i) => `l${i}.tar`) }]),
    },
  ]);
}

const FAT = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n';

let dir: string;
let out: string;
let err: string;
const KEYS = ['PATH', 'TMPDIR', 'FAKE_STATE', 'FAKE_BREAK_SLIM', 'FAKE_SLOW'] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
const io = (): CliIO => ({
  cwd: dir,
  stdout: { write: (s: string) => void (out += s), isTTY: false },
  stderr: { write: (s: string) => void (err += s), isTTY: false },
  readStdin: async () => Buffer.alloc(0),
  env: process.env,
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slimify-verify-flag-'));
  for (const d of ['bin', 'tmp', 'state']) mkdirSync(join(dir, d));
  writeFileSync(join(dir, 'bin/buildah'), FAKE_BUILDAH);
  chmodSync(join(dir, 'bin/buildah'), 0o755);
  // [slim base][lists cleaned]: the base layer and the apt layer
  writeFileSync(join(dir, 'state/img-00.tar'), archive([200_000, 40_000]));
  writeFileSync(join(dir, 'state/img-01.tar'), archive([200_000, 10_000]));
  writeFileSync(join(dir, 'state/img-10.tar'), archive([80_000, 40_000]));
  writeFileSync(join(dir, 'state/img-11.tar'), archive([80_000, 10_000]));
  writeFileSync(join(dir, 'Dockerfile'), FAT);
  process.env.PATH = `${join(dir, 'bin')}:/usr/bin:/bin`;
  process.env.TMPDIR = join(dir, 'tmp');
  process.env.FAKE_STATE = join(dir, 'state');
  delete process.env.FAKE_BREAK_SLIM;
  out = '';
  err = '';
});

afterEach(() => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli([...args, '--engine', 'buildah', '--no-config'], io());
const calls = () => readFileSync(join(dir, 'state/calls'), 'utf8').trim().split('\n');

describe('slimify --verify (fake buildah)', () => {
  it('every rewrite passes: writes the full rewrite, JSON carries measured sizes (uncompressed and gzipped)', async () => {
    expect(await cli(['--write', '--verify', '--smoke', 'app --selftest', '--format', 'json', 'Dockerfile']), err).toBe(
      0,
    );
    expect(schemaErrors(out)).toEqual([]);
    const text = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(text).toContain('FROM debian:bookworm-slim');
    expect(text).toContain('rm -rf /var/lib/apt/lists/*');
    const j = JSON.parse(out);
    const f = j.files[0];
    expect(f.verify).toMatchObject({
      engine: 'buildah',
      status: 'verified',
      builds: 2,
      smoke: { kind: 'command', describe: '--smoke: app --selftest' },
      dropped: [],
    });
    const o = f.verify.original.sizes;
    const n = f.verify.rewritten.sizes;
    expect(o.uncompressed).toBeGreaterThan(240_000);
    expect(n.uncompressed).toBeLessThan(o.uncompressed);
    expect(n.compressed).toBeLessThan(n.uncompressed); // gzipped layers of repeated bytes
    expect(f.verify.saved).toEqual({
      uncompressed: o.uncompressed - n.uncompressed,
      compressed: o.compressed - n.compressed,
    });
    expect(f.estimatedBytes).toBe(o.uncompressed - n.uncompressed);
    expect(j.totals.measured).toEqual({ files: 1, before: o, after: n });
    // smoke argv reached the engine as the container's argv
    expect(calls()).toContainEqual(expect.stringMatching(/^run slimify-verify-\S+ -- app --selftest$/));
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('a rewrite that breaks the smoke test is left out; the others are kept and the JSON names it', async () => {
    process.env.FAKE_BREAK_SLIM = '1';
    expect(await cli(['--write', '--verify', '--smoke', 'app', '--format', 'json', 'Dockerfile']), err).toBe(0);
    const text = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(text).toBe(
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    );
    expect(schemaErrors(out)).toEqual([]);
    const f = JSON.parse(out).files[0];
    expect(f.verify.dropped).toEqual([
      {
        transform: 'slim-base',
        code: 'switch-to-slim',
        line: 1,
        reason: 'the smoke test fails (--smoke: app: exit 127)',
        logTail: ['sh: 1: tool: not found'],
      },
    ]);
    const slim = f.findings.find((x: { transform: string }) => x.transform === 'slim-base');
    expect(slim).toMatchObject({ applied: false, skipped: { code: 'unverified' } });
    const lists = f.findings.find((x: { transform: string }) => x.transform === 'apt-lists-cleanup');
    // the build without it (the original) and with it alone were both measured
    expect(lists).toMatchObject({ applied: true, estimate: { basis: 'measured' } });
    expect(lists.estimate.bytes).toBe(f.verify.saved.uncompressed);
  });

  it('markdown and text output show measured sizes and the smoke test; dry run writes nothing', async () => {
    expect(await cli(['--verify', '--smoke', 'app', '--format', 'markdown', 'Dockerfile'])).toBe(0);
    expect(out).toMatch(/### Measured with `--verify`/);
    expect(out).toMatch(/\| `Dockerfile` \| ✅ buildah \| --smoke: app \| [\d.]+ kB → [\d.]+ kB \|/);
    expect(out).toMatch(/\*\*Measured total \(1 image\):\*\* uncompressed .* compressed .*/);
    out = '';
    err = '';
    expect(await cli(['--verify', 'Dockerfile'])).toBe(0);
    expect(err).toMatch(/Dockerfile: verified with buildah \(2 build\(s\); smoke: ENTRYPOINT\/CMD runs for 5 s/);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(FAT);
  });

  it('--check --verify exits 1 when a proven rewrite exists', async () => {
    expect(await cli(['--check', '--verify', '--smoke', 'app', 'Dockerfile'])).toBe(1);
  });

  it('an original that does not build: exit 2 with the reason, nothing written', async () => {
    writeFileSync(join(dir, 'Dockerfile'), FAT + 'RUN FAIL\n');
    expect(await cli(['--write', '--verify', '--smoke', 'app', '--format', 'json', 'Dockerfile'])).toBe(2);
    expect(schemaErrors(out)).toEqual([]);
    const f = JSON.parse(out).files[0];
    expect(f.status).toBe('error');
    expect(f.error).toMatch(/the original Dockerfile does not build \(the build fails \(exit 1\)\)/);
    expect(f.verify.original).toMatchObject({ built: false });
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(FAT + 'RUN FAIL\n');
  });

  it('no engine: exit 2 with a message; --verify with stdin is a usage error', async () => {
    process.env.PATH = '/nonexistent';
    expect(await runCli(['--verify', '--engine', 'buildah', 'Dockerfile'], io())).toBe(2);
    expect(err).toMatch(/--verify: no container engine found \(buildah: not installed\)/);
    err = '';
    expect(await runCli(['--verify', '-'], io())).toBe(2);
    expect(err).toMatch(/--verify needs Dockerfiles on disk/);
  });

  it('repository config: engineArgs/runArgs ignored with a warning unless --trust-repo-config; the smoke command is taken', async () => {
    writeFileSync(
      join(dir, '.slimifyrc.json'),
      JSON.stringify({
        verify: {
          engineArgs: ['--secret=id=k,src=/etc/shadow'],
          runArgs: ['--privileged'],
          smoke: 'app --from-config',
        },
      }),
    );
    expect(await runCli(['--verify', '--engine', 'buildah', 'Dockerfile'], io())).toBe(0);
    expect(calls().join('\n')).not.toMatch(/shadow|privileged/);
    expect(calls()).toContainEqual(expect.stringMatching(/^run \S+ -- app --from-config$/));
    expect(err).toMatch(/"verify\.engineArgs" ignored/);
    rmSync(join(dir, 'state/calls'));
    expect(await runCli(['--verify', '--engine', 'buildah', '--trust-repo-config', 'Dockerfile'], io())).toBe(0);
    expect(calls()).toContainEqual(expect.stringMatching(/--secret=id=k,src=\/etc\/shadow/));
    expect(calls()).toContainEqual(expect.stringMatching(/^run --privileged /));
  });

  it('Ctrl-C during a build: kills it, removes the images, containers and temporary folder, exits 130', async () => {
    const bin = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
    const p = spawn(
      process.execPath,
      [bin, '--verify', '--smoke', 'app', '--engine', 'buildah', '--no-config', 'Dockerfile'],
      {
        cwd: dir,
        env: { ...process.env, FAKE_SLOW: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    const exit = await new Promise<number | null>((res) => {
      p.stderr.on('data', (c) => {
        stderr += c;
        // the second build (the rewrite on the slim base) is the slow one
        if (/build 2:/.test(stderr) && !p.killed) setTimeout(() => p.kill('SIGINT'), 1000);
      });
      p.on('close', (code) => res(code));
    });
    expect(stderr).toMatch(/SIGINT, removing temporary images/);
    expect(exit).toBe(130);
    const log = calls();
    expect(log.filter((l) => l.startsWith('rmi localhost/slimify-verify-')).length).toBe(2);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(FAT);
  });
});

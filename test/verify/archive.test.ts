import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { instructionFromHistory, layerInstructions, readImageArchive } from '../../src/verify/archive.js';
import { gz, tar } from './tar-writer.js';

const layer0 = tar([
  { path: 'bin/', type: 'dir' },
  { path: 'bin/sh', data: 'x'.repeat(3000) },
]);
const layer1 = tar([
  { path: 'app/', type: 'dir' },
  { path: 'app/main', data: 'y'.repeat(700) },
  { path: 'bin/.wh.sh' },
]);
const history = [
  { created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
  { created_by: '/bin/sh -c #(nop)  ENV A=1', empty_layer: true },
  { created_by: '|1 V=2 /bin/sh -c make install' },
  { created_by: '/bin/sh -c #(nop)  CMD ["app"]', empty_layer: true },
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function file(buf: Buffer): string {
  const d = mkdtempSync(join(tmpdir(), 'slimify-archive-test-'));
  dirs.push(d);
  const f = join(d, 'image.tar');
  writeFileSync(f, buf);
  return f;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('image archives', () => {
  it('reads a docker-archive (manifest.json, uncompressed layers)', async () => {
    const config = Buffer.from(JSON.stringify({ history, rootfs: { type: 'layers', diff_ids: [] } }));
    const f = file(
      tar([
        { path: 'l0/layer.tar', data: layer0 },
        { path: 'l1/layer.tar', data: layer1 },
        { path: 'cfg.json', data: config },
        {
          path: 'manifest.json',
          data: JSON.stringify([{ Config: 'cfg.json', RepoTags: ['x:y'], Layers: ['l0/layer.tar', 'l1/layer.tar'] }]),
        },
      ]),
    );
    const img = await readImageArchive(f);
    expect(img.format).toBe('docker-archive');
    expect(img.layers.map((l) => l.bytes)).toEqual([layer0.length, layer1.length]);
    expect(img.bytes).toBe(layer0.length + layer1.length);
    expect(img.layers.map((l) => l.instruction)).toEqual(['ADD file:abc in /', 'RUN make install']);
    expect(img.layers[1]!.entries.map((e) => e.path)).toEqual(['app', 'app/main', 'bin/.wh.sh']);
  });

  it('reads an OCI archive with gzip layers and sizes them uncompressed', async () => {
    const g0 = gz(layer0);
    const g1 = gz(layer1);
    const config = Buffer.from(JSON.stringify({ history }));
    const manifest = Buffer.from(
      JSON.stringify({
        config: { digest: `sha256:${sha(config)}` },
        layers: [g0, g1].map((b) => ({
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
          digest: `sha256:${sha(b)}`,
        })),
      }),
    );
    const index = {
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${sha(manifest)}` }],
    };
    const f = file(
      tar([
        { path: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' },
        { path: 'index.json', data: JSON.stringify(index) },
        ...[g0, g1, config, manifest].map((b) => ({ path: `blobs/sha256/${sha(b)}`, data: b })),
      ]),
    );
    const img = await readImageArchive(f);
    expect(img.format).toBe('oci');
    expect(img.layers.map((l) => l.bytes)).toEqual([layer0.length, layer1.length]);
    expect(img.layers[0]!.entries.find((e) => e.path === 'bin/sh')!.size).toBe(3000);
  });

  it('with { compressed: true }: gzips uncompressed layers to size them, takes gzip layers as stored; reads ENTRYPOINT/CMD', async () => {
    const config = Buffer.from(JSON.stringify({ history, config: { Entrypoint: ['/app/main'], Cmd: ['--serve'] } }));
    const g1 = gz(layer1);
    const f = file(
      tar([
        { path: 'l0/layer.tar', data: layer0 },
        { path: 'l1/layer.tar', data: g1 },
        { path: 'cfg.json', data: config },
        {
          path: 'manifest.json',
          data: JSON.stringify([{ Config: 'cfg.json', Layers: ['l0/layer.tar', 'l1/layer.tar'] }]),
        },
      ]),
    );
    const img = await readImageArchive(f, { compressed: true });
    const c0 = gzipSync(layer0).length;
    // the same data gzipped by another writer may differ by a few header bytes, never by the payload
    expect(Math.abs(img.layers[0]!.compressedBytes! - c0)).toBeLessThan(32);
    expect(img.layers[0]!.compressedBytes!).toBeLessThan(layer0.length);
    expect(img.layers[1]!.compressedBytes).toBe(g1.length);
    expect(img.compressedBytes).toBe(img.layers[0]!.compressedBytes! + g1.length);
    expect(img.bytes).toBe(layer0.length + layer1.length);
    expect(img.runConfig).toEqual({ entrypoint: ['/app/main'], cmd: ['--serve'] });
    expect((await readImageArchive(f)).compressedBytes).toBeUndefined();
  });

  it('rejects what is not an image archive', async () => {
    await expect(readImageArchive(file(tar([{ path: 'hello', data: 'x' }])))).rejects.toThrow(/not an image archive/);
  });
});

describe('history -> instruction', () => {
  it.each([
    ['/bin/sh -c #(nop)  CMD ["bash"]', 'CMD ["bash"]'],
    ['/bin/sh -c #(nop) COPY dir:1234 in /app ', 'COPY dir:1234 in /app'],
    ['/bin/sh -c apt-get update', 'RUN apt-get update'],
    ['|2 A=1 B= /bin/sh -c go build .', 'RUN go build .'],
    ['RUN /bin/sh -c npm ci # buildkit', 'RUN npm ci'],
    ['COPY . . # buildkit', 'COPY . .'],
    ['debootstrap', 'debootstrap'],
  ])('%s', (input, out) => expect(instructionFromHistory(input)).toBe(out));

  it('aligns from the top when the base image has no history for its layers', () => {
    expect(layerInstructions([{ created_by: '/bin/sh -c make' }], 3)).toEqual([null, null, 'RUN make']);
    expect(layerInstructions(undefined, 2)).toEqual([null, null]);
  });
});

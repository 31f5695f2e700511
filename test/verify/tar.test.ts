import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TarStreamParser, indexTarFile, normalizeTarPath, parsePax, readTarMember } from '../../src/verify/tar.js';
import type { TarEntry } from '../../src/verify/tar.js';
import { tar } from './tar-writer.js';

const long = 'usr/lib/' + 'x'.repeat(90) + '/' + 'y'.repeat(40) + '.so';

const sample = () =>
  tar([
    { path: './etc/', type: 'dir' },
    { path: './etc/os-release', data: 'NAME=Debian\n' },
    { path: long, data: 'a'.repeat(1000), longName: 'pax' },
    { path: long.replace('.so', '.gnu'), data: 'b'.repeat(513), longName: 'gnu' },
    { path: long.replace('.so', '.pre'), data: 'c', longName: 'prefix' },
    { path: 'usr/bin/sh', type: 'symlink', linkname: 'dash' },
    { path: 'usr/bin/sh2', type: 'hardlink', linkname: 'usr/bin/sh' },
    { path: 'var/lib/.wh.apt', size: 0 },
  ]);

const expected = [
  { path: 'etc', type: 'directory', size: 0 },
  { path: 'etc/os-release', type: 'file', size: 12 },
  { path: long, type: 'file', size: 1000 },
  { path: long.replace('.so', '.gnu'), type: 'file', size: 513 },
  { path: long.replace('.so', '.pre'), type: 'file', size: 1 },
  { path: 'usr/bin/sh', type: 'symlink', size: 0 },
  { path: 'usr/bin/sh2', type: 'hardlink', size: 0 },
  { path: 'var/lib/.wh.apt', type: 'file', size: 0 },
];

const strip = (es: TarEntry[]) => es.map(({ path, type, size }) => ({ path, type, size }));

describe('tar reader', () => {
  it('indexes a tar file by headers (pax, GNU long names, ustar prefix, links)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slimify-tar-test-'));
    const f = join(dir, 'a.tar');
    writeFileSync(f, sample());
    const idx = await indexTarFile(f);
    expect(strip(idx)).toEqual(expected);
    expect(idx[5]!.linkname).toBe('dash');
    expect((await readTarMember(f, idx[1]!)).toString()).toBe('NAME=Debian\n');
    rmSync(dir, { recursive: true, force: true });
  });

  for (const chunk of [1, 7, 512, 100_000]) {
    it(`stream-parses the same entries when fed ${chunk}-byte chunks`, () => {
      const buf = sample();
      const got: TarEntry[] = [];
      const p = new TarStreamParser((e) => got.push(e));
      for (let i = 0; i < buf.length; i += chunk) p.write(buf.subarray(i, i + chunk));
      p.end();
      expect(strip(got)).toEqual(expected);
      expect(p.bytes).toBe(buf.length);
    });
  }

  it('reports a truncated stream and a corrupt header', () => {
    const buf = sample();
    const p = new TarStreamParser(() => {});
    p.write(buf.subarray(0, 512 * 2 + 100));
    expect(() => p.end()).toThrow(/truncated/);
    const bad = Buffer.from(buf);
    bad[0] = bad[0]! ^ 0xff;
    expect(() => new TarStreamParser(() => {}).write(bad)).toThrow(/checksum/);
  });

  it('reads GNU base-256 sizes', () => {
    const buf = tar([{ path: 'big', size: 0 }]);
    // rewrite the size field as base-256 (5 GiB) and fix the checksum: the parser must not read octal
    const h = buf.subarray(0, 512);
    h.fill(0, 124, 136);
    h[124] = 0x80;
    h.writeUIntBE(5 * 1024 ** 3, 130, 6);
    h.write('        ', 148);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    const got: TarEntry[] = [];
    new TarStreamParser((e) => got.push(e)).write(h);
    expect(got[0]!.size).toBe(5 * 1024 ** 3);
  });

  it('normalises paths and parses pax records', () => {
    expect(normalizeTarPath('./a/b/')).toBe('a/b');
    expect(normalizeTarPath('/x')).toBe('x');
    expect(normalizeTarPath('./')).toBe('');
    expect(parsePax(Buffer.from('19 path=a/b/ü.txt\n11 size=42\n'))).toEqual({ path: 'a/b/ü.txt', size: '42' });
  });
});

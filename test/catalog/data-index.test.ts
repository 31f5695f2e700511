/**
 * The catalog is read through catalog.index.json (src/catalog/data-index.ts): only the images a run
 * asks about are read and parsed. The index must match the data it was made from, and a catalog read
 * through it must answer every question as the whole file does.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CatalogData } from '../../src/catalog/data.js';
import { indexCatalogText, type CatalogIndex } from '../../src/catalog/data-index.js';
import { catalogFromData, indexedCatalog, loadCatalog } from '../../src/catalog/load.js';

const dataFile = new URL('../../src/catalog/catalog.data.json', import.meta.url);
const indexFile = new URL('../../src/catalog/catalog.index.json', import.meta.url);
const text = readFileSync(dataFile, 'latin1');
const whole = catalogFromData(JSON.parse(text) as CatalogData);
const names = Object.keys((JSON.parse(text) as CatalogData).images);
const work = mkdtempSync(join(tmpdir(), 'slimify-catalog-index-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Everything a Catalog answers about these images, for comparison. */
function answers(catalog: ReturnType<typeof loadCatalog>, images: string[]) {
  return images.map((name) => {
    const tags = catalog.tags(name);
    return {
      name,
      has: catalog.hasImage(name),
      tags,
      status: [...tags.slice(0, 40), ...tags.slice(-40), 'no-such-tag'].map((t) => catalog.tagStatus(name, t)),
      lastListed: tags.slice(-60).map((t) => catalog.lastListed?.(name, t)),
      sizes: ['latest', 'slim', 'alpine', tags[0] ?? ''].map((t) => catalog.size(name, t)),
      deprecation: catalog.deprecation?.(name),
    };
  });
}

describe('the catalog index', () => {
  it('is the index of the committed data (run `npm run catalog` to write both)', () => {
    expect(JSON.parse(readFileSync(indexFile, 'utf8'))).toEqual(indexCatalogText(text));
  });

  it('gives the same answers as the whole file, for every image and for names it does not have', () => {
    const odd = ['no-such-image', 'constructor', '__proto__', 'toString', 'library/python', 'docker.io/library/node'];
    expect(answers(loadCatalog(), [...names, ...odd])).toEqual(answers(whole, [...names, ...odd]));
    expect(loadCatalog().source).toEqual(whole.source);
  });

  it('is not used when it was made from other data; a missing index is no error', () => {
    const data = join(work, 'catalog.data.json');
    const index = join(work, 'catalog.index.json');
    copyFileSync(dataFile, data);
    copyFileSync(indexFile, index);
    expect(indexedCatalog(data, index)?.tagStatus('python', '3.12-slim')).toBe('current');
    const stale: CatalogIndex = { ...(JSON.parse(readFileSync(indexFile, 'utf8')) as CatalogIndex) };
    stale.dataBytes += 1;
    writeFileSync(index, JSON.stringify(stale));
    expect(indexedCatalog(data, index)).toBeNull();
    expect(indexedCatalog(data, join(work, 'missing.json'))).toBeNull();
  });

  it('finds entries by scanning the JSON, whatever their strings hold', () => {
    const data = { format: 1, images: { a: { current: 'x}{"\\', past: '' }, b: { current: '[', past: ']' } } };
    const t = JSON.stringify(data);
    const ix = indexCatalogText(t);
    for (const [name, [offset, length]] of Object.entries(ix.images))
      expect(JSON.parse(t.slice(offset, offset + length))).toEqual(data.images[name as 'a' | 'b']);
    expect(() => indexCatalogText('{"format":1,"images":{"a":{"current":"\u00e9"}}}')).toThrow(/ASCII/);
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCatalog, normalizeRepository } from '../../src/catalog/load.js';
import { frontDecode, frontEncode } from '../../src/catalog/encoding.js';
import { slimCandidates } from '../../src/catalog/variants.js';
import type { CatalogData } from '../../src/catalog/data.js';

const catalog = loadCatalog();

describe('catalog data', () => {
  it('records its source commit and date', () => {
    expect(catalog.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(catalog.source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(catalog.source.description).toMatch(/official-images/);
  });

  it('answers the questions from the issue', () => {
    expect(catalog.tagStatus('python', '3.9-slim-buster')).toBe('past');
    expect(catalog.lastListed?.('python', '3.9-slim-buster')).toBe('2023-06-07');
    expect(catalog.tagStatus('node', '18-bullseye-slim')).toBe('past');
    const ruby = slimCandidates('ruby', '3.2-bookworm');
    expect(ruby.kind === 'candidates' && ruby.candidates[0].tag).toBe('3.2-slim-bookworm');
    expect(catalog.tagStatus('ruby', '3.2-slim-bookworm')).not.toBe('never');
  });

  it('distinguishes current, past and never-listed tags', () => {
    expect(catalog.tagStatus('python', '3.12-slim')).toBe('current');
    expect(catalog.tagStatus('python', '3.7-slim')).toBe('past');
    expect(catalog.tagStatus('python', '3.12-slim-jessie')).toBe('never');
    expect(catalog.tagStatus('golang', '1.22-slim')).toBe('never');
    expect(catalog.tagStatus('eclipse-temurin', '21-jre')).toBe('current');
    expect(catalog.tagStatus('openjdk', '11')).toBe('past');
    expect(catalog.tagStatus('no-such-image', 'latest')).toBe('unknown-image');
  });

  it('lists the .NET images of other-images.md (explicit table in scripts/gen-catalog.ts)', () => {
    expect(catalog.source.description).toMatch(/dotnet-docker/);
    const dn = (r: string) => `mcr.microsoft.com/dotnet/${r}`;
    expect(catalog.tagStatus(dn('sdk'), '8.0')).toBe('current');
    expect(catalog.tagStatus(dn('sdk'), '10.0-alpine-aot')).toBe('current');
    expect(catalog.tagStatus(dn('aspnet'), '8.0')).toBe('current');
    expect(catalog.tagStatus(dn('aspnet'), '8.0-jammy-chiseled-extra')).toBe('current');
    expect(catalog.tagStatus(dn('aspnet'), '10.0-resolute-chiseled-composite')).toBe('current');
    expect(catalog.tagStatus(dn('aspnet'), '9.0-bookworm-slim')).toBe('current');
    expect(catalog.tagStatus(dn('runtime'), '9.0-alpine')).toBe('current');
    // composite is aspnet-only; jammy only for 8.0; bookworm-slim is not a .NET 10 tag.
    expect(catalog.tagStatus(dn('runtime'), '8.0-noble-chiseled-composite')).toBe('never');
    expect(catalog.tagStatus(dn('aspnet'), '9.0-jammy')).toBe('never');
    expect(catalog.tagStatus(dn('aspnet'), '10.0-bookworm-slim')).toBe('never');
    // runtime-deps 8.0 has alpine3.24-extra but no floating alpine-extra in the listing.
    expect(catalog.tagStatus(dn('runtime-deps'), '8.0-alpine3.24-extra')).toBe('current');
    expect(catalog.tagStatus(dn('runtime-deps'), '8.0-alpine-extra')).toBe('never');
    // EOL versions are past; fixed patch tags are not transcribed.
    expect(catalog.tagStatus(dn('aspnet'), '6.0')).toBe('past');
    expect(catalog.tagStatus(dn('aspnet'), '3.1-buster-slim')).toBe('past');
    expect(catalog.tagStatus(dn('runtime'), '6.0-alpine3.20')).toBe('past');
    expect(catalog.tagStatus(dn('sdk'), '3.1-bullseye')).toBe('past');
    expect(catalog.tagStatus(dn('aspnet'), '8.0.1')).toBe('never');
    expect(catalog.hasImage('mcr.microsoft.com/dotnet/core/aspnet')).toBe(false);
  });

  it('normalises Docker Hub spellings', () => {
    expect(normalizeRepository('docker.io/library/python')).toBe('python');
    expect(normalizeRepository('library/node')).toBe('node');
    expect(normalizeRepository('index.docker.io/library/debian')).toBe('debian');
    expect(normalizeRepository('docker.io/bitnami/python')).toBe('bitnami/python');
    expect(catalog.tagStatus('docker.io/library/python', '3.12')).toBe('current');
  });

  it('knows distroless and Chainguard tags', () => {
    expect(catalog.tagStatus('gcr.io/distroless/static-debian12', 'nonroot')).toBe('current');
    expect(catalog.tagStatus('gcr.io/distroless/static-debian11', 'latest')).toBe('past');
    expect(catalog.tagStatus('cgr.dev/chainguard/python', 'latest-dev')).toBe('current');
    expect(catalog.tagStatus('cgr.dev/chainguard/python', '3.12')).toBe('never');
  });

  it('lists current tags first', () => {
    const tags = catalog.tags('python');
    expect(tags.indexOf('3.12-slim')).toBeLessThan(tags.indexOf('3.7-slim'));
  });

  it('gives dated sizes with their source, by variant', () => {
    const full = catalog.size('python', '3.9');
    expect(full).toMatchObject({ compressed: 410_900_000, uncompressed: 1_110_000_000 });
    expect(full!.source).toMatch(/repo-info.*2026-08-13/);
    expect(catalog.size('node', '18-bullseye-slim')?.compressed).toBe(79_900_000);
    expect(catalog.size('debian', 'bookworm-slim')?.compressed).toBe(28_200_000);
    expect(catalog.size('eclipse-temurin', '17-jre')?.compressed).toBe(99_800_000);
    expect(catalog.size('ruby', '3.4')).toBeNull();
  });

  it('is compact: front-coded, not pretty-printed', () => {
    const raw = readFileSync(new URL('../../src/catalog/catalog.data.json', import.meta.url), 'utf8');
    expect(raw.split('\n').length).toBeLessThanOrEqual(2);
    // ASCII: load.ts reads it as latin1.
    expect(raw).toMatch(/^[\x20-\x7e]*\n?$/);
    const data = JSON.parse(raw) as CatalogData;
    expect(Object.keys(data.images).length).toBeGreaterThan(70);
  });
});

describe('front coding', () => {
  it('round-trips sorted tag lists', () => {
    const tags = ['3', '3-slim', '3.12', '3.12-slim', '3.12-slim-bookworm', '3.12.1', 'alpine', 'slim'];
    const enc = frontEncode(tags);
    expect(enc.length).toBeLessThan(tags.join(' ').length);
    expect(frontDecode(enc)).toEqual(tags);
    expect(frontDecode('')).toEqual([]);
  });
  it('rejects tags with spaces', () => {
    expect(() => frontEncode(['a b'])).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import {
  alpineCandidates,
  distrolessCandidates,
  isMinimalTag,
  parseTag,
  sizeClass,
  slimCandidates,
} from '../../src/catalog/variants.js';

const first = (r: ReturnType<typeof slimCandidates>) =>
  r.kind === 'candidates' ? `${r.candidates[0].repository}:${r.candidates[0].tag}` : r.kind;

describe('parseTag', () => {
  it('splits version, slim, suite, alpine and windows parts', () => {
    expect(parseTag('3.12-slim-bookworm')).toMatchObject({
      version: '3.12',
      slim: true,
      suite: 'bookworm',
      alpine: null,
      words: [],
    });
    expect(parseTag('22-bookworm-slim')).toMatchObject({ version: '22', slim: true, suite: 'bookworm' });
    expect(parseTag('3.15-rc-slim-trixie')).toMatchObject({ version: '3.15-rc', slim: true, suite: 'trixie' });
    expect(parseTag('8u302-b08-jdk-focal')).toMatchObject({ version: '8u302-b08', words: ['jdk'], suite: 'focal' });
    expect(parseTag('21-jre-alpine-3.21')).toMatchObject({ version: '21', words: ['jre'], alpine: 'alpine-3.21' });
    expect(parseTag('3.12-alpine3.20')).toMatchObject({ alpine: 'alpine3.20' });
    expect(parseTag('3.12-windowsservercore-ltsc2022')).toMatchObject({ windows: true, words: [] });
    expect(parseTag('bookworm-20240110-slim')).toMatchObject({ version: null, suite: 'bookworm-20240110', slim: true });
    expect(parseTag('lts-slim')).toMatchObject({ version: 'lts', slim: true });
    expect(parseTag(null)).toMatchObject({ tag: 'latest', version: null, rest: [] });
    expect(parseTag('8.3-fpm-bookworm')).toMatchObject({ version: '8.3', words: ['fpm'], suite: 'bookworm' });
  });
});

describe('slimCandidates: each family spells slim its own way', () => {
  it.each([
    ['python', '3.12', 'python:3.12-slim'],
    ['python', '3.9-buster', 'python:3.9-slim-buster'],
    ['python', null, 'python:slim'],
    ['python', 'latest', 'python:slim'],
    ['ruby', '3.2-bookworm', 'ruby:3.2-slim-bookworm'],
    ['rust', '1.80-bookworm', 'rust:1.80-slim-bookworm'],
    ['perl', '5.40-threaded-bookworm', 'perl:5.40-slim-threaded-bookworm'],
    ['node', '18-bullseye', 'node:18-bullseye-slim'],
    ['node', '22', 'node:22-slim'],
    ['node', 'lts', 'node:lts-slim'],
    ['node', null, 'node:slim'],
    ['debian', 'bookworm', 'debian:bookworm-slim'],
    ['debian', '12', 'debian:12-slim'],
    ['debian', 'bookworm-20240110', 'debian:bookworm-20240110-slim'],
    ['debian', 'latest', 'debian:stable-slim'],
    ['eclipse-temurin', '21', 'eclipse-temurin:21-jre'],
    ['eclipse-temurin', '21-jdk-noble', 'eclipse-temurin:21-jre-noble'],
    ['openjdk', '11', 'eclipse-temurin:11-jre'],
    ['openjdk', '8-jdk', 'eclipse-temurin:8-jre'],
  ])('%s:%s -> %s', (repo, tag, expected) => {
    expect(first(slimCandidates(repo, tag))).toBe(expected);
  });

  it('knows what has no slim form', () => {
    expect(slimCandidates('golang', '1.22')).toMatchObject({
      kind: 'none',
      why: expect.stringMatching(/golang has no slim/),
    });
    expect(slimCandidates('php', '8.3-apache')).toMatchObject({ kind: 'none' });
    expect(slimCandidates('openjdk', '8u212-jdk')).toMatchObject({ kind: 'none' });
    expect(slimCandidates('python', '3.12-windowsservercore')).toMatchObject({ kind: 'none' });
    expect(slimCandidates('ubuntu', '24.04')).toMatchObject({ kind: 'none' });
  });

  it('leaves minimal images', () => {
    for (const [r, t] of [
      ['python', '3.12-slim'],
      ['node', '22-alpine'],
      ['alpine', '3.20'],
      ['busybox', null],
      ['gcr.io/distroless/static-debian12', 'nonroot'],
      ['eclipse-temurin', '21-jre'],
    ] as const) {
      expect(slimCandidates(r, t).kind).toBe('minimal');
      expect(isMinimalTag(r, t)).toBe(true);
    }
  });
});

describe('alpineCandidates and distrolessCandidates', () => {
  it.each([
    ['python', '3.12-bookworm', 'python:3.12-alpine'],
    ['node', '22', 'node:22-alpine'],
    ['golang', '1.22', 'golang:1.22-alpine'],
    ['php', '8.3-fpm-bookworm', 'php:8.3-fpm-alpine'],
    ['php', '8.3', 'php:8.3-alpine'],
  ])('%s:%s -> %s', (repo, tag, expected) => {
    expect(first(alpineCandidates(repo, tag))).toBe(expected);
  });
  it('has no alpine for php -apache, perl or debian', () => {
    expect(alpineCandidates('php', '8.3-apache').kind).toBe('none');
    expect(alpineCandidates('perl', '5.40').kind).toBe('none');
    expect(alpineCandidates('debian', 'bookworm').kind).toBe('none');
  });
  it('maps runtimes to distroless', () => {
    expect(first(distrolessCandidates('golang', '1.22', { staticBinary: true }))).toBe(
      'gcr.io/distroless/static-debian12:nonroot',
    );
    expect(first(distrolessCandidates('golang', '1.25-trixie'))).toBe('gcr.io/distroless/base-debian13:nonroot');
    expect(first(distrolessCandidates('node', '22'))).toBe('gcr.io/distroless/nodejs22-debian13:nonroot');
    expect(distrolessCandidates('python', '3.12').kind).toBe('none');
    expect(first(distrolessCandidates('python', '3.13'))).toBe('gcr.io/distroless/python3-debian13:nonroot');
  });
});

describe('sizeClass', () => {
  it('drops version, suite and alpine release', () => {
    expect(sizeClass('python', '3.9-slim-buster')).toBe('slim');
    expect(sizeClass('python', '3.12.14-alpine3.20')).toBe('alpine');
    expect(sizeClass('node', '22')).toBe('');
    expect(sizeClass('eclipse-temurin', '21')).toBe('jdk');
    expect(sizeClass('eclipse-temurin', '21-jre-alpine')).toBe('jre-alpine');
    expect(sizeClass('php', '8.4')).toBe('cli');
    expect(sizeClass('php', '8.4-alpine')).toBe('cli-alpine');
    expect(sizeClass('debian', 'bookworm-slim')).toBe('slim');
    expect(sizeClass('python', '3.12-windowsservercore')).toBeNull();
  });
});

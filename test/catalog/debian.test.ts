import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/parse/document.js';
import {
  baseCarries,
  debianData,
  existsInEverySuite,
  fontsOf,
  pipNeedsBuildTools,
  relation,
  runtimeLibraries,
  suiteOf,
} from '../../src/catalog/debian/lookup.js';
import { nativeDevPackages } from '../../src/catalog/debian/native-libs.js';
import type { DebianData } from '../../src/catalog/debian/data.js';
import { isFontPackage, NEEDS } from '../../src/catalog/debian/needs.js';

const DATA_URL = new URL('../../src/catalog/debian/debian.data.json', import.meta.url);
const image = (ref: string) => parseDockerfile(`FROM ${ref}\n`).stages[0].image;

describe('debian data file', () => {
  it('is small and says where it comes from and when', () => {
    expect(statSync(DATA_URL).size).toBeLessThan(300 * 1024);
    const d = JSON.parse(readFileSync(DATA_URL, 'utf8')) as DebianData;
    expect(d.format).toBe(1);
    expect(d.source.generated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(d.suites.length).toBeGreaterThan(0);
    for (const s of d.suites) {
      expect(d.source.suites[s].packages).toContain(`/dists/${s}/main/binary-amd64/Packages`);
      expect(d.source.suites[s].date).toBeTruthy();
    }
    expect(d.source.notCovered).toMatch(/Ubuntu/);
  });

  it('has a relation for every need package and suite', () => {
    const d = debianData();
    for (const pkg of NEEDS.flatMap((n) => n.packages)) {
      for (const s of d.suites) expect(d.needs[pkg][s]).toBeDefined();
    }
  });
});

describe('suiteOf', () => {
  it.each([
    ['debian:bookworm-slim', 'debian', 'bookworm', true],
    ['debian:12', 'debian', 'bookworm', true],
    ['debian:11.9-slim', 'debian', 'bullseye', true],
    ['python:3.12-slim-bookworm', 'debian', 'bookworm', true],
    ['node:20-bullseye', 'debian', 'bullseye', true],
    ['ubuntu:22.04', 'ubuntu', 'jammy', false],
    ['ubuntu:jammy-20240101', 'ubuntu', 'jammy', false],
    ['debian:stretch', 'debian', 'stretch', false],
  ])('%s -> %s %s (data: %s)', (ref, distro, suite, hasData) => {
    expect(suiteOf(image(ref))).toEqual({ distro, suite, hasData });
  });

  it('says unknown for a tag that names no release', () => {
    expect(suiteOf(image('python:3.11')).suite).toBeNull();
    expect(suiteOf(image('debian')).suite).toBeNull();
    expect(suiteOf(image('$BASE')).suite).toBeNull();
  });
});

describe('relation', () => {
  it('reads Depends vs Recommends from the data', () => {
    const d = debianData();
    const s = d.suites[0];
    // curl, wget and git only recommend ca-certificates on every suite of the data (checked against apt-get -s).
    for (const suite of d.suites) {
      expect(relation(suite, 'curl', 'ca-certificates')).toBe('recommends');
      expect(relation(suite, 'git', 'ca-certificates')).toBe('recommends');
    }
    expect(relation(s, 'ca-certificates', 'ca-certificates')).toBe('depends');
    expect(relation(s, 'not-a-package-anyone-installs', 'ca-certificates')).toBe('unknown');
    expect(relation('jammy', 'curl', 'ca-certificates')).toBe('unknown');
    expect(relation(null, 'curl', 'ca-certificates')).toBe('unknown');
  });

  it('knows packages that bring nothing', () => {
    const s = debianData().suites[0];
    expect(relation(s, 'make', 'ca-certificates')).toBe('none');
  });
});

describe('pip and fonts', () => {
  it('compares the suite pip version with 23.1', () => {
    const d = debianData();
    for (const s of d.suites) {
      const [maj, min] = d.pip[s]!.split('.').map(Number);
      expect(pipNeedsBuildTools(s)).toBe(maj < 23 || (maj === 23 && min < 1));
    }
    expect(pipNeedsBuildTools('jammy')).toBeNull();
  });

  it('lists font packages graphviz gets', () => {
    const d = debianData();
    for (const s of d.suites) {
      const f = fontsOf(s, 'graphviz');
      expect(f).not.toBeNull();
      expect([...f!.depends, ...f!.recommends].every(isFontPackage)).toBe(true);
    }
    expect(isFontPackage('fonts-liberation')).toBe(true);
    expect(isFontPackage('xfonts-utils')).toBe(false);
    expect(existsInEverySuite('ca-certificates')).toBe(true);
  });
});

describe('baseCarries', () => {
  it.each([
    ['buildpack-deps:bookworm', 'ca-certificates', true],
    ['python:3.11', 'ca-certificates', true],
    ['python:3.11-slim', 'ca-certificates', true],
    ['python:3.11-slim', 'curl', false],
    ['node:20', 'dirmngr', true],
    ['node:20-slim', 'ca-certificates', false],
    ['node:20-alpine', 'ca-certificates', false],
    ['debian:bookworm', 'ca-certificates', false],
    ['ubuntu:22.04', 'ca-certificates', false],
    ['php:8.3-apache', 'curl', true],
    ['example.com/python:3.11', 'ca-certificates', false],
  ])('%s carries %s: %s', (ref, pkg, expected) => {
    expect(baseCarries(image(ref), pkg)).toBe(expected);
  });
});

describe('runtimeLibraries (issue 12: what a native package loads at run time)', () => {
  it('derives the runtime package from the -dev package of each suite', () => {
    for (const s of debianData().suites) {
      expect(runtimeLibraries('pypi', 'psycopg2', s)).toEqual(['libpq5']);
      expect(runtimeLibraries('pypi', 'mysqlclient', s)).toEqual(['libmariadb3']);
      expect(runtimeLibraries('pypi', 'lxml', s)).toEqual(['libxml2', 'libxslt1.1']);
      expect(runtimeLibraries('npm', 'canvas', s)).toEqual(
        expect.arrayContaining(['libcairo2', 'libpango-1.0-0', 'libjpeg62-turbo', 'libgif7', 'librsvg2-2']),
      );
    }
  });

  it('follows the suite where library names change', () => {
    expect(runtimeLibraries('pypi', 'cryptography', 'bullseye')).toEqual(['libssl1.1']);
    expect(runtimeLibraries('pypi', 'cryptography', 'bookworm')).toEqual(['libssl3']);
    expect(runtimeLibraries('pypi', 'Pillow', 'bullseye')).toContain('libtiff5');
    expect(runtimeLibraries('pypi', 'pillow', 'bookworm')).toContain('libtiff6');
  });

  it('says null for unknown packages and suites without data', () => {
    expect(runtimeLibraries('pypi', 'requests', 'bookworm')).toBeNull();
    expect(runtimeLibraries('pypi', 'psycopg2', 'jammy')).toBeNull();
    expect(runtimeLibraries('pypi', 'psycopg2', null)).toBeNull();
  });

  it('resolves every -dev package of the table to at least one library on every suite', () => {
    const d = debianData();
    for (const dev of nativeDevPackages()) {
      for (const s of d.suites) expect(d.runtimeLibs[dev][s], `${dev} on ${s}`).toMatch(/^lib|^zlib/);
    }
  });
});

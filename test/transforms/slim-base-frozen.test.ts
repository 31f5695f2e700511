/**
 * slim-base and Debian slim images built before they kept /usr/share/man/man1 (audit seed 43, E3):
 * a stage that installs Debian packages keeps its full base at the default level (packages whose
 * scripts add man-page alternatives fail there); --level review still switches; a stage that installs
 * nothing, or a slim target rebuilt after the fix, switches at the default level.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync } from '../../src/index.js';

beforeAll(async () => {
  await initShellParser();
});

const install = 'RUN apt-get update && apt-get install -y perl rename && rm -rf /var/lib/apt/lists/*\n';
const from = (out: string) => out.split('\n').find((l) => l.startsWith('FROM '));

describe('slim-base: frozen slim images without man folders', () => {
  it('debian:jessie with apt installs stays at the default level, with the reason', () => {
    const r = slimifySync(`FROM debian:jessie\n${install}CMD ["rename"]\n`);
    expect(from(r.output)).toBe('FROM debian:jessie');
    const f = r.findings.find((x) => x.transform === 'slim-base')!;
    expect(f.applied).toBe(false);
    expect(f.skipped?.detail).toMatch(/jessie-slim was last listed on 2021-03-25, before Debian's slim images kept/);
    expect(f.skipped?.detail).toMatch(/--level review/);
  });
  it('--level review switches it', () => {
    const r = slimifySync(`FROM debian:jessie\n${install}CMD ["rename"]\n`, { level: 'review' });
    expect(from(r.output)).toBe('FROM debian:jessie-slim');
  });
  it('python:2.7 (slim last built in 2020) with a hidden install script stays', () => {
    const r = slimifySync('FROM python:2.7\nCOPY setup.sh /\nRUN ./setup.sh\nCMD ["python", "app.py"]\n');
    expect(from(r.output)).toBe('FROM python:2.7');
  });
  it('a stage that installs no package switches', () => {
    const r = slimifySync('FROM debian:jessie\nCOPY app /usr/local/bin/app\nCMD ["app"]\n');
    expect(from(r.output)).toBe('FROM debian:jessie-slim');
  });
  it('a slim target listed after the fix switches (debian:buster -> buster-slim)', () => {
    const r = slimifySync(`FROM debian:buster\n${install}CMD ["rename"]\n`);
    expect(from(r.output)).toBe('FROM debian:buster-slim');
  });
});

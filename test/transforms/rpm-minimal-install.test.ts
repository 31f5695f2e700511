import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, slimifySync } from '../../src/index.js';
import { defineTransformTests, TRANSFORMS_DIR } from '../fixture-runner.js';

defineTransformTests('rpm-minimal-install');

const findings = (fixture: string) => {
  const text = readFileSync(
    join(TRANSFORMS_DIR, 'rpm-minimal-install', '__fixtures__', `${fixture}.input.Dockerfile`),
    'utf8',
  );
  return slimifySync(text, { only: ['rpm-minimal-install'] }).findings.map(
    (f) => `${f.line}:${f.skipped ? `${f.skipped.code}:${f.skipped.detail}` : 'applied'}`,
  );
};

describe('rpm-minimal-install', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  it('skips when a later command names a package the stage does not install by name', () => {
    const out = findings('later-names-unlisted');
    expect(out).toHaveLength(7);
    expect(out[0]).toMatch(/^2:uncertain:`rpm -e` later in this RUN names cron, dbus-1,.*--no-recommends/);
    expect(out[1]).toMatch(/^7:uncertain:`rpm -q` on line 8 names mod_ssl,.*install_weak_deps=False/);
    expect(out[2]).toMatch(/^11:uncertain:`dnf remove` on line 14 names nginx-filesystem,/);
    expect(out[3]).toMatch(/^17:uncertain:`rpm -qf` on line 18 names \/usr\/bin\/less,/);
    expect(out[4]).toMatch(/^22:uncertain:`zypper rm` later in this RUN names "\$EXTRA",/);
    expect(out[5]).toMatch(/^25:uncertain:`rpm -e` later in this RUN names packages read by xargs from its input,/);
    expect(out[6]).toMatch(/^28:uncertain:`rpm -e` on line 29 names glibc-langpack-en,/);
  });
  it('applies when later commands name only packages installed by name, or none', () => {
    expect(findings('later-names-listed')).toEqual(['2:applied', '9:applied']);
  });
  it('uses the portable tsflags form where dnf may be 1.x, --nodocs on dnf 2+', () => {
    const text = readFileSync(
      join(TRANSFORMS_DIR, 'rpm-minimal-install', '__fixtures__', 'old-dnf.input.Dockerfile'),
      'utf8',
    );
    const r = slimifySync(text, { only: ['rpm-minimal-install'] });
    expect(r.findings.map((f) => f.applied)).toEqual([true, true, true, true, true, true]);
    expect(r.findings[0].message).toContain(
      'fedora:23 has dnf 1.x (dnf 2.0 came with Fedora 26), which has no --nodocs',
    );
    expect(r.findings[1].message).toContain('fedora:24 has dnf 1.x');
    expect(r.findings[2].message).toContain('fedora:24 has dnf 1.x');
    expect(r.findings[3].message).toContain('the base image is not known');
  });
  it('says nothing on a yum-era base when the flags are already there', () => {
    expect(findings('pre-dnf-flags-set')).toEqual([]);
  });
  it('leaves dnf alone on yum-era bases and microdnf without --setopt', () => {
    expect(findings('pre-dnf')).toEqual([
      '2:uncertain:centos:7 is an EL7 image: it ships yum, not dnf 2+; a dnf installed there predates weak dependencies and --nodocs',
      "5:uncertain:fedora:21 ships yum (dnf became Fedora's package manager in Fedora 22); a dnf installed there predates weak dependencies and --nodocs",
      '8:uncertain:amazonlinux:2 (Amazon Linux 1/2) ships yum, not dnf; a dnf installed there predates weak dependencies and --nodocs',
      '11:uncertain:registry.access.redhat.com/ubi8/ubi-minimal:8.1 is UBI 8.1, whose microdnf (before 3.4) has no --setopt',
      '14:uncertain:centos/ruby-25-centos7 is built on EL7: it ships yum, not dnf 2+; a dnf installed there predates weak dependencies and --nodocs',
    ]);
  });
});

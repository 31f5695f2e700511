/**
 * Which dnf a stage's root image ships, as far as the image reference tells: the flags
 * rpm-minimal-install adds exist only in some versions.
 *   - `--nodocs` is a dnf 2.0 option (Fedora 26, RHEL/CentOS 8); dnf 1.x (Fedora 22-25) stops with
 *     "unrecognized arguments: --nodocs". `--setopt=tsflags=nodocs` works in every dnf (and yum).
 *   - EL7-family images (CentOS/RHEL/UBI/Oracle Linux 7, Amazon Linux 1/2) and Fedora before 22 ship yum;
 *     a dnf there is EPEL's dnf 0.6 on rpm 4.11, which has no weak dependencies at all.
 * The stage's root image is read through the stage graph (`FROM builder` follows to builder's image;
 * `FROM ${BASE}` with an ARG default is resolved).
 */
import type { SourceDockerfile, Stage } from '../../src/parse/document.js';
import { rootImage } from '../../src/parse/legacy-base.js';

export type DnfRelease =
  /** dnf 2.0 or later: `--nodocs` is known. */
  | { kind: 'modern'; image: string }
  /** dnf 1.x: `--setopt=install_weak_deps` works, `--nodocs` does not. */
  | { kind: 'dnf1'; image: string; why: string }
  /** No dnf of its own (yum-era release): leave dnf commands alone. */
  | { kind: 'pre-dnf'; image: string; why: string }
  /** The reference does not tell (unknown image, variable or missing tag). */
  | { kind: 'unknown'; image: string | null };

/** The dnf generation of the stage's root image. */
export function dnfRelease(doc: SourceDockerfile, stage: Stage | null): DnfRelease {
  const ref = rootImage(doc, stage);
  if (!ref || ref.includes('$')) return { kind: 'unknown', image: ref };
  const noDigest = ref.split('@')[0];
  const colon = noDigest.lastIndexOf(':');
  const hasTag = colon > noDigest.lastIndexOf('/');
  const repo = (hasTag ? noDigest.slice(0, colon) : noDigest).toLowerCase();
  const tag = hasTag ? noDigest.slice(colon + 1).toLowerCase() : 'latest';
  const parts = repo.split('/');
  const name = parts[parts.length - 1];
  const major = /^(\d+)(?:$|[.-])/.exec(tag);
  const n = major ? Number(major[1]) : null;
  const pre = (why: string): DnfRelease => ({ kind: 'pre-dnf', image: ref, why });
  const modern: DnfRelease = { kind: 'modern', image: ref };

  if (name === 'fedora') {
    if (tag === 'latest' || tag === 'rawhide') return modern;
    if (n === null) return { kind: 'unknown', image: ref };
    if (n >= 26) return modern;
    if (n >= 22)
      return {
        kind: 'dnf1',
        image: ref,
        why: `${ref} has dnf 1.x (dnf 2.0 came with Fedora 26), which has no --nodocs`,
      };
    return pre(`${ref} ships yum (dnf became Fedora's package manager in Fedora 22)`);
  }
  // EL-family images whose tag is the release.
  if (['centos', 'oraclelinux', 'rockylinux', 'almalinux', 'amazonlinux'].includes(name)) {
    if (name === 'rockylinux' || name === 'almalinux') return modern; // 8 and later only
    if (name === 'amazonlinux') {
      if (n !== null && n >= 2022) return modern;
      if (n !== null || tag === 'latest') return pre(`${ref} (Amazon Linux 1/2) ships yum, not dnf`);
      return { kind: 'unknown', image: ref };
    }
    const el = /^(?:centos|stream)?(\d+)/.exec(tag);
    if (tag === 'latest' && name === 'centos') return modern; // centos:latest ended as CentOS 8
    if (!el) return { kind: 'unknown', image: ref };
    return Number(el[1]) >= 8 ? modern : pre(`${ref} is an EL${el[1]} image: it ships yum, not dnf 2+`);
  }
  // Images built on an EL release say so in the name or tag: centos/ruby-25-centos7, openshift/base-centos7, foo:el7.
  const named = /(?:^|[-_./:])(?:centos|el|rhel)(\d)(?:$|[-_./:])/.exec(`${repo}:${tag}`);
  if (named) return Number(named[1]) >= 8 ? modern : pre(`${ref} is built on EL${named[1]}: it ships yum, not dnf 2+`);
  // Red Hat images name the release in the path: ubi8/ubi, ubi7, rhel7/rhel, redhat/ubi9.
  const rh = parts.map((p) => /^(?:ubi|rhel)(\d+)(?:$|-)/.exec(p)).find((m) => m);
  if (rh) return Number(rh[1]) >= 8 ? modern : pre(`${ref} is an EL${rh[1]} image: it ships yum, not dnf 2+`);
  return { kind: 'unknown', image: ref };
}

/**
 * Why the stage's microdnf has no `--setopt` (added in microdnf 3.4, RHEL 8.2): UBI 8.0/8.1 minimal
 * images. Null when the image is newer or not known.
 */
export function microdnfWithoutSetopt(doc: SourceDockerfile, stage: Stage | null): string | null {
  const ref = rootImage(doc, stage);
  if (!ref || ref.includes('$')) return null;
  const m = /(?:^|\/)ubi8(?:\/ubi-minimal|-minimal):(8\.[01])(?:$|[-.@])/.exec(ref.toLowerCase());
  return m ? `${ref} is UBI ${m[1]}, whose microdnf (before 3.4) has no --setopt` : null;
}

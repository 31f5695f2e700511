/**
 * Recognises stages built on distribution releases too old for the flags some transforms add
 * (pip --no-cache-dir, gem --no-document, apk --no-cache), from the root image reference only.
 */
import type { SourceDockerfile, Stage } from './document.js';

export interface BaseRelease {
  distro: 'ubuntu' | 'debian' | 'alpine' | 'centos';
  /** Release as [major, minor]: [14, 4] (Ubuntu 14.04), [8, 0] (Debian 8), [3, 2] (Alpine 3.2), [6, 0] (CentOS 6). */
  version: [number, number];
  /** The image reference it was read from, for skip messages. */
  image: string;
}

type Version = [number, number];
const UBUNTU_CODENAMES: Record<string, Version> = {
  lucid: [10, 4],
  precise: [12, 4],
  quantal: [12, 10],
  raring: [13, 4],
  saucy: [13, 10],
  trusty: [14, 4],
  utopic: [14, 10],
  vivid: [15, 4],
  wily: [15, 10],
  xenial: [16, 4],
  yakkety: [16, 10],
  zesty: [17, 4],
  artful: [17, 10],
  bionic: [18, 4],
  cosmic: [18, 10],
  disco: [19, 4],
  eoan: [19, 10],
  focal: [20, 4],
  groovy: [20, 10],
  hirsute: [21, 4],
  impish: [21, 10],
  jammy: [22, 4],
  kinetic: [22, 10],
  lunar: [23, 4],
  mantic: [23, 10],
  noble: [24, 4],
};
const DEBIAN_CODENAMES: Record<string, Version> = {
  squeeze: [6, 0],
  wheezy: [7, 0],
  jessie: [8, 0],
  stretch: [9, 0],
  buster: [10, 0],
  bullseye: [11, 0],
  bookworm: [12, 0],
  trixie: [13, 0],
};

/** The stage's root image (following `FROM <stage>`), as written with ARG defaults resolved, or null. */
export function rootImage(doc: SourceDockerfile, stage: Stage | null): string | null {
  return (stage && doc.stages[stage.root]?.image?.resolved) ?? null;
}

/**
 * The distribution release a stage is known to be built on, or null when the reference does not say.
 * Reads official distro images (`ubuntu:14.04`, `debian:jessie`, `alpine:3.2`, `centos:6`) and
 * release names embedded in other tags (`node:0.10-wheezy`, `nvidia/cuda:7.5-devel-ubuntu14.04`,
 * `python:2.7-alpine3.2`, `buildpack-deps:trusty`, `gliderlabs/alpine:3.1`).
 */
export function baseRelease(doc: SourceDockerfile, stage: Stage | null): BaseRelease | null {
  const ref = rootImage(doc, stage);
  if (!ref || ref.includes('$')) return null;
  const noDigest = ref.split('@')[0];
  const colon = noDigest.lastIndexOf(':');
  const hasTag = colon > noDigest.lastIndexOf('/');
  const repo = (hasTag ? noDigest.slice(0, colon) : noDigest).toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, '');
  const tag = hasTag ? noDigest.slice(colon + 1).toLowerCase() : '';
  const name = repo.split('/').pop()!;
  const out = (distro: BaseRelease['distro'], version: Version): BaseRelease => ({ distro, version, image: ref });
  let m: RegExpExecArray | null;
  // Official ubuntu, and images named after it with a release tag (`fcat/ubuntu-universe:12.04`).
  if (
    name === 'ubuntu' ||
    name === 'ubuntu-debootstrap' ||
    (/ubuntu/.test(name) && /^\d{2}\.\d{2}($|[-_.])/.test(tag))
  ) {
    if ((m = /^(\d{2})\.(\d{2})/.exec(tag))) return out('ubuntu', [Number(m[1]), Number(m[2])]);
    const code = tag.split(/[-.]/)[0];
    if (code in UBUNTU_CODENAMES) return out('ubuntu', UBUNTU_CODENAMES[code]);
  }
  if (name === 'debian') {
    if ((m = /^(\d+)(\.|$|-)/.exec(tag))) return out('debian', [Number(m[1]), 0]);
    const code = tag.split(/[-.]/)[0];
    if (code in DEBIAN_CODENAMES) return out('debian', DEBIAN_CODENAMES[code]);
  }
  if (name === 'alpine' && (m = /^(\d+)\.(\d+)/.exec(tag))) return out('alpine', [Number(m[1]), Number(m[2])]);
  if (name === 'centos' && (m = /^(?:centos)?(\d+)/.exec(tag))) return out('centos', [Number(m[1]), 0]);
  // Release names inside other images' tags.
  if ((m = /(?:^|[-_.])alpine(\d)\.(\d+)(?:$|[-_.])/.exec(tag))) return out('alpine', [Number(m[1]), Number(m[2])]);
  if ((m = /ubuntu(\d{2})\.(\d{2})/.exec(tag))) return out('ubuntu', [Number(m[1]), Number(m[2])]);
  if ((m = /centos(\d+)/.exec(tag))) return out('centos', [Number(m[1]), 0]);
  for (const part of tag.split(/[-_.]/)) {
    if (part in UBUNTU_CODENAMES) return out('ubuntu', UBUNTU_CODENAMES[part]);
    if (part in DEBIAN_CODENAMES) return out('debian', DEBIAN_CODENAMES[part]);
  }
  return null;
}

/** Why the stage's release is older than `min` for `distro`, or null (newer, another distro, or unknown). */
export function olderThan(
  rel: BaseRelease | null,
  min: Partial<Record<BaseRelease['distro'], Version>>,
): string | null {
  if (!rel) return null;
  const floor = min[rel.distro];
  if (!floor) return null;
  const [a, b] = rel.version;
  if (a > floor[0] || (a === floor[0] && b >= floor[1])) return null;
  const show = (v: Version) =>
    rel.distro === 'debian' || rel.distro === 'centos'
      ? `${v[0]}`
      : `${v[0]}.${String(v[1]).padStart(rel.distro === 'ubuntu' ? 2 : 1, '0')}`;
  return `the stage is built on ${rel.image} (${rel.distro} ${show(rel.version)}, older than ${rel.distro} ${show(floor)})`;
}

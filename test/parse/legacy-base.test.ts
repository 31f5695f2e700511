import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/parse/document.js';
import { baseRelease, olderThan } from '../../src/parse/legacy-base.js';

function rel(text: string) {
  const doc = parseDockerfile(text);
  return baseRelease(doc, doc.stages[doc.stages.length - 1]);
}

describe('baseRelease', () => {
  it('reads official distro images by number and code name', () => {
    expect(rel('FROM ubuntu:14.04\n')?.version).toEqual([14, 4]);
    expect(rel('FROM ubuntu:trusty\n')?.version).toEqual([14, 4]);
    expect(rel('FROM debian:jessie-slim\n')?.version).toEqual([8, 0]);
    expect(rel('FROM debian:8.11\n')?.version).toEqual([8, 0]);
    expect(rel('FROM alpine:3.19\n')?.version).toEqual([3, 19]);
    expect(rel('FROM gliderlabs/alpine:3.1\n')?.version).toEqual([3, 1]);
    expect(rel('FROM centos:centos6\n')?.version).toEqual([6, 0]);
  });
  it('reads release names inside other tags and follows FROM <stage>', () => {
    expect(rel('FROM nvidia/cuda:7.5-cudnn5-devel-ubuntu14.04\n')).toMatchObject({
      distro: 'ubuntu',
      version: [14, 4],
    });
    expect(rel('FROM python:2.7-alpine3.2 AS a\nFROM a\n')).toMatchObject({ distro: 'alpine', version: [3, 2] });
    expect(rel('FROM node:0.10-wheezy\n')).toMatchObject({ distro: 'debian', version: [7, 0] });
    expect(rel('FROM fcat/ubuntu-universe:12.04\n')).toMatchObject({ distro: 'ubuntu', version: [12, 4] });
  });
  it('says nothing when the reference does not tell', () => {
    expect(rel('FROM ubuntu\n')).toBeNull();
    expect(rel('FROM python:3.6\n')).toBeNull();
    expect(rel('ARG V\nFROM ubuntu:$V\n')).toBeNull();
  });
  it('compares releases as (major, minor)', () => {
    expect(olderThan(rel('FROM alpine:3.19\n'), { alpine: [3, 3] })).toBeNull();
    expect(olderThan(rel('FROM alpine:3.2\n'), { alpine: [3, 3] })).toMatch(/alpine 3\.2, older than alpine 3\.3/);
    expect(olderThan(rel('FROM ubuntu:12.10\n'), { ubuntu: [14, 4] })).toMatch(/ubuntu 12\.10/);
    expect(olderThan(rel('FROM ubuntu:16.04\n'), { ubuntu: [16, 4] })).toBeNull();
    expect(olderThan(rel('FROM debian:8\n'), { ubuntu: [16, 4] })).toBeNull();
  });
});

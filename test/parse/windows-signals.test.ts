import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser } from '../../src/index.js';
import { parseDockerfile } from '../../src/parse/document.js';

beforeAll(async () => {
  await initShellParser();
});

const proven = (text: string) => parseDockerfile(text).stages.map((s) => s.posixProven);

describe('a stage runs RUN in a POSIX shell only when the file proves it', () => {
  it('reads Windows signs in the image, ARG defaults, escape, drive paths and %VAR%', () => {
    expect(proven('ARG TAG=ltsc2019\nFROM mcr.microsoft.com/dotnet/sdk:8.0-windowsservercore-${TAG}\nRUN x\n')).toEqual(
      [false],
    );
    expect(proven('ARG BASE=example/app:1-nanoserver\nFROM $BASE\nRUN x\n')).toEqual([false]);
    expect(proven('FROM example/base:1\nARG WINDOWS_VERSION\nRUN x\n')).toEqual([true]);
    expect(proven('ARG WINDOWS_VERSION\nFROM example/base:${WINDOWS_VERSION}\nRUN x\n')).toEqual([false]);
    expect(proven('# escape=`\nFROM example/base:1\nRUN x\n')).toEqual([false]);
    expect(proven('FROM example/base:1\nWORKDIR C:\\app\nRUN x\n')).toEqual([false]);
    expect(proven('FROM example/base:1\nRUN setx PATH "%PATH%;C:\\tools"\n')).toEqual([false]);
    expect(proven('FROM microsoft/iis\nRUN x\n')).toEqual([false]);
  });
  it('inherits Windows-ness and SHELL from the parent stage', () => {
    expect(proven('FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS a\nFROM a\nRUN x\n')).toEqual([false, false]);
    expect(proven('FROM debian:12 AS a\nSHELL ["pwsh", "-c"]\nFROM a\nRUN x\n')).toEqual([false, false]);
  });
  it('does not mistake POSIX text for Windows signs', () => {
    expect(proven('FROM debian:12\nRUN date +%Y%m%d && printf "%s%s" a b && curl http://x/y\n')).toEqual([true]);
    expect(proven('# escape=`\nFROM debian:12\nRUN ls\n')).toEqual([true]);
    expect(proven('FROM debian:12 AS a\nFROM a\nRUN ls\n')).toEqual([true, true]);
  });

  it('finds every kind of Windows image name, whatever its case (each holds a word looked for first)', () => {
    const images = [
      'mcr.microsoft.com/windows/servercore:ltsc2022',
      'mcr.microsoft.com/windows/nanoserver:1809',
      'example/app:1.0-WindowsServerCore',
      'example/app:1.0-ServerCore',
      'example/app:1.0-NanoServer',
      'python:3.12-LTSC2022',
      'python:3.12_ltsc2019',
      'MCR.Microsoft.com/windows:20H2',
      'mcr.microsoft.com/PowerShell:lts',
      'microsoft/powershell',
      'mcr.microsoft.com/dotnet/framework/sdk:4.8',
      'microsoft/dotnet-framework:4.8',
      'Microsoft/IIS',
      'microsoft/mssql-server-windows@sha256:00',
      'microsoft/windowsservercore',
      'microsoft/nanoserver:sac2016',
    ];
    for (const image of images) expect(proven(`FROM ${image}\nRUN ls\n`), image).toEqual([false]);
    expect(proven('FROM microsoftish/app:1.0\nRUN ls\n')).toEqual([true]);
  });
});

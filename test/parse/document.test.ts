import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, parseDockerfile } from '../../src/index.js';
import { logicalText } from '../../src/parse/run-body.js';
import { parseReference, officialName } from '../../src/parse/image-ref.js';
import { expandVariables } from '../../src/parse/variables.js';

beforeAll(async () => {
  await initShellParser();
});

describe('RUN body as the shell sees it', () => {
  it('removes continuations, embedded comment lines and blank lines, and maps back to the file', () => {
    const file = 'RUN a \\\n  # note\n\n  && b \\  \r\n  c';
    const lt = logicalText(file, 4, file.length, '\\');
    expect(lt.text).toBe('a   && b   c');
    for (let i = 0; i < lt.text.length; i++) expect(file[lt.toFile[i]]).toBe(lt.text[i]);
    expect(lt.toFile[lt.text.length]).toBe(file.length);
  });
  it('uses the escape directive (backtick) and keeps backslashes for the shell', () => {
    const file = 'RUN echo a\\b `\n  && c';
    expect(logicalText(file, 4, file.length, '`').text).toBe('echo a\\b   && c');
  });
  it('maps the words of a parsed RUN back to their place in the file', () => {
    const doc = parseDockerfile('FROM x\nRUN apt-get update && \\\n    # why\n    apt-get install -y é curl\n');
    const body = doc.instructions[1].run!.shell!;
    const install = body.script.commands[1];
    expect(install.args.map((w) => w.value)).toEqual(['install', '-y', 'é', 'curl']);
    const curl = install.args[3];
    const span = body.fileSpan(curl.span.start, curl.span.end);
    expect(doc.text.slice(span.start, span.end)).toBe('curl');
  });
  it('builds the top-level chain with its operators and command contexts', () => {
    const doc = parseDockerfile('FROM x\nRUN set -e; a && b || c; if true; then d; fi; e | f\n');
    const script = doc.instructions[1].run!.shell!.script;
    expect(script.chain.map((c) => [c.opBefore, c.kind])).toEqual([
      [null, 'command'],
      [';', 'command'],
      ['&&', 'command'],
      ['||', 'command'],
      [';', 'if_statement'],
      [';', 'pipeline'],
    ]);
    const byName = Object.fromEntries(script.commands.map((c) => [c.name?.value, c.context]));
    expect(byName.c.orList).toBe(true);
    expect(byName.true.condition).toBe(true);
    expect(byName.d.compound).toBe(true);
    expect(byName.f.pipeline).toBe(true);
  });
  it('marks exec form and heredocs, and parses a heredoc run by the shell', () => {
    const doc = parseDockerfile(
      'FROM x\nRUN ["echo", "hi"]\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nRUN python3 <<PY\nprint(1)\nPY\n',
    );
    expect(doc.instructions[1].run!.form).toBe('exec');
    const hd = doc.instructions[2].run!;
    expect(hd.form).toBe('heredoc');
    const script = hd.heredocs[0].script!;
    expect(script.script.commands.map((c) => c.args[0]?.value)).toEqual(['update', 'install']);
    const w = script.script.commands[1].args[2];
    const span = script.fileSpan(w.span.start, w.span.end);
    expect(doc.text.slice(span.start, span.end)).toBe('curl');
    expect(doc.instructions[3].run!.heredocs[0].script).toBeNull();
  });
});

describe('stages and image references', () => {
  const doc = () =>
    parseDockerfile(
      [
        '# syntax=docker/dockerfile:1.6',
        'ARG BASE=python',
        'ARG TAG=3.11',
        'FROM --platform=$BUILDPLATFORM docker.io/library/${BASE}:${TAG} AS build',
        'FROM build AS test',
        'FROM registry.example.com:5000/team/app@sha256:abc AS pinned',
        'FROM scratch',
        'COPY --from=build /a /a',
        'COPY --from=1 /b /b',
        'COPY --from=nginx:latest /etc/nginx /etc/nginx',
        'RUN --mount=type=bind,from=pinned,target=/x true',
        '',
      ].join('\n'),
    );
  it('resolves ARG defaults and splits the reference', () => {
    const s = doc().stages[0];
    expect(s.name).toBe('build');
    expect(s.image).toMatchObject({
      raw: 'docker.io/library/${BASE}:${TAG}',
      resolved: 'docker.io/library/python:3.11',
      official: 'python',
      platform: '$BUILDPLATFORM',
      variables: ['BASE', 'TAG'],
    });
    expect(s.image!.parsed).toEqual({ registry: 'docker.io', path: 'library/python', tag: '3.11', digest: null });
  });
  it('knows stage references, scratch, digests and which stage uses which', () => {
    const d = doc();
    expect(d.stages[1].baseStage).toBe(0);
    expect(d.stages[1].image).toBeNull();
    expect(d.stages[2].image!.parsed).toEqual({
      registry: 'registry.example.com:5000',
      path: 'team/app',
      tag: null,
      digest: 'sha256:abc',
    });
    expect(d.stages[2].image!.official).toBeNull();
    expect(d.stages[3].scratch).toBe(true);
    expect(d.stages[3].isFinal).toBe(true);
    expect(d.stages[3].dependsOn.sort()).toEqual([0, 1, 2]);
    expect(d.stages[3].copiesFromImages).toEqual(['nginx:latest']);
    expect(d.stages[0].usedBy.sort()).toEqual([1, 3]);
    expect(d.directives).toMatchObject([{ name: 'syntax', value: 'docker/dockerfile:1.6' }]);
  });
  it('knows the shell in force: Windows images and SHELL ["powershell"]', () => {
    const d = parseDockerfile(
      '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\nFROM debian\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem\nFROM debian\nSHELL ["/bin/bash", "-c"]\nRUN ls\n',
    );
    expect(d.escapeChar).toBe('`');
    expect(d.stages.map((s) => s.shell)).toEqual(['cmd', 'powershell', 'posix']);
    expect(d.instructions.filter((i) => i.keyword === 'RUN').map((i) => !!i.run?.shell)).toEqual([false, false, true]);
  });
  it('keeps style facts: EOL, BOM, final newline, template placeholders', () => {
    const d = parseDockerfile('\uFEFFFROM %%IMAGE%%\r\nRUN x');
    expect(d.bom).toBe(true);
    expect(d.eol).toBe('\r\n');
    expect(d.finalNewline).toBe(false);
    expect(d.template).toBe(true);
    expect(d.text.startsWith('FROM')).toBe(true);
  });
  it('attaches comment lines directly above an instruction to it', () => {
    const d = parseDockerfile('FROM x\n\n# one\n# two\nRUN a\n');
    expect(d.instructions[1].leadingComments.map((c) => c.text)).toEqual(['one', 'two']);
  });
});

describe('reference grammar', () => {
  it.each([
    ['python', { registry: null, path: 'python', tag: null, digest: null }, 'python'],
    ['library/node:18-slim', { registry: null, path: 'library/node', tag: '18-slim', digest: null }, 'node'],
    ['localhost/img:1', { registry: 'localhost', path: 'img', tag: '1', digest: null }, null],
    [
      'gcr.io/distroless/static-debian12:nonroot',
      { registry: 'gcr.io', path: 'distroless/static-debian12', tag: 'nonroot', digest: null },
      null,
    ],
    ['bitnami/redis:7', { registry: null, path: 'bitnami/redis', tag: '7', digest: null }, null],
  ])('%s', (ref, parsed, official) => {
    expect(parseReference(ref)).toEqual(parsed);
    expect(officialName(parseReference(ref))).toBe(official);
  });
  it('expands ${VAR:-default} forms and reports unknown variables', () => {
    const vars = new Map([
      ['A', 'x'],
      ['E', ''],
    ]);
    expect(expandVariables('${A}-${B:-d}-${E:-e}-${E-f}-${A:+p}', vars).value).toBe('x-d-e--p');
    expect(expandVariables('$UNKNOWN', vars).value).toBeNull();
  });
});

describe('stage graph', () => {
  const doc = () =>
    parseDockerfile(
      [
        'ARG BASE=build',
        'FROM golang:1.22 AS build', // 0
        'FROM build AS test', // 1: built on 0, used by nothing
        'FROM alpine:3.20 AS tools', // 2: only copied from
        'FROM scratch AS assets', // 3: unused
        'FROM ${BASE} AS final', // 4: built on 0 through an ARG
        'COPY --from=tools /bin/x /bin/x',
        '',
      ].join('\n'),
    );
  it('gives each stage its FROM chain, root and descendants', () => {
    const { stages } = doc();
    expect(stages.map((s) => s.chain)).toEqual([[0], [0, 1], [2], [3], [0, 4]]);
    expect(stages.map((s) => s.root)).toEqual([0, 0, 2, 3, 0]);
    expect(stages.map((s) => s.descendants)).toEqual([[1, 4], [], [], [], []]);
  });
  it('tells the stages in the final image from the build-only ones', () => {
    const { stages } = doc();
    expect(stages.map((s) => s.reachesFinal)).toEqual([true, false, false, false, true]);
    // An unused stage can still be built with --target: not build-only.
    expect(stages.map((s) => s.buildOnly)).toEqual([false, false, true, false, false]);
  });
  it('has one stage that is its own root in a single-stage file', () => {
    const [s] = parseDockerfile('FROM debian\nRUN true\n').stages;
    expect([s.chain, s.root, s.descendants, s.reachesFinal, s.buildOnly]).toEqual([[0], 0, [], true, false]);
  });
});

describe('exec-form argv, read once per instruction', () => {
  it('reads JSON arrays of strings, across line continuations, and nothing else', () => {
    const d = parseDockerfile(
      [
        'FROM debian',
        'RUN ["apt-get", "install", \\',
        '    "-y", "curl"]',
        'CMD ["node", 1]',
        'ENTRYPOINT ["broken"',
        'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]',
        'RUN echo ["not", "json"]',
        'COPY ["a b", "/dst/"]',
        '',
      ].join('\n'),
    );
    expect(d.instructions.map((i) => i.execArgv)).toEqual([
      null,
      ['apt-get', 'install', '-y', 'curl'],
      null, // not all strings: Docker runs it in a shell
      null, // malformed JSON
      ['/bin/bash', '-eo', 'pipefail', '-c'],
      null, // shell form
      ['a b', '/dst/'],
    ]);
  });
});

/**
 * Issue 16 item 10: edge cases the post-condition safety net used to catch (exit 2, nothing written).
 * Each input runs at both levels; the rewrite must not be an error, must keep the input's final
 * newline state, must re-parse, and a second run on the output must change nothing (convergence).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser, parseDockerfile, slimifySync } from '../../src/index.js';

beforeAll(() => initShellParser());

const LEVELS = ['safe', 'review'] as const;

const endsWithNewline = (s: string) => /\r?\n$|\r$/.test(s);

function expectStable(name: string, text: string) {
  for (const level of LEVELS) {
    const first = slimifySync(text, { level });
    expect(first.status, `${name} @${level}: ${first.error ?? ''}`).not.toBe('error');
    expect(endsWithNewline(first.output), `${name} @${level}: final newline`).toBe(endsWithNewline(text));
    expect(() => parseDockerfile(first.output), `${name} @${level}: re-parse`).not.toThrow();
    const second = slimifySync(first.output, { level });
    expect(second.status, `${name} @${level} (second run): ${second.error ?? ''}`).toBe('unchanged');
    expect(second.output, `${name} @${level}: second run is a no-op`).toBe(first.output);
  }
}

/** Each case with and without the final newline. */
function bothEndings(cases: Record<string, string>): [string, string][] {
  return Object.entries(cases).flatMap(([name, text]): [string, string][] => [
    [`${name} (final newline)`, text.endsWith('\n') ? text : text + '\n'],
    [`${name} (no final newline)`, text.replace(/\n+$/, '')],
  ]);
}

describe('an unterminated heredoc marker (16.10)', () => {
  const cases = bothEndings({
    'apt-get after the marker':
      'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN cat <<-EOT > /x\nline one\nline two\n',
    'apt-get on the marker line':
      'FROM debian:12\nRUN apt-get update && apt-get install -y curl && cat <<-EOT > /x\nline one\n',
    'npm install before': 'FROM node:20\nRUN npm install\nRUN cat <<-EOT > /x\nsome text\n\tmore\n',
    'pip install before': 'FROM python:3.12\nRUN pip install flask\nRUN cat <<-EOT > /x\nsome text\n',
    'pip install on the marker line': 'FROM python:3.12\nRUN pip install flask && cat <<-EOT > /x\nsome text\nEOT2\n',
    'only the marker': 'FROM debian:12\nRUN cat <<-EOT > /x\n',
    'apt-get after, in the heredoc':
      'FROM debian:12\nRUN cat <<-EOT > /x\nRUN apt-get update && apt-get install -y curl\n',
  });
  it.each(cases)('%s', (name, text) => expectStable(name, text));
});

describe('a file ending in a line continuation (16.10)', () => {
  const cases: [string, string][] = [
    ['backslash space, newline', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl \\ \n'],
    ['backslash space, EOF', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl \\ '],
    ['backslash, EOF', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl \\'],
    ['backslash, newline', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl \\\n'],
    ['backslash space, then a blank line', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl \\ \n\n'],
    ['pip, backslash space, EOF', 'FROM python:3.12\nRUN pip install flask \\ '],
    ['npm, backslash, EOF', 'FROM node:20\nRUN npm install \\'],
    ['CRLF, backslash space', 'FROM debian:12\r\nRUN apt-get update && apt-get install -y curl \\ \r\n'],
  ];
  it.each(cases)('%s', (name, text) => expectStable(name, text));
});

describe('go-clean-cache converges (16.10)', () => {
  const cases = bothEndings({
    'go build alone': 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n',
    'go build in a && chain':
      'FROM golang:1.22\nCOPY . .\nRUN go mod download && go build -o /app . && rm -rf /tmp/x\n',
    'go install with ;': 'FROM golang:1.22\nRUN go install example.com/tool@latest; echo done\n',
    'go mod download alone': 'FROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go mod download\n',
    'go clean already there': 'FROM golang:1.22\nRUN go build -o /app . && go clean -cache\n',
    'go clean -modcache already there': 'FROM golang:1.22\nRUN go build -o /app . && go clean -cache -modcache\n',
    'continuation lines': 'FROM golang:1.22\nRUN go mod download \\\n && go build -o /app . \\\n && echo ok\n',
    'multi-stage': [
      'FROM golang:1.22 AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN go mod download',
      'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app',
      'FROM golang:1.22 AS tools',
      'RUN go install golang.org/x/tools/cmd/goimports@latest && go build ./...',
      'FROM gcr.io/distroless/static',
      'COPY --from=build /out/app /app',
      'ENTRYPOINT ["/app"]',
      '',
    ].join('\n'),
    'go build in a heredoc RUN': 'FROM golang:1.22\nRUN <<EOF\ngo mod download\ngo build -o /app .\nEOF\n',
    'go build after an unterminated heredoc': 'FROM golang:1.22\nRUN go build -o /app .\nRUN cat <<-EOT > /x\ntext\n',
  });
  it.each(cases)('%s', (name, text) => expectStable(name, text));
});

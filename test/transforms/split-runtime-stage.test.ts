import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBuildContext } from '../../src/context/index.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { defineTransformTests, runOnly } from '../fixture-runner.js';
import { initShellParser, slimifySync } from '../../src/index.js';
import { toExecForm } from '../../src/shell/exec-form.js';
import { parseDockerfile } from '../../src/parse/document.js';
import { commandsNamed, readStage } from '../../transforms/split-runtime-stage/stage-facts.js';

defineTransformTests('split-runtime-stage');

describe('split-runtime-stage: decisions', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  const run = (text: string) => runOnly('split-runtime-stage', text);
  const skipOf = (text: string) => run(text).findings.find((f) => f.transform === 'split-runtime-stage')?.skipped?.code;

  it('keeps an explicit CGO_ENABLED=0 and does not add a second one', () => {
    const r = run(
      'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nCMD ["/out/app"]\n',
    );
    expect(r.output.match(/CGO_ENABLED=0/g)).toHaveLength(1);
    // The program ran as root with a WORKDIR it may write into: it stays root.
    expect(r.output).toContain('FROM gcr.io/distroless/static-debian12:latest');
  });
  it('does not split when CGO_ENABLED comes from a variable', () => {
    expect(
      skipOf(
        'FROM golang:1.22\nARG CGO\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=$CGO go build -o /out/app .\nCMD ["/out/app"]\n',
      ),
    ).toBe('variable');
  });
  it('does not split a go build inside a loop', () => {
    expect(
      skipOf(
        'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN for d in a b; do go build -o /out/app ./$d; done\nCMD ["/out/app"]\n',
      ),
    ).toBe('uncertain');
  });
  it('does not edit a go build behind sudo or inside a sh -c string', () => {
    const detail = (body: string) =>
      run(`FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN ${body}\nCMD ["/out/app"]\n`).findings.find(
        (f) => f.transform === 'split-runtime-stage',
      )?.skipped?.detail;
    expect(detail('sudo go build -o /out/app .')).toMatch(/behind a wrapper/);
    expect(detail(`sh -c 'go build -o /out/app .'`)).toMatch(/inside a `sh -c` string/);
    expect(detail(`sh -c 'for d in a; do go build -o /out/app ./$d; done'`)).toMatch(/inside a loop/);
  });
  it('keeps a go install binary at $GOPATH/bin', () => {
    const r = run('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go install ./cmd/tool\nENTRYPOINT ["tool"]\n');
    expect(r.output).toContain('COPY --from=build /go/bin/tool /go/bin/tool');
  });
  it('runs as root on distroless :latest when the file says USER root', () => {
    const r = run(
      'FROM golang:1.22\nWORKDIR /src\nCOPY main.go go.mod ./\nRUN CGO_ENABLED=0 go build -o /app .\nUSER root\nCMD ["/app"]\n',
    );
    expect(r.output).toContain('FROM gcr.io/distroless/static-debian12:latest');
    expect(r.output).toMatch(/USER root\nCMD \["\/app"\]\n$/);
  });
  it('does not split a shell-form CMD that needs a shell on distroless', () => {
    expect(skipOf('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD /app --port=$PORT\n')).toBe(
      'uncertain',
    );
  });
  it('keeps a USER that later build steps use in the build stage too', () => {
    const r = run(
      'FROM node:18\nWORKDIR /home/node/app\nUSER node\nCOPY --chown=node . .\nRUN npm ci\nCMD ["node", "index.js"]\n',
    );
    const [build, runtime] = r.output.split('\n\nFROM ');
    expect(build).toContain('USER node');
    expect(runtime).toContain('USER node');
  });
  it('does not split npm scripts other than start', () => {
    expect(skipOf('FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["npm", "run", "dev"]\n')).toBe(
      'needs-toolchain',
    );
  });
  it('drops build-only ENV from the runtime stage and keeps the rest', () => {
    const r = run(
      'FROM golang:1.22\nENV GOFLAGS=-mod=vendor\nENV APP_MODE=prod\nWORKDIR /src\nCOPY *.go go.mod ./\nRUN go build -o /app .\nCMD ["/app"]\n',
    );
    const runtime = r.output.split('\n\nFROM ')[1];
    expect(runtime).toContain('ENV APP_MODE=prod');
    expect(runtime).not.toContain('GOFLAGS');
  });
  it('reads shell-form commands into exec form only when they are plain', () => {
    expect(toExecForm('server --port 8080')).toEqual(['server', '--port', '8080']);
    expect(toExecForm("server --name 'a b'")).toEqual(['server', '--name', 'a b']);
    expect(toExecForm('server $PORT')).toBeNull();
    expect(toExecForm('a && b')).toBeNull();
  });
  it('keeps comments with moved instructions', () => {
    const r = run(
      'FROM golang:1.22\nWORKDIR /src\nCOPY *.go go.mod ./\nRUN go build -o /app .\n# health port\nEXPOSE 9090\nCMD ["/app"]\n',
    );
    expect(r.output).toMatch(/COPY --from=build \/app \/app\n# health port\nEXPOSE 9090\n/);
  });
});

describe('split-runtime-stage: cgo and the build context', () => {
  const FIX = join(REPO_ROOT, 'test', 'fixtures', 'context');
  /** The fixture's Dockerfile text and its build context. */
  async function fixture(name: string, dockerfile: string) {
    await initShellParser();
    const path = join(FIX, name, dockerfile);
    return {
      text: readFileSync(path, 'utf8'),
      buildContext: await readBuildContext(path, { repoRoot: join(FIX, name) }),
    };
  }
  async function withContext(name: string, dockerfile = 'Dockerfile') {
    const { text, buildContext } = await fixture(name, dockerfile);
    return runOnly('split-runtime-stage', text, { buildContext });
  }
  /** The default level (no flags): every transform, safe tier only. */
  async function atDefault(name: string, dockerfile = 'Dockerfile') {
    const { text, buildContext } = await fixture(name, dockerfile);
    return slimifySync(text, { buildContext });
  }
  /**
   * With the context read, the split of `name/df` is review-tier with a reason matching `why`; returns
   * the default-level run and its split finding (if any) for the caller's own checks.
   */
  async function unprovenSplit(name: string, df: string, why: RegExp) {
    const review = splitOf(await withContext(name, df));
    expect(review.tier, `${name}/${df}`).toBe('review');
    expect(review.tierReason?.detail, `${name}/${df}`).toMatch(why);
    const r = await atDefault(name, df);
    const f = splitOf(r) as ReturnType<typeof runOnly>['findings'][number] & { applied?: boolean };
    return { r, f };
  }
  const splitOf = (r: { findings: { transform: string }[] }) =>
    r.findings.find((x) => x.transform === 'split-runtime-stage') as ReturnType<typeof runOnly>['findings'][number];
  it('does not split when go.mod requires a module that needs cgo (go-sqlite3)', async () => {
    const f = (await withContext('go-sqlite')).findings.find((x) => x.transform === 'split-runtime-stage');
    expect(f?.skipped?.detail).toMatch(/go\.mod requires github\.com\/mattn\/go-sqlite3/);
  });
  it('keeps cgo as the file has it when go.mod shows no cgo module (no CGO_ENABLED=0 added)', async () => {
    const r = await withContext('go-plain');
    expect(r.status).toBe('changed');
    expect(r.output).not.toContain('CGO_ENABLED=0');
    expect(r.output).toContain('FROM gcr.io/distroless/base-');
  });
  it('builds static for distroless/static when the context proves pure Go (no requirements, no import "C")', async () => {
    const r = await withContext('go-stdlib');
    expect(r.output).toContain('RUN CGO_ENABLED=0 go build');
    expect(r.output).toContain('FROM gcr.io/distroless/static-debian12:');
  });
  it('is safe-tier on that evidence, and ships the binary alone when the copied context holds only Go sources', async () => {
    const r = await withContext('go-stdlib');
    const f = r.findings.find((x) => x.transform === 'split-runtime-stage')!;
    expect(f.tier).toBe('safe');
    expect(r.output).not.toMatch(/COPY --from=build \/src /);
    expect(f.message).toMatch(/holds only Go sources, module files and docs/);
  });
  it('keeps the app folder for files the program reads (not embedded), still safe-tier', async () => {
    const r = await withContext('go-assets');
    const f = r.findings.find((x) => x.transform === 'split-runtime-stage')!;
    expect(f.tier).toBe('safe');
    expect(r.output).toContain('COPY --from=build /src /src');
  });
  it('needs the review tier when the program imports os/exec, or when the module is not proven pure', async () => {
    for (const [name, why] of [
      ['go-exec', /main\.go imports os\/exec/],
      ['go-plain', /does not prove the module pure Go/],
    ] as const) {
      const f = (await withContext(name)).findings.find((x) => x.transform === 'split-runtime-stage')!;
      expect(f.tier, name).toBe('review');
      expect(f.tierReason?.detail, name).toMatch(why);
    }
  });
  it('python: safe-tier with the libraries of the packages built from source; review-tier when they are not known', async () => {
    const pg = await withContext('python-psycopg2');
    const f = pg.findings.find((x) => x.transform === 'split-runtime-stage')!;
    expect(f.tier).toBe('safe');
    expect(pg.output).toMatch(
      /FROM python:3\.11-slim\n[^]*RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf \/var\/lib\/apt\/lists\/\*\n[^]*RUN ! find \/opt\/venv/,
    );
    const uw = (await withContext('python-uwsgi')).findings.find((x) => x.transform === 'split-runtime-stage')!;
    expect(uw.tier).toBe('review');
    expect(uw.tierReason?.detail).toMatch(
      /uwsgi is built from source and the shared libraries it loads on Debian \w+ are not in slimify's package data/,
    );
  });
  it('node: safe-tier when the copied lockfile records install scripts, no addon is built and the container starts `node <file>`', async () => {
    for (const df of ['Dockerfile', 'Dockerfile.npm-start']) {
      const r = await withContext('node-proven', df);
      const f = splitOf(r);
      expect(f.tier, df).toBe('safe');
      expect(f.message, df).toMatch(
        /Proven by the build context: package-lock\.json \(install scripts recorded per package\): no package builds a native addon; the container starts `(node dist\/index\.js|npm start`, whose script in package\.json is `node dist\/index\.js)`, outside the development dependencies; node:20-bookworm-slim is the same Node on the same Debian suite/,
      );
      expect(r.output, df).toMatch(
        /RUN npm prune --omit=dev\n\nFROM node:20-bookworm-slim\nWORKDIR \/app\nCOPY --from=build \/app \/app\n/,
      );
    }
  });
  it('node: a native addon whose run-time libraries are in the package data is safe-tier, the libraries installed in the runtime stage; applied at the default level', async () => {
    const r = await atDefault('node-canvas');
    const f = splitOf(r) as ReturnType<typeof runOnly>['findings'][number] & { applied?: boolean };
    expect(f.tier).toBe('safe');
    expect(f.applied).toBe(true);
    expect(f.message).toMatch(/the native addon canvas loads libcairo-gobject2 .*libcairo2 .*librsvg2-2 at run time/);
    expect(r.output).toMatch(
      /FROM node:20-bookworm-slim\nWORKDIR \/app\nCOPY --from=build \/app \/app\n# slimify: shared libraries the native addons built in the build stage load \(Debian bookworm package data\)\nRUN apt-get update && apt-get install -y --no-install-recommends libcairo-gobject2 [^\n]*librsvg2-2 && rm -rf \/var\/lib\/apt\/lists\/\*\nCMD \["node", "index\.js"\]\n$/,
    );
  });
  it('node: an addon whose binding.gyp (read from the release tarball) links only the C/C++ runtime is safe-tier, with no package installed', async () => {
    const r = await atDefault('node-native');
    const f = splitOf(r) as ReturnType<typeof runOnly>['findings'][number] & { applied?: boolean };
    expect(f.tier).toBe('safe');
    expect(f.applied).toBe(true);
    expect(f.message).toMatch(
      /the native addon bcrypt@5\.1\.1 \(binding\.gyp of 4\.0\.1–5\.1\.1\) links only the C\/C\+\+ runtime the slim image has \(release tarballs from the npm registry, read \d{4}-\d\d-\d\d\)/,
    );
    expect(r.output).toMatch(
      /\nFROM node:20-slim\nWORKDIR \/app\nCOPY --from=build \/app \/app\nCMD \["node", "index\.js"\]\n$/,
    );
  });
  it('node: each missing piece of evidence leaves the split undone at the default level, with a reason naming it', async () => {
    for (const [name, df, why] of [
      // a lockfile in the context that no COPY brings in before the install is not evidence
      [
        'lock-not-copied',
        'Dockerfile',
        /package-lock\.json is in the build context but no COPY\/ADD before line 4 puts it in \/app/,
      ],
      [
        'node-proven',
        'Dockerfile.lock-later',
        /package-lock\.json is in the build context but no COPY\/ADD before line 4/,
      ],
      ['node-nolock', 'Dockerfile', /no package-lock\.json in the build context/],
      ['yarn-v1', 'Dockerfile', /yarn\.lock \(yarn-lock v1\) does not record which packages run install scripts/],
      [
        'node-addons',
        'Dockerfile.oldbcrypt',
        /bcrypt@3\.0\.8 downloads a prebuilt binary or compiles with node-gyp, and neither the system libraries its addon loads on Debian bookworm nor its binding\.gyp for this version are in slimify's data/,
      ],
      [
        'node-addons',
        'Dockerfile.sqlite',
        /sqlite3@5\.1\.7 .*its binding\.gyp links `-l<\(sqlite_libname\)` \(a build-time expansion, variable or shared-object path\), which slimify cannot map to a Debian package/,
      ],
      [
        'node-addons',
        'Dockerfile.rdkafka',
        /node-rdkafka@3\.6\.1 compiles with node-gyp, and its binding\.gyp links `[^`]*librdkafka/,
      ],
      ['node-start-dev', 'Dockerfile', /the `start` script of package\.json runs `nodemon`, not node/],
      [
        'node-proven',
        'Dockerfile.dev-bin',
        /runs node_modules\/\.bin\/ts-node, a command of the development dependency ts-node/,
      ],
      [
        'node-proven',
        'Dockerfile.preload-dev',
        /preloads ts-node, which is not a production dependency in package\.json/,
      ],
    ] as const) {
      const { r, f } = await unprovenSplit(name, df, why);
      // Left undone (reported, not applied), or gone when slim-base's node:<v>-slim applied first (no compile step).
      if (f) expect(f.applied, `${name}/${df}`).toBe(false);
      expect(r.output, `${name}/${df}`).not.toContain('COPY --from=build');
    }
  });
  it('java: JDK -> JRE is safe-tier and applied at the default level when the context proves no JDK use (Maven and Gradle)', async () => {
    for (const [name, jre] of [
      ['java-maven', 'eclipse-temurin:17-jre'],
      ['java-gradle', 'eclipse-temurin:21-jre'],
    ] as const) {
      const r = await atDefault(name);
      const f = splitOf(r) as ReturnType<typeof runOnly>['findings'][number] & { applied?: boolean };
      expect(f.tier, name).toBe('safe');
      expect(f.applied, name).toBe(true);
      expect(f.message, name).toMatch(
        /Proven by the build context: (pom\.xml|build\.gradle\.kts): no main \.java\/\.kt source names a JDK-only package or tool/,
      );
      expect(r.output, name).toContain(`\nFROM ${jre}\n`);
    }
  });
  it('java: each missing piece of evidence leaves the JRE split undone at the default level, with a reason naming it', async () => {
    for (const [name, df, why] of [
      [
        'java-maven-jdk',
        'Dockerfile',
        /src\/main\/java\/com\/example\/Scripts\.java uses javax\.tools, which only a JDK has/,
      ],
      [
        'java-maven-jsp',
        'Dockerfile',
        /depends on org\.apache\.tomcat\.embed:tomcat-embed-jasper: Jasper compiles JSP pages at run time/,
      ],
      ['java-maven', 'Dockerfile.add-modules', /adds the module jdk\.compiler, which the JRE does not have/],
      ['java-maven', 'Dockerfile.no-pom', /no pom\.xml or build\.gradle is copied into the stage/],
      ['java-maven', 'Dockerfile.whole', /copies config\/app\.yml, which the jar may read at run time/],
      [
        'java-gradle',
        'Dockerfile.catalog',
        /a Gradle dependency is declared as `implementation\(libs\.spring\.boot\.starter\.web\)`/,
      ],
    ] as const) {
      const { r, f } = await unprovenSplit(name, df, why);
      expect(f.applied, `${name}/${df}`).toBe(false);
      expect(r.output, `${name}/${df}`).not.toContain('-jre');
    }
  });
  it('keeps cgo when a .go file of the context imports "C" (alone or in an import block)', async () => {
    for (const name of ['go-import-c', 'go-import-block']) {
      const r = await withContext(name);
      expect(r.output, name).not.toContain('CGO_ENABLED=0');
      expect(r.output, name).toContain('FROM gcr.io/distroless/base-debian12:');
    }
  });
});

describe('split-runtime-stage: stage facts', () => {
  beforeAll(async () => {
    await initShellParser();
  });
  const facts = (text: string) => {
    const doc = parseDockerfile(text);
    return readStage(doc, doc.stages[0]);
  };

  it('reads commands through wrappers and sh -c strings', () => {
    const f = facts(
      `FROM debian\nWORKDIR /src\nRUN sudo apt-get install -y libpq5 && sh -c 'cd web && npm run build' && npm ci\n`,
    );
    expect(f.commands.map((c) => [c.name, c.direct, c.cwd])).toEqual([
      ['apt-get', false, '/src'],
      ['cd', false, '/src'],
      ['npm', false, null],
      ['npm', true, '/src'],
    ]);
    expect(f.osPackages).toEqual(['libpq5']);
    expect(commandsNamed(f, ['npm'], ['run']).map((c) => c.args)).toEqual([['run', 'build']]);
  });

  it('combines the context of a sh -c command with the shell around it', () => {
    const f = facts(`FROM debian\nRUN curl -fsSL x | sh -c 'tar x' && bash -c 'for a in b; do make; done'\n`);
    const tar = f.commands.find((c) => c.name === 'tar')!;
    expect(tar.context.pipeline).toBe(true);
    const make = f.commands.find((c) => c.name === 'make')!;
    expect(make.context.compound).toBe(true);
    expect(make.cmd.name?.value).toBe('bash');
  });
});

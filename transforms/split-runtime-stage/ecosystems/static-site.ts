/** The split transform's static front-end case: a Node stage that builds static files and only serves them moves them to nginx. */
import { posix } from 'node:path';
import type { Context, SkipReason } from '../../../src/engine/types.js';
import { commandsNamed, type StageFacts } from '../stage-facts.js';

export interface StaticSite {
  /** Absolute folder the build writes and the start command serves. */
  outDir: string;
  runtime: { repository: string; tag: string };
  /** The static server the container ran (`serve`, `http-server`). */
  server: string;
  /** Port the old server listened on, as far as the file tells. */
  oldPort: string;
  /** `serve -s`: unknown paths answer index.html (client-side routing). */
  spa: boolean;
  /** The build command seen (`npm run build`). */
  build: string;
}

export type StaticResult = { site: StaticSite } | { skip: SkipReason; skeleton?: string } | null;

/** Flags of `serve` and `http-server` that take a value in the next word. */
const VALUE_FLAGS: Record<string, Set<string>> = {
  serve: new Set(['-l', '--listen', '-p', '--port', '-c', '--config', '--ssl-cert', '--ssl-key', '--ssl-pass']),
  'http-server': new Set([
    '-p',
    '--port',
    '-a',
    '-c',
    '-e',
    '--ext',
    '-t',
    '-P',
    '--proxy',
    '--proxy-options',
    '-C',
    '--cert',
    '-K',
    '--key',
    '--username',
    '--password',
    '--mimetypes',
  ]),
};
const DEFAULT_PORT: Record<string, string> = { serve: '3000', 'http-server': '8080' };
/** Scripts and CLIs that produce the static output of Vite, CRA, Angular, Vue CLI and similar. */
const BUILD_SCRIPTS = new Set(['build', 'build:prod', 'build:production']);
const BUILD_CLIS = new Set(['ng', 'vite', 'react-scripts', 'vue-cli-service']);
/** Tags tried, in order, for the runtime image. */
export const NGINX_TAGS = ['stable-alpine', 'alpine', 'stable'];

/** The server and its words when the container only serves files: `[npx [-y]] serve|http-server ...`. */
function serverCall(argv: string[]): { server: string; args: string[] } | null {
  let i = 0;
  if (posix.basename(argv[0]) === 'npx') {
    i = 1;
    while (i < argv.length && argv[i].startsWith('-')) i++;
  }
  const name = argv[i] === undefined ? '' : posix.basename(argv[i]).replace(/@[^/]*$/, '');
  return name in VALUE_FLAGS ? { server: name, args: argv.slice(i + 1) } : null;
}

/** Whether the start command is a static-file server or a preview of the build (null: neither). */
export function isStaticServe(argv: string[]): boolean {
  const pm = posix.basename(argv[0]);
  const words = argv.slice(1).filter((a) => !a.startsWith('-'));
  const preview =
    (pm === 'npm' && words[0] === 'run' && words[1] === 'preview') ||
    ((pm === 'yarn' || pm === 'pnpm') && (words[0] === 'preview' || (words[0] === 'run' && words[1] === 'preview')));
  return preview || serverCall(argv) !== null;
}

/** Reads the static-site case; `null` when the start command is not a static server. */
export function staticSite(facts: StageFacts, ctx: Context, argv: string[]): StaticResult {
  const skeleton = (dir: string) =>
    `Suggested shape: name this stage \`AS build\`, then \`FROM nginx:stable-alpine\`, \`COPY --from=build ${dir} /usr/share/nginx/html\`, \`EXPOSE 80\` (add a \`try_files $uri $uri/ /index.html\` config for client-side routing).`;
  const appDir = facts.finalWorkdir;
  const call = serverCall(argv);
  if (!call) {
    if (!isStaticServe(argv)) return null;
    return {
      skip: {
        code: 'uncertain',
        detail: `the container runs \`${argv.join(' ')}\`, a preview server whose output folder (dist/, build/ or a configured one) is not named in the file`,
      },
      skeleton: skeleton(`${appDir ?? '/app'}/dist`),
    };
  }
  // The one positional word is the folder served; a value flag consumes the next word.
  const positional: string[] = [];
  let port: string | null = null;
  let spa = false;
  const valueFlags = VALUE_FLAGS[call.server];
  for (let i = 0; i < call.args.length; i++) {
    const a = call.args[i];
    if (a === '-s' || a === '--single') spa = true;
    if (valueFlags.has(a)) {
      const v = call.args[++i];
      if ((a === '-l' || a === '--listen' || a === '-p' || a === '--port') && v) port = /(\d+)$/.exec(v)?.[1] ?? port;
      continue;
    }
    const attached = /^(--listen|--port|-p|-l)=?(\S*?)(\d+)$/.exec(a);
    if (attached && a.startsWith('-')) port = attached[3];
    if (a.startsWith('-')) continue;
    positional.push(a);
  }
  if (
    call.server === 'http-server' &&
    call.args.some((a) => a === '-P' || a === '--proxy' || a.startsWith('--proxy='))
  ) {
    return {
      skip: {
        code: 'uncertain',
        detail: 'http-server proxies unknown paths to another server; nginx would need the same proxy rules',
      },
      skeleton: skeleton('<output folder>'),
    };
  }
  if (positional.length !== 1) {
    return {
      skip: {
        code: 'uncertain',
        detail: `\`${call.server}\` is not given exactly one folder, so the build's output folder is not known`,
      },
      skeleton: skeleton(`${appDir ?? '/app'}/dist`),
    };
  }
  const dir = positional[0];
  if (!/^[A-Za-z0-9._/-]+$/.test(dir))
    return { skip: { code: 'uncertain', detail: `the served folder ${dir} needs quoting` } };
  if (!appDir || appDir === '/')
    return {
      skip: {
        code: 'uncertain',
        detail: 'the app is not in its own folder (no WORKDIR), so the served folder is not known',
      },
      skeleton: skeleton('/app/build'),
    };
  const outDir = posix.normalize(dir.startsWith('/') ? dir : posix.join(appDir, dir)).replace(/(.)\/$/, '$1');
  if (outDir === appDir || !outDir.startsWith(appDir + '/')) {
    return {
      skip: {
        code: 'uncertain',
        detail: `the served folder ${outDir} is not a build output inside the app folder ${appDir}`,
      },
      skeleton: skeleton(outDir),
    };
  }
  // A build step in the app folder must produce it.
  const builds = [
    ...commandsNamed(facts, ['npm'], ['run', 'run-script']).filter((c) =>
      BUILD_SCRIPTS.has(c.args.filter((a) => a !== null && !a.startsWith('-'))[1] ?? ''),
    ),
    ...commandsNamed(facts, ['yarn', 'pnpm']).filter((c) => {
      const w = c.args.filter((a) => a !== null && !a.startsWith('-'));
      return BUILD_SCRIPTS.has(w[0] ?? '') || (w[0] === 'run' && BUILD_SCRIPTS.has(w[1] ?? ''));
    }),
    ...commandsNamed(facts, ['npx', ...BUILD_CLIS]).filter((c) => {
      const w = c.args.filter((a) => a !== null && !a.startsWith('-'));
      const n = posix.basename(c.name);
      return n === 'npx' ? BUILD_CLIS.has(w[0] ?? '') && w[1] === 'build' : w[0] === 'build';
    }),
  ];
  if (!builds.length)
    return {
      skip: {
        code: 'uncertain',
        detail:
          'no front-end build (`npm run build`, `yarn build`, `ng build`, `vite build`) in this stage, so the served folder may not be build output',
      },
      skeleton: skeleton(outDir),
    };
  const b = builds.find((c) => c.cwd === appDir && !c.context.compound && !c.context.subshell && !c.context.background);
  if (!b)
    return {
      skip: {
        code: 'uncertain',
        detail: `the front-end build does not run as a plain command in the app folder ${appDir}`,
      },
      skeleton: skeleton(outDir),
    };
  if (facts.stage.instructions.some((i) => i.keyword === 'HEALTHCHECK')) {
    return {
      skip: { code: 'uncertain', detail: 'the HEALTHCHECK probes the old server and port, which nginx replaces' },
      skeleton: skeleton(outDir),
    };
  }
  const tag = NGINX_TAGS.find((t) => ctx.catalog.tagStatus('nginx', t) === 'current');
  if (!tag) return { skip: { code: 'unknown-image', detail: 'no current nginx tag in the catalog' } };
  const exposed = facts.stage.instructions
    .filter((i) => i.keyword === 'EXPOSE')
    .map((i) => facts.logical(i))
    .join(' ');
  return {
    site: {
      outDir,
      runtime: { repository: 'nginx', tag },
      server: call.server,
      oldPort: port ?? /^\d+/.exec(exposed)?.[0] ?? DEFAULT_PORT[call.server],
      spa,
      build: [b.name, ...b.args.map((a) => a ?? '…')].join(' '),
    },
  };
}

/** The nginx server block for client-side routing: unknown paths answer index.html, as `serve -s` did. */
export const SPA_CONFIG_RUN =
  "RUN printf 'server {\\n    listen 80;\\n    root /usr/share/nginx/html;\\n    index index.html;\\n    location / {\\n        try_files $uri $uri/ /index.html;\\n    }\\n}\\n' > /etc/nginx/conf.d/default.conf";

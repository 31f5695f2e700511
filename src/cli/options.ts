/**
 * The one option table of the main command: it feeds yargs and the README's flag list (a test
 * checks that every flag here is documented there). The options are the main command's own, not
 * global: `pr` takes REWRITE_OPTIONS and its own, `verify` declares its own.
 */
export interface OptionSpec {
  type: 'boolean' | 'string' | 'array';
  alias?: string;
  choices?: readonly string[];
  describe: string;
  default?: unknown;
}

export const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;

/** How to rewrite: shared by the main command and `slimify pr`. */
export const REWRITE_OPTIONS = {
  level: {
    type: 'string',
    choices: ['safe', 'review'],
    describe: 'Which transforms run: safe (default) or also the review tier.',
  },
  // strings, not arrays: yargs arrays are greedy (`--only pip-no-cache-dir Dockerfile` took the path
  // for an id); repeats still collect and commas split (src/text/split-list.ts).
  only: {
    type: 'string',
    describe: 'Run only these transform ids (comma-separated or repeated); a review-tier id named here is enabled.',
  },
  skip: { type: 'string', describe: 'Never run these transform ids (comma-separated or repeated).' },
  enable: {
    type: 'string',
    describe: 'Also run these review-tier transform ids, on top of the level (comma-separated or repeated).',
  },
  target: {
    type: 'string',
    choices: ['slim', 'alpine', 'distroless'],
    describe: 'Base image target for base transforms (alpine and distroless are review tier).',
  },
  context: {
    type: 'string',
    describe:
      "Build context folder for the Dockerfiles (default: the one a compose/bake file names, else the Dockerfile's folder); its lockfiles and requirements decide what is safe.",
  },
  config: {
    type: 'string',
    describe: 'Read options from this JSON file instead of searching for .slimifyrc.json / package.json "slimify".',
  },
  'no-config': { type: 'boolean', describe: 'Do not read any config file.' },
} as const satisfies Record<string, OptionSpec>;

/** `--verify` (src/cli/verify-flow.ts): shared by the main command and `slimify pr`; `--context` is a rewrite option. */
export const VERIFY_OPTIONS = {
  verify: {
    type: 'boolean',
    describe: 'Build the original and the rewrite; keep only the changes a build, smoke test and size check prove.',
  },
  smoke: {
    type: 'string',
    describe: 'With --verify: command run in each image, must exit 0 (default: HEALTHCHECK, else ENTRYPOINT/CMD).',
  },
  engine: {
    type: 'string',
    choices: ['docker', 'podman', 'buildah'],
    describe: 'With --verify: container engine (default: docker, then podman, then buildah).',
  },
  // strings, not arrays: yargs arrays are greedy and would swallow the paths after them; repeats still collect
  'engine-arg': {
    type: 'string',
    describe: "With --verify: extra argument for the engine's build command (repeatable; --engine-arg=--flag=value).",
  },
  'run-arg': { type: 'string', describe: "With --verify: extra argument for the smoke container's run command." },
  'trust-repo-config': {
    type: 'boolean',
    describe:
      "Accept engineArgs/runArgs from the repository's config file (default: command line or your own config only).",
  },
} as const satisfies Record<string, OptionSpec>;

export const OPTIONS = {
  write: {
    type: 'boolean',
    alias: 'w',
    describe: 'Rewrite the files in place (atomically; unchanged files are not touched).',
  },
  check: { type: 'boolean', alias: 'c', describe: 'List the files that would change; exit 1 if any would.' },
  format: {
    type: 'string',
    alias: 'f',
    choices: FORMATS,
    describe: 'Report format on stdout: text (diff + summaries), json, markdown, sarif (code scanning).',
    default: 'text',
  },
  ...REWRITE_OPTIONS,
  'ignore-path': {
    type: 'string',
    describe:
      'Also skip the paths this file lists (gitignore syntax; .gitignore and .slimifyignore files are always read).',
  },
  'list-transforms': { type: 'boolean', describe: 'Print every transform (id, tier, description) and exit.' },
  color: {
    type: 'boolean',
    describe: 'Colour the diff (default: only when stdout is a terminal; NO_COLOR is honoured).',
  },
  'no-color': { type: 'boolean', describe: 'Never colour the diff (wins over --color and a terminal).' },
  'stdin-filepath': { type: 'string', describe: 'With `-`: the path to show in messages and reports for stdin.' },
  ...VERIFY_OPTIONS,
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** The options that take a value: `--format` alone is a usage error, not `--format ""`. */
export function stringOptions(table: Record<string, { type: string }>): string[] {
  return Object.entries(table)
    .filter(([, o]) => o.type === 'string')
    .map(([name]) => name);
}

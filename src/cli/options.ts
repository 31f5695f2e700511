/**
 * The one option table: it feeds yargs and the README's flag list (a test checks that every
 * flag here is documented there).
 */
export interface OptionSpec {
  type: 'boolean' | 'string' | 'array';
  alias?: string;
  choices?: readonly string[];
  describe: string;
  default?: unknown;
}

export const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;

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
  level: {
    type: 'string',
    choices: ['safe', 'review'],
    describe: 'Which transforms run: safe (default) or also the review tier.',
  },
  only: {
    type: 'array',
    describe: 'Run only these transform ids (comma-separated or repeated); a review-tier id named here is enabled.',
  },
  skip: { type: 'array', describe: 'Never run these transform ids (comma-separated or repeated).' },
  enable: {
    type: 'array',
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
  'list-transforms': { type: 'boolean', describe: 'Print every transform (id, tier, description) and exit.' },
  color: {
    type: 'boolean',
    describe: 'Colour the diff (default: only when stdout is a terminal; NO_COLOR is honoured).',
  },
  'stdin-filepath': { type: 'string', describe: 'With `-`: the path to show in messages and reports for stdin.' },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

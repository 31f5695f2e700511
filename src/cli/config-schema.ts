/**
 * The one description of the config file (`.slimifyrc.json`, package.json "slimify", --config):
 * it validates what is read (an unknown key is an error naming it, exit 2) and it is the
 * README's config table (`npx tsx scripts/readme-config.ts` rewrites it; a test checks they agree).
 *
 * Other features add their keys by appending an entry to CONFIG_SCHEMA (or to a section's `keys`).
 */
import { closest } from './suggest.js';

export interface ConfigKey {
  key: string;
  /** `record`: an object keyed by free names (transform ids), each value an object. */
  type: 'string' | 'string[]' | 'boolean' | 'number' | 'record' | 'section';
  choices?: readonly string[];
  describe: string;
  /** For `section`: its keys (unknown ones are errors too). */
  keys?: ConfigKey[];
}

export const CONFIG_SCHEMA: ConfigKey[] = [
  { key: 'level', type: 'string', choices: ['safe', 'review'], describe: 'As `--level`.' },
  { key: 'only', type: 'string[]', describe: 'As `--only`: run only these transform ids.' },
  { key: 'skip', type: 'string[]', describe: 'As `--skip`: never run these transform ids.' },
  { key: 'enable', type: 'string[]', describe: 'As `--enable`: review-tier transform ids turned on by default.' },
  { key: 'target', type: 'string', choices: ['slim', 'alpine', 'distroless'], describe: 'As `--target`.' },
  {
    key: 'context',
    type: 'string',
    describe: 'As `--context`: the build context folder, relative to the config file.',
  },
  {
    key: 'transforms',
    type: 'record',
    describe: 'Per-transform options: `{ "<transform-id>": { "option": "value" } }` (see each transform README).',
  },
  {
    key: 'verify',
    type: 'section',
    describe: '`slimify verify` settings (command-line values win).',
    keys: [
      { key: 'engine', type: 'string', choices: ['docker', 'podman', 'buildah'], describe: 'As `--engine`.' },
      { key: 'engineArgs', type: 'string[]', describe: 'Extra build arguments (as `--engine-arg`).' },
      { key: 'runArgs', type: 'string[]', describe: 'Extra smoke-test run arguments (as `--run-arg`).' },
      { key: 'smoke', type: 'string', describe: 'As `--smoke`.' },
      { key: 'smokeTimeout', type: 'number', describe: 'As `--smoke-timeout` (seconds).' },
    ],
  },
  {
    key: 'pr',
    type: 'section',
    describe: '`slimify pr` settings (command-line values win).',
    keys: [
      { key: 'base', type: 'string', describe: 'As `--base`.' },
      { key: 'remote', type: 'string', describe: 'As `--remote`.' },
      { key: 'labels', type: 'string[]', describe: 'As `--label`.' },
      { key: 'reviewers', type: 'string[]', describe: 'As `--reviewer`.' },
      { key: 'draft', type: 'boolean', describe: 'As `--draft`.' },
      { key: 'commitMessage', type: 'string', describe: 'As `--commit-message`.' },
      { key: 'author', type: 'string', describe: 'As `--author`.' },
      { key: 'scope', type: 'string', describe: 'As `--scope`.' },
    ],
  },
];

/** The problem with `data` against `schema`, or null. `at` is the key path so far (`verify.`). */
export function configProblem(data: unknown, schema: readonly ConfigKey[] = CONFIG_SCHEMA, at = ''): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return at ? `"${at.slice(0, -1)}" must be an object` : 'the config must be a JSON object';
  const byKey = new Map(schema.map((k) => [k.key, k]));
  for (const [key, value] of Object.entries(data)) {
    const spec = byKey.get(key);
    if (!spec) {
      const guess = closest(key, [...byKey.keys()]);
      return `unknown key "${at}${key}"${guess ? ` (did you mean "${at}${guess}"?)` : ''}; known keys: ${[...byKey.keys()].join(', ')}`;
    }
    const name = `"${at}${key}"`;
    switch (spec.type) {
      case 'string':
        if (typeof value !== 'string') return `${name} must be a string`;
        if (spec.choices && !spec.choices.includes(value)) return `${name} must be one of ${spec.choices.join(', ')}`;
        break;
      case 'string[]':
        if (!Array.isArray(value) || !value.every((x) => typeof x === 'string'))
          return `${name} must be an array of strings`;
        break;
      case 'boolean':
        if (typeof value !== 'boolean') return `${name} must be true or false`;
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a number`;
        break;
      case 'record':
        if (typeof value !== 'object' || value === null || Array.isArray(value))
          return `${name} must be an object keyed by transform id`;
        for (const [id, options] of Object.entries(value))
          if (typeof options !== 'object' || options === null || Array.isArray(options))
            return `"${at}${key}.${id}" must be an object of options`;
        break;
      case 'section': {
        const problem = configProblem(value, spec.keys ?? [], `${at}${key}.`);
        if (problem) return problem;
        break;
      }
    }
  }
  return null;
}

/** The README's config table, made from the schema. */
export function configDocs(schema: readonly ConfigKey[] = CONFIG_SCHEMA, at = ''): string {
  const rows: string[] = at ? [] : ['| key | type | meaning |', '| --- | --- | --- |'];
  for (const k of schema) {
    const type =
      k.type === 'section' || k.type === 'record'
        ? 'object'
        : k.choices
          ? k.choices.map((c) => `\`"${c}"\``).join(' \\| ')
          : k.type;
    rows.push(`| \`${at}${k.key}\` | ${type} | ${k.describe} |`);
    if (k.keys) rows.push(configDocs(k.keys, `${at}${k.key}.`));
  }
  return rows.join('\n');
}

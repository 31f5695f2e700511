/** The GitHub Action's `verify` input and the verified-PR example workflow. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/corpus.js';

const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'));
const example = parse(readFileSync(join(REPO_ROOT, 'examples/verified-pr.yml'), 'utf8'));

describe('action.yml verify input', () => {
  it('declares verify (off by default) and smoke, and passes them as flags through the environment only', () => {
    expect(action.inputs.verify.default).toBe('false');
    expect(action.inputs.smoke.default).toBe('');
    const step = action.runs.steps.find((s: { id?: string }) => s.id === 'run');
    expect(step.env.SLIMIFY_VERIFY).toBe('${{ inputs.verify }}');
    expect(step.env.SLIMIFY_SMOKE).toBe('${{ inputs.smoke }}');
    expect(step.run).toContain('[ "$SLIMIFY_VERIFY" = "true" ] && common+=(--verify)');
    expect(step.run).toContain('common+=(--smoke "$SLIMIFY_SMOKE")');
    expect(step.run).not.toMatch(/\$\{\{\s*inputs\.(verify|smoke)/);
  });

  it('the example opens a verified pull request at --level review', () => {
    const steps = example.jobs['verified-pull-request'].steps;
    const slimify = steps.find((s: { uses?: string }) => s.uses?.includes('slimify'));
    expect(slimify.with).toMatchObject({ mode: 'pr', level: 'review', verify: 'true' });
    expect(example.jobs['verified-pull-request'].permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
  });
});

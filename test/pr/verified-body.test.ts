/**
 * `slimify pr --verify`: the pull request opened against the recording fake GitHub shows the
 * measured before/after sizes (uncompressed and compressed, never added together), marks the
 * files built and smoke-tested, and names the findings a build disproved. The prover here stands
 * in for real builds (those are tested in test/verify and test/e2e); it hands runPr exactly what
 * the CLI's verifier hands it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { slimify, type SlimifyOptions } from '../../src/index.js';
import { runPr } from '../../src/pr/run.js';
import { DEFAULT_AUTHOR, type PrConfig } from '../../src/pr/config.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { createTestRepo, type TestRepo } from './helpers/repo.js';
import { testTransforms } from './helpers/transforms.js';

const TOKEN = 'ghp_TestTokenThatMustNeverBePrinted0123';
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let repo: TestRepo;
let gh: FakeGitHub;
let apiUrl: string;

beforeEach(async () => {
  repo = createTestRepo({
    Dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    'api/Dockerfile': 'FROM python:3.12\nRUN pip install flask\n',
  });
  gh = new FakeGitHub('acme', 'app', TOKEN, (b) => repo.remoteHead(b));
  apiUrl = await gh.start();
});

afterEach(async () => {
  await gh.stop();
  repo.cleanup();
});

function config(prove: PrConfig['prove']): PrConfig {
  return {
    cwd: repo.work,
    paths: [],
    slimify: { transforms: testTransforms, level: 'review' },
    token: TOKEN,
    repository: 'acme/app',
    apiUrl,
    remote: 'origin',
    labels: [],
    reviewers: [],
    draft: false,
    author: DEFAULT_AUTHOR,
    dryRun: false,
    prove,
  };
}

describe('slimify pr --verify', () => {
  it('the PR body shows measured before/after sizes per file and in total', async () => {
    const seen: string[] = [];
    const prove = async (abs: string, path: string, text: string, options: SlimifyOptions) => {
      seen.push(`${path} ${abs.startsWith(repo.work) ? 'in checkout' : abs}`);
      const result = await slimify(text, options);
      const big = path === 'Dockerfile';
      return {
        result,
        measured: {
          engine: 'buildah',
          smoke: '--smoke: app --selftest',
          before: big
            ? { uncompressed: 198_100_000, compressed: 70_200_000 }
            : { uncompressed: 1_100_000_000, compressed: 400_000_000 },
          after: big
            ? { uncompressed: 77_100_000, compressed: 28_300_000 }
            : { uncompressed: 150_000_000, compressed: 50_000_000 },
          dropped: big ? [] : [{ transform: 'slim-base', line: 1, reason: 'the smoke test fails (exit 127)' }],
        },
      };
    };
    const out = await runPr(config(prove), { log: () => {}, gitEnv: repo.env });
    expect(out.action).toBe('created');
    expect(seen).toEqual(['Dockerfile in checkout', 'api/Dockerfile in checkout']);
    const body = gh.pulls[0]!.body;
    expect(body).toContain('### Measured: built and smoke-tested');
    expect(body).toContain(
      '| `Dockerfile` | ✅ buildah; smoke: --smoke: app --selftest | 198.1 MB → 77.1 MB | 70.2 MB → 28.3 MB |',
    );
    expect(body).toContain(
      '| `api/Dockerfile` | ✅ buildah; smoke: --smoke: app --selftest | 1.10 GB → 150.0 MB | 400.0 MB → 50.0 MB |',
    );
    // totals per measure, never compressed + uncompressed
    expect(body).toContain(
      '**Measured saving: 1.07 GB uncompressed (1.30 GB → 227.1 MB), 391.9 MB compressed (470.2 MB → 78.3 MB).**',
    );
    expect(body).toContain('- `api/Dockerfile` line 1 — `slim-base`: the smoke test fails (exit 127)');
    expect(body).not.toContain('Total estimated saving');
    expect(body).not.toContain(TOKEN);
  });

  it('without --verify the body keeps the estimate wording', async () => {
    await runPr(config(undefined), { log: () => {}, gitEnv: repo.env });
    const body = gh.pulls[0]!.body;
    expect(body).toContain('Total estimated saving');
    expect(body).not.toContain('Measured');
  });
});

/**
 * A real git repository for the `slimify pr` tests: a working clone whose `origin` is a bare
 * repository in the same temporary directory. Git runs with its own HOME and no system or
 * global config, so the developer's settings cannot change the outcome.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestRepo {
  root: string;
  work: string;
  bare: string;
  env: NodeJS.ProcessEnv;
  git(args: string[], cwd?: string): string;
  /** Writes files in the working clone. */
  write(files: Record<string, string>, cwd?: string): void;
  /** Commits all changes in `cwd` (default: the working clone) and pushes the current branch. */
  commitAndPush(message: string, cwd?: string): string;
  /** The commit of a branch in the bare remote, or null. */
  remoteHead(branch: string): string | null;
  /** A second clone (another person's machine). */
  clone(name: string): string;
  cleanup(): void;
}

/**
 * Built repositories by content: the first test with a given file set pays for `git init`,
 * clone, commit and push (a dozen git processes); later ones copy the folder and point the
 * clone's `origin` at their own copy of the bare repository.
 */
const templates = new Map<string, string>();

export function createTestRepo(files: Record<string, string>): TestRepo {
  const key = JSON.stringify(files);
  const template = templates.get(key);
  if (template && existsSync(template)) {
    const root = mkdtempSync(join(tmpdir(), 'slimify-pr-test-'));
    cpSync(template, root, { recursive: true });
    const config = join(root, 'work', '.git', 'config');
    writeFileSync(config, readFileSync(config, 'utf8').split(template).join(root));
    return testRepo(root);
  }
  const repo = buildTestRepo(files);
  const copy = mkdtempSync(join(tmpdir(), 'slimify-pr-template-'));
  cpSync(repo.root, copy, { recursive: true });
  const config = join(copy, 'work', '.git', 'config');
  writeFileSync(config, readFileSync(config, 'utf8').split(repo.root).join(copy));
  templates.set(key, copy);
  return repo;
}

function buildTestRepo(files: Record<string, string>): TestRepo {
  const root = mkdtempSync(join(tmpdir(), 'slimify-pr-test-'));
  mkdirSync(join(root, 'home'));
  writeFileSync(
    join(root, 'home', 'gitconfig'),
    '[user]\n\tname = Dev Eloper\n\temail = dev@example.com\n[init]\n\tdefaultBranch = main\n',
  );
  const bare = join(root, 'remote.git');
  const work = join(root, 'work');
  const setup = testRepo(root);
  setup.git(['init', '--quiet', '--bare', '-b', 'main', bare], root);
  setup.git(['clone', '--quiet', bare, work], root);
  const repo = setup;
  repo.write(files);
  repo.commitAndPush('initial');
  repo.git(['remote', 'set-head', 'origin', 'main']);
  return repo;
}

function testRepo(root: string): TestRepo {
  const home = join(root, 'home');
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(home, 'gitconfig'),
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: undefined,
    GIT_AUTHOR_EMAIL: undefined,
    GIT_COMMITTER_NAME: undefined,
    GIT_COMMITTER_EMAIL: undefined,
  };
  const bare = join(root, 'remote.git');
  const work = join(root, 'work');
  const git = (args: string[], cwd = work) =>
    execFileSync('git', args, {
      cwd,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  const repo: TestRepo = {
    root,
    work,
    bare,
    env,
    git,
    write(fs, cwd = work) {
      for (const [path, text] of Object.entries(fs)) {
        mkdirSync(dirname(join(cwd, path)), { recursive: true });
        writeFileSync(join(cwd, path), text);
      }
    },
    commitAndPush(message, cwd = work) {
      git(['add', '-A'], cwd);
      git(['commit', '--quiet', '-m', message], cwd);
      git(['push', '--quiet', 'origin', 'HEAD'], cwd);
      return git(['rev-parse', 'HEAD'], cwd);
    },
    remoteHead(branch) {
      try {
        return git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], bare);
      } catch {
        return null;
      }
    },
    clone(name) {
      const dir = join(root, name);
      git(['clone', '--quiet', bare, dir], root);
      return dir;
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  return repo;
}

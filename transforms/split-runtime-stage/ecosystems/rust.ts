/** Rust: a `cargo build --release` / `cargo install` binary shipped on the Debian slim image of the same release. */
import { posix } from 'node:path';
import { isMinimalTag, parseTag } from '../../../src/catalog/variants.js';
import type { Ecosystem, PlanInput, PlanResult } from '../ecosystem.js';
import { appFiles, otherPackages, outermost, resolveExecutable, runtimeCandidate, skip } from '../plan-helpers.js';
import { commandsNamed } from '../stage-facts.js';

function planRust({ facts, ctx, argv, tag }: PlanInput): PlanResult {
  const builds = commandsNamed(facts, ['cargo'], ['build', 'install']);
  if (!builds.length) return skip('uncertain', 'no `cargo build` or `cargo install` in this stage');
  if (posix.basename(argv[0]) === 'cargo') return skip('needs-toolchain', 'the container runs cargo at start');
  const installed = builds.some((b) => b.args.includes('install'));
  const path =
    resolveExecutable(facts, argv[0], []) ??
    (installed && !argv[0].includes('/') ? `/usr/local/cargo/bin/${argv[0]}` : null);
  const suite = parseTag(tag).suite;
  const skel = `Suggested shape: \`FROM ${facts.stage.image!.raw} AS build\` ..., then \`FROM debian:${suite ?? 'bookworm'}-slim\`, \`COPY --from=build /app/target/release/<name> /usr/local/bin/<name>\`.`;
  if (!path || !(path.includes('/target/release/') || path.startsWith('/usr/local/cargo/bin/')))
    return skip('uncertain', `cannot tell which cargo output the container runs (\`${argv[0]}\`)`, skel);
  if (!suite)
    return skip(
      'uncertain',
      `the Debian release of ${facts.stage.image!.raw} is not in its tag, so the glibc-compatible slim image is not known`,
      skel,
    );
  const others = otherPackages(facts);
  if (others.length)
    return skip(
      'needs-toolchain',
      `the stage installs ${others.slice(0, 5).join(', ')}, which the program may need at run time`,
    );
  const cand = runtimeCandidate(ctx, {
    kind: 'candidates',
    candidates: [{ repository: 'debian', tag: `${suite}-slim`, kind: 'slim' }],
  });
  if (typeof cand === 'string') return skip('no-target', cand, skel);
  const files = appFiles(facts, (s) => /(^|\/)(src|Cargo\.(toml|lock)|benches|tests|examples|build\.rs)\/?$/.test(s));
  if (files.unknown)
    return skip('variable', 'a COPY destination depends on a variable or an unknown working directory');
  const notes = [`the binary ${path} runs on ${cand.repository}:${cand.tag} (same Debian release as the build image)`];
  const warnings = files.uncertain
    ? [
        `the app folder (${files.whole.join(', ')}) is not copied: it holds the sources and the whole target/ folder; copy what the program reads from it at run time, if anything`,
      ]
    : [];
  files.paths = files.paths.filter((p) => !files.whole.includes(p));
  return {
    plan: {
      ecosystem: 'rust',
      runtime: { repository: cand.repository, tag: cand.tag, shell: true, distroless: false },
      copies: outermost([path, ...files.paths]),
      builderEdits: [],
      builderInsert: null,
      builderAppend: [],
      runtimePrelude: [
        '# slimify: fail the build when the binary needs a shared library this image lacks',
        `RUN ! ldd ${path} 2>/dev/null | grep -F 'not found'`,
      ],
      ownPaths: ['/usr/local/cargo'],
      buildOnlyEnv: /^(CARGO_[A-Z_]+|RUSTFLAGS|RUSTUP_[A-Z_]+)$/,
      notes,
      warnings,
    },
  };
}

const rust: Ecosystem = {
  id: 'rust',
  owns: (repo, tag) => repo === 'rust' && !isMinimalTag('rust', tag),
  plan: planRust,
};
export default rust;

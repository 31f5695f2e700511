/** Python: pip installs go into a virtualenv in the build stage, copied with the app to the slim image. */
import { posix } from 'node:path';
import { isMinimalTag, parseTag, slimCandidates } from '../../../src/catalog/variants.js';
import { runtimeLibraries } from '../../../src/catalog/debian/lookup.js';
import type { StageContextFacts } from '../../../src/context/facts.js';
import type { SkipReason } from '../../../src/engine/types.js';
import type { Ecosystem, PlanInput, PlanResult } from '../ecosystem.js';
import { appFiles, defaultSuite, otherPackages, outermost, runtimeCandidate, skip } from '../plan-helpers.js';
import type { StageCommand } from '../stage-facts.js';

const VENV = '/opt/venv';

function planPython({ facts, ctx, argv, tag }: PlanInput): PlanResult {
  const pip = facts.commands.filter((c) => {
    const n = posix.basename(c.name);
    if (/^pip(3(\.\d+)?)?$/.test(n)) return c.args.find((a) => a === null || !a.startsWith('-')) === 'install';
    if (/^python(3(\.\d+)?)?$/.test(n)) return c.args[0] === '-m' && c.args[1] === 'pip' && c.args.includes('install');
    return false;
  });
  if (!pip.length) return null; // pure app without installs: the slim base is enough (base transforms)
  if (
    facts.commands.some(
      (c) => /^(virtualenv|poetry|pipenv|conda|uv|pdm|pipx)$/.test(posix.basename(c.name)) || c.args.includes('venv'),
    )
  ) {
    return skip('uncertain', 'the stage manages its own environment (venv, poetry, pipenv, conda, uv)');
  }
  if (pip.some((c) => c.args.some((a) => a === null || /^(--user|--target|-t|--prefix|--root)(=|$)/.test(a))))
    return skip('uncertain', 'a `pip install` writes to a custom location or uses a variable');
  const exe = posix.basename(argv[0]);
  if (/^pip/.test(exe)) return skip('needs-toolchain', 'the container runs pip at start');
  const appDir = facts.finalWorkdir;
  if (!appDir || appDir === '/')
    return skip('uncertain', 'the app is not in its own folder (no WORKDIR), so what to copy is not known');
  const others = otherPackages(facts);
  if (others.length)
    return skip(
      'needs-toolchain',
      `the stage installs ${others.slice(0, 5).join(', ')}, which the app may need at run time`,
    );
  const cand = runtimeCandidate(ctx, slimCandidates('python', tag));
  if (typeof cand === 'string') return skip('no-target', cand);
  const files = appFiles(facts, () => false);
  if (files.unknown)
    return skip('variable', 'a COPY destination depends on a variable or an unknown working directory');
  const first = facts.stage.instructions.indexOf(pip[0].ins);
  const suite = parseTag(cand.tag).suite ?? defaultSuite(ctx, cand.repository, cand.tag);
  const stageContext = ctx.buildContext?.find((s) => s.stage === facts.stage.index);
  const evidence = pythonEvidence(stageContext, pip, suite);
  const libs = 'libs' in evidence ? evidence.libs : [];
  return {
    plan: {
      ...('proof' in evidence ? { proof: evidence.proof } : { unproven: evidence.unproven }),
      ecosystem: 'python',
      runtime: { repository: cand.repository, tag: cand.tag, shell: true, distroless: false },
      copies: outermost([VENV, appDir, ...files.paths]),
      builderEdits: [],
      builderInsert: {
        beforeIndex: first,
        lines: [`RUN python -m venv --system-site-packages ${VENV}`, `ENV PATH="${VENV}/bin:$PATH"`],
      },
      builderAppend: ['RUN pip uninstall -y pip'],
      runtimePrelude: [
        `ENV PATH="${VENV}/bin:$PATH"`,
        ...(libs.length
          ? [
              `# slimify: shared libraries the packages built from source load (Debian ${suite} package data)`,
              `RUN apt-get update && apt-get install -y --no-install-recommends ${libs.join(' ')} && rm -rf /var/lib/apt/lists/*`,
            ]
          : []),
        '# slimify: fail the build when a compiled module needs a shared library this image lacks',
        `RUN ! find ${VENV} -name '*.so*' -type f -exec ldd {} + 2>/dev/null | grep -F 'not found'`,
      ],
      ownPaths: [],
      buildOnlyEnv: /^(PIP_[A-Z_]+)$/,
      notes: [
        `packages are installed into a virtualenv (${VENV}) in the build stage, where compilers and headers are, and the virtualenv and the app folder ${appDir} are copied to ${cand.repository}:${cand.tag}`,
        "the virtualenv uses the base image's system packages (--system-site-packages: pip, setuptools, wheel in the official images, present in both) and its own pip is removed before the copy (the slim image has pip)",
      ].filter(Boolean),
      warnings: cand.status === 'past' ? [`${cand.repository}:${cand.tag} is no longer updated upstream`] : [],
    },
  };
}

/**
 * Whether the build context proves the split: every pip install of the stage is read from a copied
 * manifest or lockfile (src/context), and each package built from source (no wheel) has its Debian
 * run-time libraries in the generated table for the runtime image's suite (they are installed there).
 */
function pythonEvidence(
  stageContext: StageContextFacts | undefined,
  pip: StageCommand[],
  suite: string | null,
): { proof: string; libs: string[] } | { unproven: SkipReason; libs: string[] } {
  const libs = new Set<string>();
  const unproven = (detail: string) => ({ unproven: { code: 'uncertain' as const, detail }, libs: [...libs].sort() });
  if (!stageContext) return unproven('no build context was read, so the packages pip installs are unknown');
  const built: string[] = [];
  const bases: string[] = [];
  let missing: string | null = null;
  for (const c of pip) {
    const e = stageContext.installs.find((i) => i.instruction === c.ins.index && i.ecosystem === 'python');
    if (!e || e.unknown !== null) {
      missing ??= `the packages of a \`pip install\` are not proven${e?.unknown ? ` (${e.unknown})` : ''}`;
      continue;
    }
    bases.push(e.basis);
    for (const n of e.native) {
      const l = runtimeLibraries('pypi', n.name, suite);
      if (!l) {
        missing ??= `${n.name} is built from source and the shared libraries it loads on Debian ${suite ?? '(unknown suite)'} are not in slimify's package data`;
        continue;
      }
      built.push(n.name);
      for (const x of l) libs.add(x);
    }
  }
  if (missing) return unproven(missing);
  const list = [...libs].sort();
  return {
    proof: `${[...new Set(bases)].join('; ')}: ${
      built.length
        ? `${built.join(', ')} ${built.length > 1 ? 'are' : 'is'} built from source in the build stage and load${built.length > 1 ? '' : 's'} ${list.join(' ')} at run time, installed in the runtime stage`
        : 'every package installs without a compiler'
    }`,
    libs: list,
  };
}

const python: Ecosystem = {
  id: 'python',
  owns: (repo, tag) => repo === 'python' && !isMinimalTag('python', tag),
  plan: planPython,
};
export default python;

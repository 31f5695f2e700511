/** Python: pip installs go into a virtualenv in the build stage, copied with the app to the slim image. */
import { posix } from 'node:path';
import { isMinimalTag, slimCandidates } from '../../../src/catalog/variants.js';
import type { Ecosystem, PlanInput, PlanResult } from '../ecosystem.js';
import { appFiles, otherPackages, outermost, runtimeCandidate, skip } from '../plan-helpers.js';

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
  return {
    plan: {
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

const python: Ecosystem = {
  id: 'python',
  owns: (repo, tag) => repo === 'python' && !isMinimalTag('python', tag),
  plan: planPython,
};
export default python;

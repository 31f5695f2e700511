/**
 * alpine-base: with --target alpine, switch a stage's base image to its alpine variant and rewrite
 * its apt-get commands to apk, when every package maps and nothing in the stage is glibc-only.
 * Review tier: musl and BusyBox differ from glibc and GNU in ways a Dockerfile cannot show. See README.md.
 */
import type { Transform } from '../../src/engine/types.js';
import { baseSwitchFindings, switchOptions } from '../../src/bases/switch.js';

const transform: Transform = {
  meta: {
    id: 'alpine-base',
    title: 'Smaller base image (alpine)',
    tier: 'review',
    category: 'base',
    description: 'With --target alpine: switch to the alpine variant and apt-get to apk when every package maps',
    docs: 'transforms/alpine-base/README.md',
  },
  run(doc, ctx) {
    if (ctx.target !== 'alpine') return [];
    return baseSwitchFindings(doc, ctx, switchOptions('alpine-base', 'alpine', ctx));
  },
};

export default transform;

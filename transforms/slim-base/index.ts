/**
 * slim-base: switch a stage's base image to the same distribution's slim variant
 * (python:3.12 -> python:3.12-slim, node:22 -> node:22-slim, debian:bookworm -> debian:bookworm-slim,
 * eclipse-temurin:21 -> eclipse-temurin:21-jre, openjdk:11 -> eclipse-temurin:11-jre), only to tags the
 * catalog lists and only when the stage still builds there. See README.md.
 */
import type { Transform } from '../../src/engine/types.js';
import { baseSwitchFindings, switchOptions } from '../../src/bases/switch.js';

const transform: Transform = {
  meta: {
    id: 'slim-base',
    title: 'Smaller base image (slim)',
    tier: 'safe',
    category: 'base',
    description: 'Switch full language/OS base images to their slim (same distribution, glibc) variant',
    docs: 'transforms/slim-base/README.md',
  },
  run(doc, ctx) {
    // With --target alpine, alpine-base does the switch instead (one base change per stage).
    if (ctx.target === 'alpine') return [];
    return baseSwitchFindings(doc, ctx, switchOptions('slim-base', 'slim', ctx));
  },
};

export default transform;

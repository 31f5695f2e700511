import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('copy-chown');

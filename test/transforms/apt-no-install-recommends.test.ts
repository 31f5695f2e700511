import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('apt-no-install-recommends');

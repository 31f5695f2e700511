import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('pip-no-cache-dir');

import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('yarn-cache-clean');

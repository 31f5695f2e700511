import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('npm-cache-clean');

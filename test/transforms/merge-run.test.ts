import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('merge-run');

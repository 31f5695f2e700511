import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('fold-cleanup-run');

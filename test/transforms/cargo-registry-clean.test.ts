import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('cargo-registry-clean');

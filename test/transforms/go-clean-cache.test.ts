import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('go-clean-cache');

import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('composer-clear-cache');

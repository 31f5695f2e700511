import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('apk-no-cache');

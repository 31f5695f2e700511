import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('rpm-cache-cleanup');

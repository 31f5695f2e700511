import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('rpm-minimal-install');

import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('add-remote-archive');

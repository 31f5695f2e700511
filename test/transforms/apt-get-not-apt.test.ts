import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('apt-get-not-apt');

import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('apt-assume-yes');

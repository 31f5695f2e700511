import { defineTransformTests } from '../fixture-runner.js';

defineTransformTests('gem-no-document');

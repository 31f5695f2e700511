import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Also strip types from .cts files (src/cli/*.cts: CommonJS so the bin can bundle them); Vite's
  // default covers .ts/.mts/.tsx/.jsx only.
  esbuild: { include: /\.([cm]?ts|[jt]sx)$/ },
  test: {
    include: ['test/**/*.test.ts', 'transforms/**/*.test.ts'],
    // Temporary folders go under one folder removed after the run (test/helpers/global-tmp.ts).
    globalSetup: ['test/helpers/global-tmp.ts'],
    // The corpus and e2e suites do real work over 1,165 files or real image builds on a
    // 2-core machine; these are hang guards, not performance limits.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});

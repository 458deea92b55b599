import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests run apart (npm run test:e2e, vitest.e2e.config.ts): they need chromium.
    exclude: ['test/e2e/**', '**/node_modules/**'],
    // Solver and planner tests are CPU-bound; two workers match the 2-core CI machine.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

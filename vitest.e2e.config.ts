import { defineConfig } from 'vitest/config';

/** The end-to-end tests: the page in headless chromium against a real service (npm run test:e2e). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

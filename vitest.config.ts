import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests run apart (npm run test:e2e, vitest.e2e.config.ts): they need chromium.
    exclude: ['test/e2e/**', '**/node_modules/**'],
    // Solver and planner tests are CPU-bound; two workers match the 2-core CI machine.
    maxWorkers: 2,
    // Threads start and import faster than forked processes (about 10 s of the suite's 105 s); a
    // test that reads process-wide state (open descriptors) must therefore look at its own only.
    pool: 'threads',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

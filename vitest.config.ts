import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests run apart (npm run test:e2e, vitest.e2e.config.ts): they need chromium.
    exclude: ['test/e2e/**', '**/node_modules/**'],
    // Solver and planner tests are CPU-bound; two workers match the 2-core CI machine.
    maxWorkers: 2,
    // Forked processes, not threads: threads were about 10 s faster, but a clean clone's CI run
    // died of a segmentation fault on them (native code, node:sqlite or the worker pools, in threads).
    pool: 'forks',
    // Each worker keeps its modules from one test file to the next: re-importing them per file
    // took 46 s of the 115 s suite (87 s without). Passed in file order and two shuffled orders.
    isolate: false,
    // One throwaway PostgreSQL cluster for the run: the store's tests and part of the service's run on both stores.
    globalSetup: ['test/support/pgGlobalSetup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

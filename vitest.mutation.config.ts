import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// Stryker's run of one module: only that module's tests (bench/mutation.ts names them in
// MUTATION_TESTS), so that the dry run does not spend minutes on unrelated suites.
const include = (process.env.MUTATION_TESTS ?? '').split(',').filter((p) => p.length > 0);
if (include.length === 0) throw new Error('MUTATION_TESTS names no test files (run through npm run mutation)');

export default defineConfig({
  // Isolated as every mutation score so far was measured (npm test shares modules between files).
  test: { ...base.test, include, maxWorkers: 1, isolate: true },
});

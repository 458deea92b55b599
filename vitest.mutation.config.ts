import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from './vitest.config.ts';

// Stryker's run of one module: only that module's tests (bench/mutation.ts names them in
// MUTATION_TESTS), so that the dry run does not spend minutes on unrelated suites.
const include = (process.env.MUTATION_TESTS ?? '').split(',').filter((p) => p.length > 0);
if (include.length === 0) throw new Error('MUTATION_TESTS names no test files (run through npm run mutation)');

/** Files that run whole searches: last, whatever their recorded times. */
const SEARCHES = ['test/solver/fingerprint.test.ts', 'test/solver/solve.test.ts', 'test/benchmarks/'];

/**
 * Quickest first. Stryker stops a mutant's run at its first failing test, but vitest runs the
 * slowest files first: a broken operator then loops in the search's fingerprint paths until it
 * times out, where its own unit test would have failed in a second. The order changes how soon
 * a mutant is detected, never whether.
 */
class QuickestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => SEARCHES.findIndex((p) => f.moduleId.includes(p));
    const time = (f: TestSpecification) => this.ctx.cache.getFileTestResults(`${f.project.name}:${f.moduleId.slice(this.ctx.config.root.length + 1)}`)?.duration ?? 0;
    return [...files].sort((a, b) => rank(a) - rank(b) || time(a) - time(b) || (a.moduleId < b.moduleId ? -1 : 1));
  }
}

export default defineConfig({
  // Isolated as every mutation score so far was measured (npm test shares modules between files).
  test: { ...base.test, include, maxWorkers: 1, isolate: true, sequence: { sequencer: QuickestFirst } },
});

/**
 * The solver's one entry: `solve(input, options)` → routes. Pure and synchronous; the
 * only outside reading is the clock behind `timeLimitMs`.
 *
 * ```ts
 * const result = solve(input, { seed: 1, timeLimitMs: 10_000 });
 * ```
 * With `maxIterations` (and no time limit) the run is reproducible: same input, seed and
 * iterations give the same routes. The time limit and `shouldStop` only stop the run.
 */
import { buildInstance, type SolverInput } from './instance.ts';
import { toResult, type SolverResult } from './result.ts';
import { search, type Progress } from './search.ts';
import { anyOf, maxIterations, maxRuntime, notBefore, whenAborted, type StopCriterion } from './stop.ts';

export type { CustomerInput, SolverInput, VehicleInput } from './instance.ts';
export type { SolvedRoute, SolverResult } from './result.ts';
export type { Progress } from './search.ts';
export type { StopCriterion } from './stop.ts';
export { buildInstance } from './instance.ts';

export interface SolveOptions {
  seed?: number;
  /** Wall-clock budget in milliseconds. */
  timeLimitMs?: number;
  /** Iteration budget (ruin-recreate-search rounds). */
  maxIterations?: number;
  /**
   * Share of the time or iteration budget the search may go on for when it has found no
   * feasible solution by the end of it (0 by default): a plan a little later rather than one
   * that breaks a rule. An abort still stops it at once.
   */
  feasibilityGrace?: number;
  /**
   * On a clock, the grace lasts at least until this many iterations in all: a slow or busy
   * machine searches as long, in rounds, for a plan that keeps every rule as a quiet one does.
   */
  feasibilityMinIterations?: number;
  /** Checked every iteration; return true to stop (e.g. `() => signal.aborted`). */
  shouldStop?: () => boolean;
  /** A custom criterion, combined with the others. */
  stop?: StopCriterion;
  onProgress?: (p: Progress) => void;
  /** Clock for `timeLimitMs` (default `performance.now`). */
  now?: () => number;
}

/** Default budget when none is given: enough for small instances, bounded for big ones. */
const DEFAULT_ITERATIONS = 1000;

export function solve(input: SolverInput, options: SolveOptions = {}): SolverResult {
  const inst = buildInstance(input);
  const criteria: StopCriterion[] = [];
  if (options.maxIterations !== undefined) criteria.push(maxIterations(options.maxIterations));
  if (options.timeLimitMs !== undefined) {
    criteria.push(maxRuntime(options.timeLimitMs, options.now ?? (() => performance.now())));
  }
  if (options.shouldStop) criteria.push(whenAborted(options.shouldStop));
  if (options.stop) criteria.push(options.stop);
  if (criteria.length === 0 || (options.maxIterations === undefined && options.timeLimitMs === undefined && !options.stop)) {
    criteria.push(maxIterations(DEFAULT_ITERATIONS));
  }
  const grace = options.feasibilityGrace ?? 0;
  const extended: StopCriterion[] = [];
  if (grace > 0) {
    if (options.maxIterations !== undefined) extended.push(maxIterations(options.maxIterations * (1 + grace)));
    if (options.timeLimitMs !== undefined) {
      const clock = maxRuntime(options.timeLimitMs * (1 + grace), options.now ?? (() => performance.now()));
      extended.push(options.feasibilityMinIterations ? notBefore(clock, options.feasibilityMinIterations) : clock);
    }
    if (options.shouldStop) extended.push(whenAborted(options.shouldStop));
    if (options.stop) extended.push(options.stop);
  }
  const outcome = search(inst, {
    seed: options.seed ?? 1,
    stop: criteria.length === 1 ? criteria[0] : anyOf(criteria),
    ...(extended.length > 0 ? { grace: anyOf(extended) } : {}),
    onProgress: options.onProgress,
  });
  return toResult(inst, outcome.best, outcome.feasible, outcome.iterations);
}

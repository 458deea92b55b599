/**
 * Stopping criteria: tiny callables (after PyVRP's `pyvrp/stop`). `fraction` tells how
 * far the run is (0..1) so the acceptance schedule can follow the budget; with an
 * iteration budget it depends on iterations only, which keeps runs reproducible.
 */
export interface StopCriterion {
  done(iteration: number): boolean;
  fraction(iteration: number): number;
}

export function maxIterations(limit: number): StopCriterion {
  return {
    done: (it) => it >= limit,
    fraction: (it) => Math.min(it / limit, 1),
  };
}

/** Wall-clock budget; `now` is injected (performance.now by default in index.ts). */
export function maxRuntime(ms: number, now: () => number): StopCriterion {
  const start = now();
  let last = 0;
  return {
    done: () => (last = now() - start) >= ms,
    fraction: () => Math.min(last / ms, 1),
  };
}

/** Stops when `aborted()` returns true (e.g. a worker's AbortSignal). */
export function whenAborted(aborted: () => boolean): StopCriterion {
  return { done: () => aborted(), fraction: () => 0 };
}

/** Stops as soon as any criterion does; progress is the furthest of them. */
export function anyOf(criteria: StopCriterion[]): StopCriterion {
  return {
    done: (it) => {
      let done = false;
      for (const c of criteria) if (c.done(it)) done = true; // every clock gets read
      return done;
    },
    fraction: (it) => {
      let f = 0;
      for (const c of criteria) f = Math.max(f, c.fraction(it));
      return f;
    },
  };
}

/** Stops when `criterion` does, but not before `iterations` (a clock's budget kept in iterations too). */
export function notBefore(criterion: StopCriterion, iterations: number): StopCriterion {
  return {
    done: (it) => criterion.done(it) && it >= iterations,
    fraction: (it) => Math.min(criterion.fraction(it), it / iterations),
  };
}

import type { BenchmarkProblem } from './problem.ts';
import type { SolutionJson } from './solution.ts';

/** The part of the solver's result this module reads (days, vehicles 0-based). */
export interface SolverRoutes {
  cost: number;
  routes: { day: number; vehicle: number; stops: ArrayLike<number> }[];
}

/**
 * Turns solver routes (location indices, see toSolverInput) into the solution file:
 * customer ids as in the instance, days and vehicles from 1, empty routes left out.
 */
export function fromSolverResult(problem: BenchmarkProblem, result: SolverRoutes): SolutionJson {
  const routes = result.routes
    .filter((r) => r.stops.length > 0)
    .map((r) => ({
      day: r.day + 1,
      vehicle: r.vehicle + 1,
      stops: Array.from(r.stops, (loc) => {
        const c = problem.customers[loc - 1];
        if (!c) throw new Error(`solver route day ${r.day + 1} vehicle ${r.vehicle + 1}: location ${loc} is not a customer`);
        return c.id;
      }),
    }))
    .sort((a, b) => a.day - b.day || a.vehicle - b.vehicle);
  return { instance: problem.name, cost: result.cost, vehicles: routes.length, routes };
}

/**
 * The one place that prices a solution, after PyVRP's `CostEvaluator`: its true cost (legs,
 * fixed costs, skips and patterns), its penalised cost (true cost plus weighted time warp and
 * excess load), whether it is feasible, and the tolerances the solver judges by. The search's
 * weights move (penalties.ts); a repair prices at weights of its own.
 */
import type { Instance } from './instance.ts';
import { loadViolation, type Routes } from './routes.ts';

/** Tolerance on time warp and excess load, for sums of doubles. */
export const FEASIBLE_EPS = 1e-6;
/** A cost must fall by more than this to count as lower (sums of doubles in another order). */
export const IMPROVEMENT_EPS = 1e-9;

export class CostEvaluator {
  /** Price of one unit of time warp (minutes late, over the shift or waiting over the cap). */
  timeWarp: number;
  /** Price of one unit of load above capacity or below a route's minimum. */
  load: number;

  constructor(timeWarp: number, load: number) {
    this.timeWarp = timeWarp;
    this.load = load;
  }

  /** The same prices multiplied by `factor`. */
  scaled(factor: number): CostEvaluator {
    return new CostEvaluator(this.timeWarp * factor, this.load * factor);
  }

  penalty(timeWarp: number, loadViolation: number): number {
    return this.timeWarp * timeWarp + this.load * loadViolation;
  }

  /** Current penalty of route r. */
  routePenalty(R: Routes, r: number): number {
    return this.timeWarp * R.routeTw[r] + this.load * R.routeLoadViolation[r];
  }

  /** Load penalty of route r if it carried `load` (0 when emptied). */
  loadPenalty(inst: Instance, r: number, load: number): number {
    return this.load * loadViolation(inst, r, load);
  }

  /** True cost: legs and fixed costs of the routes, skip and pattern costs of the customers. */
  cost(R: Routes): number {
    return R.totalRouteCost() + R.assignmentCost();
  }

  penalisedCost(R: Routes): number {
    return this.cost(R) + this.penalty(R.totalTimeWarp(), R.totalLoadViolation());
  }
}

/** No time warp and no excess load, within the tolerance. */
export function withinBounds(timeWarp: number, loadViolation: number): boolean {
  return timeWarp <= FEASIBLE_EPS && loadViolation <= FEASIBLE_EPS;
}

/**
 * Required customers that no pattern can serve (no usable day): missing whatever the search
 * does, so a state is judged on the rest.
 */
export function unroutableRequired(inst: Instance): number {
  let k = 0;
  for (const c of inst.unroutable) if (inst.skipCost[c] === Infinity) k++;
  return k;
}

/** Within bounds, and every required customer routed but the `lost` that cannot be. */
export function isFeasible(R: Routes, timeWarp: number, loadViolation: number, lost: number): boolean {
  return withinBounds(timeWarp, loadViolation) && R.missingRequired() === lost;
}

/** How far a state is from feasible: a missing required customer outweighs any time warp or load. */
export function violation(R: Routes, timeWarp: number, loadViolation: number, lost: number): number {
  return timeWarp + loadViolation + 1e6 * (R.missingRequired() - lost);
}

/**
 * Penalty weights for violated constraints, after PyVRP's `PenaltyManager`: time warp
 * and excess load are allowed during the search at a price (the search's `CostEvaluator`),
 * and the price adapts so that a target share of the local-search outputs is feasible
 * (Vidal et al. 2012).
 */
import { CostEvaluator, FEASIBLE_EPS } from './costEvaluator.ts';
import type { Instance } from './instance.ts';

export class PenaltyManager {
  /** The search's prices, whose weights this manager moves. */
  readonly costs: CostEvaluator;
  private twFeasible = 0;
  private loadFeasible = 0;
  private count = 0;

  private readonly target: number;
  // Bounds keep weights where deltas stay well above rounding noise.
  private readonly minTimeWarp: number;
  private readonly maxTimeWarp: number;
  private readonly minLoad: number;
  private readonly maxLoad: number;
  private readonly every: number;

  constructor(initialTimeWarp: number, initialLoad: number, target = 0.5, every = 30) {
    this.costs = new CostEvaluator(initialTimeWarp, initialLoad);
    this.minTimeWarp = initialTimeWarp * 1e-3;
    this.maxTimeWarp = initialTimeWarp * 1e4;
    this.minLoad = initialLoad * 1e-3;
    this.maxLoad = initialLoad * 1e4;
    this.target = target;
    this.every = every;
  }

  /** Records one search output; returns true when the weights changed. */
  register(timeWarp: number, loadViolation: number): boolean {
    if (timeWarp <= FEASIBLE_EPS) this.twFeasible++;
    if (loadViolation <= FEASIBLE_EPS) this.loadFeasible++;
    if (++this.count < this.every) return false;
    const c = this.costs;
    const tw = adjust(c.timeWarp, this.twFeasible / this.count, this.target);
    c.timeWarp = Math.min(Math.max(tw, this.minTimeWarp), this.maxTimeWarp);
    const load = adjust(c.load, this.loadFeasible / this.count, this.target);
    c.load = Math.min(Math.max(load, this.minLoad), this.maxLoad);
    this.twFeasible = this.loadFeasible = this.count = 0;
    return true;
  }
}

/**
 * First weights: one unit of violation costs what one unit of travel from the first route's
 * start does, on average over the customers (time warp priced per minute of drive, excess
 * load per unit of demand).
 */
export function initialPenalties(inst: Instance): PenaltyManager {
  const { L, n, cost, time, demand, location } = inst;
  const s = inst.nRoutes > 0 ? inst.startLoc[0] : 0;
  // A drive longer than every shift can never be made (a caller's way of forbidding an
  // edge): it says nothing about what time costs, so it is left out of the price.
  let longest = 0;
  for (let r = 0; r < inst.nRoutes; r++) longest = Math.max(longest, inst.latest[r] - inst.earliest[r]);
  let c = 0;
  let t = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    q += demand[location[i]];
    if (time[s * L + location[i]] > longest) continue;
    c += cost[s * L + location[i]];
    t += time[s * L + location[i]];
  }
  const perTime = t > 0 ? c / t : 1;
  const perLoad = q > 0 ? c / q : 1;
  return new PenaltyManager(Math.max(perTime, 1e-3), Math.max(perLoad, 1e-3));
}

function adjust(weight: number, feasibleShare: number, target: number): number {
  const tolerance = 0.05;
  if (feasibleShare < target - tolerance) return weight * 1.3;
  if (feasibleShare > target + tolerance) return weight * 0.85;
  return weight;
}

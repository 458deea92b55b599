/**
 * HGS's repair step (Vidal et al. 2012): an infeasible local-search output is, half of the
 * time, searched again at ten times the search's weights, which often makes it feasible at
 * little cost.
 */
import { CostEvaluator, withinBounds } from './costEvaluator.ts';
import type { Instance } from './instance.ts';
import { fitBand } from './loadBand.ts';
import { LocalSearch } from './localSearch.ts';
import type { Neighbours } from './neighbours.ts';
import { makeContext } from './operators/operator.ts';
import { customerOperators, nodeOperators } from './operators/registry.ts';
import type { Random } from './random.ts';
import type { Routes } from './routes.ts';

const REPAIR_PROBABILITY = 0.5;
const BOOST = 10;

export class BoostedRepair {
  private readonly routes: Routes;
  private readonly costs: CostEvaluator;
  private readonly boosted = new CostEvaluator(0, 0);
  private readonly ls: LocalSearch;

  /** Repairs `routes` at `BOOST` times the weights `costs` holds when it runs. */
  constructor(inst: Instance, routes: Routes, nb: Neighbours, costs: CostEvaluator) {
    this.routes = routes;
    this.costs = costs;
    this.ls = new LocalSearch(makeContext(inst, routes, this.boosted), nb, nodeOperators(inst), customerOperators(inst));
  }

  /**
   * For a state with this time warp and excess load: draws whether to repair it (only if it is
   * infeasible) and does. Returns true when it ran.
   */
  run(timeWarp: number, loadViolation: number, rng: Random): boolean {
    if (withinBounds(timeWarp, loadViolation) || rng.next() >= REPAIR_PROBABILITY) return false;
    this.boosted.timeWarp = this.costs.timeWarp * BOOST;
    this.boosted.load = this.costs.load * BOOST;
    this.ls.run(rng);
    fitBand(this.routes);
    return true;
  }
}

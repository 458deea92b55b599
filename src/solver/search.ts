/**
 * The metaheuristic loop: iterated local search with SISR ruin-and-recreate and
 * simulated-annealing acceptance on penalised cost.
 *
 *   candidate := ruin(current); recreate; local search; repair if infeasible
 *   accept if cost(candidate) < cost(current) − T · ln(u)
 *
 * Until a feasible solution is found, nothing depends on the budget: the temperature stays at
 * its searching value and the rescues (route minimisation) come when the search stalls
 * (`RescueSchedule`). A longer budget therefore replays a shorter one's rounds up to its first
 * feasible solution, and that solution, once found, is kept (`BestSolution`): more time never
 * loses feasibility. From then on T decays from T0 to Tf over the budget, and a current state
 * that stays infeasible too long goes back to the best feasible one (`WANDER_ROUNDS`).
 *
 * Two route states are kept (current and candidate) and synchronised by copying only the
 * routes one of them changed. The parts live apart: prices in `CostEvaluator`, their weights
 * in `PenaltyManager`, acceptance in `Annealing`, the repair in `BoostedRepair` and route
 * minimisation in `repairFleet`, the best solution in `BestSolution`; this file runs the loop.
 */
import { Annealing } from './annealing.ts';
import { BestSolution, type Snapshot } from './bestSolution.ts';
import { BoostedRepair } from './boostedRepair.ts';
import { isFeasible, unroutableRequired, violation, type CostEvaluator } from './costEvaluator.ts';
import { repairFleet } from './fleetRepair.ts';
import type { Instance } from './instance.ts';
import { fitBand, rejudgeLoads } from './loadBand.ts';
import { LocalSearch } from './localSearch.ts';
import { computeNeighbours } from './neighbours.ts';
import { makeContext, type MoveContext } from './operators/operator.ts';
import { customerOperators, nodeOperators } from './operators/registry.ts';
import { initialPenalties, type PenaltyManager } from './penalties.ts';
import { Random } from './random.ts';
import { RescueSchedule } from './rescueSchedule.ts';
import { Routes } from './routes.ts';
import { DEFAULT_RUIN, RuinRecreate } from './ruinRecreate.ts';
import type { StopCriterion } from './stop.ts';

export type { Snapshot } from './bestSolution.ts';

/** Granular neighbourhood: the customers each one is tried beside. */
const NEIGHBOURS = 30;
/**
 * Annealing's temperatures, as multiples of the average leg's cost: while nothing is feasible
 * (the path to a first feasible solution, tuned for tight fleets), then from start to end over
 * the budget. The search's 0.5 → 0.01 before issue 12 stopped improving early (solver README).
 */
const SEARCHING_TEMPERATURE = 0.5;
const START_TEMPERATURE = 1.5;
const END_TEMPERATURE = 0.05;
/**
 * Customers a round removes (SISR's c̄) once something is feasible; until then, and in route
 * minimisation, the ruin's own 10. Bigger ruins lift long routes out of their local optima,
 * but from the start they cost tight fleets their first feasible plan (solver README).
 */
const IMPROVING_REMOVED = 15;
/**
 * Until something is feasible, the share of ruins that start in a late route, where a day has
 * at least `LATE_SEED_ROUTES` routes: among many routes a random seed rarely falls where the
 * time warp is. Generated 1,000-customer class-2 instances at their planted fleets (20–29
 * routes; seeds 1–3; 60 s): with a quarter, 2 of 9 feasible and the least time warp smaller in
 * 7; with none, 0 of 9; with half, 1 of 9, worse on C2. With few routes a random seed finds a
 * late one often enough, and the share only moved Solomon rc202 (3 routes) to dearer first
 * plans: 0.94 % → 2.26 % mean gap over seeds 1–9 (solver README).
 */
const LATE_SEED_SHARE = 0.25;
const LATE_SEED_ROUTES = 10;
/**
 * Once something is feasible, rounds per customer (100 at least) the current state may stay
 * infeasible before the search goes back to the best feasible solution. A rescue can find the
 * first feasible plan while the weights are still low (Solomon rc105 at its fleet: route
 * minimisation with ejections, round 770): the search then wandered into a violation it could
 * not leave, its weights at their cap, and kept a plan 12 % above the best-known to the end.
 */
const WANDER_ROUNDS = 1;
/** Where minimum loads keep route minimisation out, a rescue multiplies the penalty weights by this. */
const RESCUE_PENALTY_FACTOR = 10;
/** Route minimisation prices violations this many times the search's weights. */
const STRICT_FACTOR = 1e6;

export interface Progress {
  iteration: number;
  /** Best feasible cost so far (Infinity if none yet). */
  bestCost: number;
  feasible: boolean;
  /** Share of the budget used, 0..1. */
  fraction: number;
}

export interface SearchParams {
  seed: number;
  stop: StopCriterion;
  /**
   * Where no feasible solution is found by `stop`, the search goes on until this one is done too,
   * on the same course: a plan found in the grace is the plan a longer budget would have found.
   */
  grace?: StopCriterion;
  onProgress?: (p: Progress) => void;
}

export interface SearchOutcome {
  /** Best feasible solution, or the least-violating one if none was feasible. */
  best: Snapshot;
  /** Feasible but for required customers with no usable pattern (toResult judges the whole). */
  feasible: boolean;
  iterations: number;
}

export function search(inst: Instance, params: SearchParams): SearchOutcome {
  return new Search(inst, params).run();
}

class Search {
  private readonly inst: Instance;
  private readonly params: SearchParams;
  private readonly rng: Random;
  private readonly penalties: PenaltyManager;
  private readonly costs: CostEvaluator;
  private readonly current: Routes;
  private readonly cand: Routes;
  private readonly ctx: MoveContext;
  private readonly ls: LocalSearch;
  private readonly repair: BoostedRepair;
  private readonly rr: RuinRecreate;
  /** Required customers no pattern can serve: missing whatever the search does (toResult reports them). */
  private readonly lost: number;
  private readonly best: BestSolution;
  private readonly annealing: Annealing;
  private readonly rescues: RescueSchedule;
  /** `LATE_SEED_SHARE` where a day has `LATE_SEED_ROUTES` routes or more, else 0. */
  private readonly lateShare: number;
  private it = 0;
  /** The last round whose current state was feasible. */
  private lastFeasible = 0;

  constructor(inst: Instance, params: SearchParams) {
    this.inst = inst;
    this.params = params;
    this.rng = new Random(params.seed);
    const nb = computeNeighbours(inst, NEIGHBOURS);
    this.penalties = initialPenalties(inst);
    this.costs = this.penalties.costs;
    this.current = new Routes(inst);
    this.cand = new Routes(inst);
    this.ctx = makeContext(inst, this.cand, this.costs);
    this.ls = new LocalSearch(this.ctx, nb, nodeOperators(inst), customerOperators(inst));
    this.repair = new BoostedRepair(inst, this.cand, nb, this.costs);
    this.rr = new RuinRecreate(inst, nb);
    this.lost = unroutableRequired(inst);
    let routes = 0;
    for (let d = 0; d < inst.days; d++) routes = Math.max(routes, inst.dayRouteStart[d + 1] - inst.dayRouteStart[d]);
    this.lateShare = routes >= LATE_SEED_ROUTES ? LATE_SEED_SHARE : 0;

    // Construction: greedy insertion of every customer, then local search.
    this.rr.removeAll(this.ctx);
    this.rr.recreate(this.ctx, this.rng);
    this.ls.run(this.rng);
    syncTo(this.current, this.cand);

    const c = this.cand;
    const tw = c.totalTimeWarp();
    const excess = c.totalLoadViolation();
    const feasible = isFeasible(c, tw, excess, this.lost);
    const v = violation(c, tw, excess, this.lost);
    this.best = new BestSolution(c, feasible, feasible ? this.costs.cost(c) : Infinity, v);
    this.rescues = new RescueSchedule(inst.n, v);
    const legs = Math.max(1, inst.n + usedRoutes(c));
    const avgLeg = Math.max(this.costs.cost(c) / legs, 1e-9);
    this.annealing = new Annealing(SEARCHING_TEMPERATURE * avgLeg, START_TEMPERATURE * avgLeg, END_TEMPERATURE * avgLeg, this.costs.penalisedCost(this.current));
  }

  run(): SearchOutcome {
    this.report(0);
    while (this.searching(this.it)) {
      if (!this.best.feasible && this.rescues.due(this.it)) this.rescue();
      else this.iterate();
    }
    return { best: this.best.snapshot, feasible: this.best.feasible, iterations: this.it };
  }

  /** Until the budget is spent, and then through the grace while nothing is feasible. */
  private searching(iteration: number): boolean {
    const { stop, grace } = this.params;
    return !stop.done(iteration) || (!this.best.feasible && grace !== undefined && !grace.done(iteration));
  }

  /**
   * The penalised search has found nothing feasible and has stalled (`RescueSchedule`): the
   * fleet is tight. Route minimisation, or where routes must carry a minimum load (and so cannot be
   * emptied), a restart from the least-violating state at weights no cost saving can pay for.
   */
  private rescue(): void {
    const rounds = this.rescues.start();
    if (this.inst.hasMinLoad) {
      this.costs.timeWarp *= RESCUE_PENALTY_FACTOR;
      this.costs.load *= RESCUE_PENALTY_FACTOR;
      this.restore();
    } else this.minimiseRoutes(rounds);
    if (!this.best.feasible) this.rescues.failed(this.it);
  }

  /**
   * Route minimisation (fleetRepair.ts) from the least-violating solution seen, for at most
   * `rounds` rounds; the penalised search resumes from its state if it fails.
   */
  private minimiseRoutes(rounds: number): void {
    const { stop } = this.params;
    const { inst, cand, ctx, rr, rng } = this;
    const until = this.it + rounds;
    this.restore();
    const window: StopCriterion = {
      done: (i) => i >= until || !this.searching(i),
      fraction: (i) => stop.fraction(i),
    };
    const repaired = repairFleet(makeContext(inst, cand, this.costs.scaled(STRICT_FACTOR)), this.current, rr, rng, window, this.it);
    this.it += repaired.iterations;
    if (repaired.feasible) {
      this.lastFeasible = this.it;
      if (this.best.offer(cand, true, this.costs.cost(cand), 0)) this.report(stop.fraction(this.it));
    } else {
      // Put the customers still out back in, violations and all, and search on.
      for (let c = 0; c < inst.n; c++) if (cand.pattern[c] < 0) rr.take(ctx, c);
      rr.recreate(ctx, rng);
      syncTo(this.current, cand);
    }
    this.annealing.current = this.costs.penalisedCost(this.current);
  }

  /** One round: ruin, recreate, local search, repair; keep the best; accept or go back. */
  private iterate(): void {
    const { stop } = this.params;
    const { cand, ctx, rng, costs, lost } = this;
    this.it++;
    if (this.best.feasible) this.rr.ruin(ctx, rng, IMPROVING_REMOVED);
    else this.rr.ruin(ctx, rng, DEFAULT_RUIN.averageRemoved, this.lateShare);
    this.rr.recreate(ctx, rng);
    this.ls.run(rng);
    fitBand(cand);
    let tw = cand.totalTimeWarp();
    let excess = cand.totalLoadViolation();
    const reweighted = this.penalties.register(tw, excess);
    if (this.repair.run(tw, excess, rng)) {
      tw = cand.totalTimeWarp();
      excess = cand.totalLoadViolation();
    }

    const feasible = isFeasible(cand, tw, excess, lost);
    const cost = costs.cost(cand);
    const v = violation(cand, tw, excess, lost);
    if (this.best.offer(cand, feasible, cost, v)) this.report(stop.fraction(this.it));
    else if (!this.best.feasible) this.rescues.observe(this.it, v);

    const f = stop.fraction(this.it);
    // The temperature follows the budget only once something is feasible (see the head).
    if (this.annealing.accept(cost + costs.penalty(tw, excess), this.best.feasible ? f : null, rng)) {
      syncTo(this.current, cand);
      if (feasible) this.lastFeasible = this.it;
    } else syncTo(cand, this.current);
    if (this.best.feasible && this.it - this.lastFeasible > WANDER_ROUNDS * this.rescues.patience) this.returnToBest();

    if (reweighted) {
      // Prices moved: the current state is priced again, and every pair is worth trying again.
      this.annealing.current = costs.penalisedCost(this.current);
      this.ls.resetTested();
    }
    if (this.it % 200 === 0) this.report(f);
  }

  /** The current state has been infeasible too long (`WANDER_ROUNDS`): on from the best feasible solution. */
  private returnToBest(): void {
    this.restore();
    this.lastFeasible = this.it;
  }

  /**
   * Both states back to the best snapshot (the best or least-violating solution seen), priced
   * for acceptance at the current weights. Loading refreshes every route, so the local search
   * tries every pair again whatever it tried before.
   */
  private restore(): void {
    const snap = this.best.snapshot;
    this.cand.load(snap.routes, snap.pattern);
    syncTo(this.current, this.cand);
    this.annealing.current = this.costs.penalisedCost(this.current);
  }

  private report(fraction: number): void {
    this.params.onProgress?.({ iteration: this.it, bestCost: this.best.cost, feasible: this.best.feasible, fraction });
  }
}

/**
 * Makes `to` equal to `from` (which holds the newer state) and judges both by the load bounds of
 * their (now common) load.
 */
function syncTo(to: Routes, from: Routes): void {
  to.syncFrom(from);
  fitBand(to);
  rejudgeLoads(from);
}

function usedRoutes(R: Routes): number {
  let k = 0;
  for (let r = 0; r < R.len.length; r++) if (R.len[r] > 0) k++;
  return k;
}

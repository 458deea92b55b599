/**
 * The metaheuristic loop: iterated local search with SISR ruin-and-recreate and
 * simulated-annealing acceptance on penalised cost.
 *
 *   candidate := ruin(current); recreate; local search
 *   accept if cost(candidate) < cost(current) − T · ln(u),  T decaying T0 → Tf over the budget
 *
 * Two route states are kept (current and candidate) and synchronised by copying only the
 * routes one of them changed. The best feasible solution is kept apart as a snapshot.
 */
import { repairFleet } from './fleetRepair.ts';
import type { Instance } from './instance.ts';
import { fitBand, rejudgeLoads } from './loadBand.ts';
import { LocalSearch } from './localSearch.ts';
import { computeNeighbours } from './neighbours.ts';
import { makeContext, type MoveContext } from './operators/operator.ts';
import { customerOperators, nodeOperators } from './operators/registry.ts';
import { FEASIBLE_EPS, initialPenalties, Penalties } from './penalties.ts';
import { Random } from './random.ts';
import { Routes } from './routes.ts';
import { RuinRecreate } from './ruinRecreate.ts';
import type { StopCriterion } from './stop.ts';

const REPAIR_PROBABILITY = 0.5;
/** Granular neighbourhood: the customers each one is tried beside. */
const NEIGHBOURS = 30;
/** Annealing's start and end temperatures, as multiples of the average leg's cost. */
const START_TEMPERATURE = 0.5;
const END_TEMPERATURE = 0.01;
/** Penalty weights are multiplied by this when the budget ends with nothing feasible (see `grace`). */
const GRACE_PENALTY_FACTOR = 10;
/** A search with no feasible solution turns to route minimisation after this share of the budget… */
const REPAIR_FLEET_AFTER = 0.1;
/** …for at most this share, and again later (after half as much penalised search) if it failed. */
const REPAIR_FLEET_SHARE = 0.3;

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
  /** Where no feasible solution is found by `stop`, the search goes on until this one is done too. */
  grace?: StopCriterion;
  onProgress?: (p: Progress) => void;
}

/** Route sequences of one solution, enough to rebuild the result. */
export interface Snapshot {
  routes: number[][];
  pattern: Int32Array;
}

export interface SearchOutcome {
  /** Best feasible solution, or the least-violating one if none was feasible. */
  best: Snapshot;
  /** Feasible but for required customers with no usable pattern (toResult judges the whole). */
  feasible: boolean;
  iterations: number;
}

export function search(inst: Instance, params: SearchParams): SearchOutcome {
  const rng = new Random(params.seed);
  const nb = computeNeighbours(inst, NEIGHBOURS);
  const pen = initialPenalties(inst);
  const current = new Routes(inst);
  const cand = new Routes(inst);
  const ctxCur = makeContext(inst, current, pen);
  const ctx = makeContext(inst, cand, pen);
  const ls = new LocalSearch(ctx, nb, nodeOperators(inst), customerOperators(inst));
  // Repair step (HGS): an infeasible search output is searched again at 10× the weights.
  const boosted = new Penalties(pen.timeWarp, pen.load);
  const lsBoost = new LocalSearch(makeContext(inst, cand, boosted), nb, nodeOperators(inst), customerOperators(inst));
  const rr = new RuinRecreate(inst, nb);
  const stop = params.stop;

  // Construction: greedy insertion of every customer, then local search.
  rr.removeAll(ctx);
  rr.recreate(ctx, rng);
  ls.run(rng);
  syncTo(current, cand);

  let best: Snapshot = snapshot(cand);
  // A required customer with no usable pattern is missing whatever the search does (toResult
  // reports it): the search is judged on the rest, or it would never see a feasible state
  // and never improve on its construction.
  const lost = unroutableRequired(inst);
  const tw0 = cand.totalTimeWarp();
  const excess0 = cand.totalLoadViolation();
  let bestFeasible = isFeasible(cand, tw0, excess0, lost);
  let bestCost = bestFeasible ? objective(cand) : Infinity;
  let bestViolation = violation(cand, tw0, excess0, lost);
  let currentFeasible = bestFeasible;
  let nextFleetRepair = REPAIR_FLEET_AFTER;

  const legs = Math.max(1, inst.n + usedRoutes(cand));
  const avgLeg = Math.max(objective(cand) / legs, 1e-9);
  const t0 = START_TEMPERATURE * avgLeg;
  const t1 = END_TEMPERATURE * avgLeg;
  let curCost = penalised(ctxCur);
  params.onProgress?.({ iteration: 0, bestCost, feasible: bestFeasible, fraction: 0 });

  let it = 0;
  const grace = params.grace;
  let inGrace = false;
  while (!stop.done(it) || (!bestFeasible && grace !== undefined && !grace.done(it))) {
    if (!inGrace && stop.done(it)) {
      // The budget is spent with nothing feasible: from here on only feasibility counts, so
      // every violation is priced far above what any cost saving could pay for.
      inGrace = true;
      pen.timeWarp *= GRACE_PENALTY_FACTOR;
      pen.load *= GRACE_PENALTY_FACTOR;
      restore(best, current, cand);
      curCost = penalised(ctxCur);
    }
    // Route minimisation empties routes: no use where routes must carry a minimum load.
    if (!bestFeasible && !inst.hasMinLoad && stop.fraction(it) >= nextFleetRepair) {
      // The penalised search has not found a feasible solution: the fleet is tight.
      // Route minimisation from the least-violating solution seen (see fleetRepair.ts),
      // for a share of the budget; the penalised search resumes if it fails.
      const startedAt = stop.fraction(it);
      const until = Math.min(startedAt + REPAIR_FLEET_SHARE, 0.95);
      nextFleetRepair = until + REPAIR_FLEET_SHARE / 2;
      restore(best, current, cand);
      const strict = new Penalties(pen.timeWarp * 1e6, pen.load * 1e6);
      const window: StopCriterion = {
        done: (i) => stop.done(i) || stop.fraction(i) >= until,
        fraction: (i) => stop.fraction(i),
      };
      const repaired = repairFleet(makeContext(inst, cand, strict), current, rr, rng, window, it);
      it += repaired.iterations;
      if (repaired.feasible) {
        best = snapshot(cand);
        bestFeasible = currentFeasible = true;
        bestCost = objective(cand);
        params.onProgress?.({ iteration: it, bestCost, feasible: true, fraction: stop.fraction(it) });
      } else {
        // Put the customers still out back in, violations and all, and search on.
        for (let c = 0; c < inst.n; c++) if (cand.pattern[c] < 0) rr.take(ctx, c);
        rr.recreate(ctx, rng);
        syncTo(current, cand);
      }
      curCost = penalised(ctxCur);
      continue;
    }

    it++;
    rr.ruin(ctx, rng);
    rr.recreate(ctx, rng);
    ls.run(rng);
    fitBand(cand);
    let tw = cand.totalTimeWarp();
    let excess = cand.totalLoadViolation();
    const registered = pen.register(tw, excess);
    if ((tw > FEASIBLE_EPS || excess > FEASIBLE_EPS) && rng.next() < REPAIR_PROBABILITY) {
      boosted.timeWarp = pen.timeWarp * 10;
      boosted.load = pen.load * 10;
      lsBoost.run(rng);
      fitBand(cand);
      tw = cand.totalTimeWarp();
      excess = cand.totalLoadViolation();
    }

    const feasible = isFeasible(cand, tw, excess, lost);
    const cost = objective(cand);
    if (feasible && cost < bestCost - 1e-9) {
      bestCost = cost;
      best = snapshot(cand);
      bestFeasible = true;
      params.onProgress?.({ iteration: it, bestCost, feasible: true, fraction: stop.fraction(it) });
    } else if (!bestFeasible) {
      const v = violation(cand, tw, excess, lost);
      if (v < bestViolation) {
        bestViolation = v;
        best = snapshot(cand);
      }
    }

    // Simulated annealing; once the current solution is feasible it stays so, which
    // keeps tight-fleet searches from drifting off into cheaper infeasible regions.
    const candCost = cost + pen.penalty(tw, excess);
    const f = stop.fraction(it);
    const temperature = t0 * Math.pow(t1 / t0, f);
    const threshold = curCost - temperature * Math.log(1 - rng.next());
    if ((feasible || !currentFeasible) && candCost < threshold) {
      syncTo(current, cand);
      curCost = candCost;
      currentFeasible = feasible;
    } else {
      syncTo(cand, current);
    }

    if (registered) {
      curCost = penalised(ctxCur);
      ls.resetTested();
    }
    if (params.onProgress && it % 200 === 0) {
      params.onProgress({ iteration: it, bestCost, feasible: bestFeasible, fraction: f });
    }
  }
  return { best, feasible: bestFeasible, iterations: it };
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

/**
 * Both states back to a snapshot (the best or least-violating solution seen). Loading refreshes
 * every route, so the local search tries every pair again whatever it tried before: no reset.
 */
function restore(snap: Snapshot, current: Routes, cand: Routes): void {
  // Loading marks every route of cand dirty, so the sync copies all of them into current.
  cand.load(snap.routes, snap.pattern);
  syncTo(current, cand);
}

function objective(R: Routes): number {
  return R.totalRouteCost() + R.assignmentCost();
}

function penalised(ctx: MoveContext): number {
  const R = ctx.routes;
  return objective(R) + ctx.pen.penalty(R.totalTimeWarp(), R.totalLoadViolation());
}

/** No time warp, no excess load, and every required customer routed but the `lost` that cannot be. */
function isFeasible(R: Routes, timeWarp: number, loadViolation: number, lost: number): boolean {
  return timeWarp <= FEASIBLE_EPS && loadViolation <= FEASIBLE_EPS && R.missingRequired() === lost;
}

function violation(R: Routes, timeWarp: number, loadViolation: number, lost: number): number {
  return timeWarp + loadViolation + 1e6 * (R.missingRequired() - lost);
}

function unroutableRequired(inst: Instance): number {
  let k = 0;
  for (const c of inst.unroutable) if (inst.skipCost[c] === Infinity) k++;
  return k;
}

function usedRoutes(R: Routes): number {
  let k = 0;
  for (let r = 0; r < R.len.length; r++) if (R.len[r] > 0) k++;
  return k;
}

function snapshot(R: Routes): Snapshot {
  const routes: number[][] = [];
  for (let r = 0; r < R.len.length; r++) {
    const base = r * R.cap;
    routes.push(Array.from(R.node.subarray(base + 1, base + 1 + R.len[r])));
  }
  return { routes, pattern: R.pattern.slice() };
}

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
import type { Instance } from './instance.ts';
import { LocalSearch } from './localSearch.ts';
import { computeNeighbours } from './neighbours.ts';
import { makeContext, type MoveContext } from './operators/operator.ts';
import { customerOperators, nodeOperators } from './operators/registry.ts';
import { FEASIBLE_EPS, Penalties } from './penalties.ts';
import { Random } from './random.ts';
import { Routes } from './routes.ts';
import { DEFAULT_RUIN, RuinRecreate, type RuinParams } from './ruinRecreate.ts';
import type { StopCriterion } from './stop.ts';

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
  onProgress?: (p: Progress) => void;
  /** Granular neighbourhood size (default 30). */
  neighbours?: number;
  ruin?: RuinParams;
  /** Start and end temperatures as multiples of the average leg cost. */
  startTemperature?: number;
  endTemperature?: number;
}

/** Route sequences of one solution, enough to rebuild the result. */
export interface Snapshot {
  routes: number[][];
  pattern: Int32Array;
}

export interface SearchOutcome {
  /** Best feasible solution, or the least-violating one if none was feasible. */
  best: Snapshot;
  feasible: boolean;
  iterations: number;
}

export function search(inst: Instance, params: SearchParams): SearchOutcome {
  const rng = new Random(params.seed);
  const nb = computeNeighbours(inst, params.neighbours ?? 30);
  const pen = initialPenalties(inst);
  const current = new Routes(inst);
  const cand = new Routes(inst);
  const ctxCur = makeContext(inst, current, pen);
  const ctx = makeContext(inst, cand, pen);
  const ls = new LocalSearch(ctx, nb, nodeOperators(inst), customerOperators(inst));
  const rr = new RuinRecreate(inst, nb, params.ruin ?? DEFAULT_RUIN);

  // Construction: greedy insertion of every customer, then local search.
  rr.removeAll(ctx);
  rr.recreate(ctx, rng);
  ls.run(rng);
  current.copyFrom(cand);
  current.markClean();
  cand.markClean();

  let best: Snapshot = snapshot(cand);
  let bestFeasible = isFeasible(cand);
  let bestCost = bestFeasible ? objective(cand) : Infinity;
  let bestViolation = violation(cand);

  const legs = Math.max(1, inst.n + usedRoutes(cand));
  const avgLeg = Math.max(objective(cand) / legs, 1e-9);
  const t0 = (params.startTemperature ?? 0.5) * avgLeg;
  const t1 = (params.endTemperature ?? 0.01) * avgLeg;
  let curCost = penalised(ctxCur);
  params.onProgress?.({ iteration: 0, bestCost, feasible: bestFeasible, fraction: 0 });

  let it = 0;
  const stop = params.stop;
  while (!stop.done(it)) {
    it++;
    rr.ruin(ctx, rng);
    rr.recreate(ctx, rng);
    ls.run(rng);

    const tw = cand.totalTimeWarp();
    const excess = cand.totalExcessLoad();
    const feasible = tw <= FEASIBLE_EPS && excess <= FEASIBLE_EPS && cand.missingRequired() === 0;
    const cost = objective(cand);
    if (feasible && cost < bestCost - 1e-9) {
      bestCost = cost;
      best = snapshot(cand);
      bestFeasible = true;
      params.onProgress?.({ iteration: it, bestCost, feasible: true, fraction: stop.fraction(it) });
    } else if (!bestFeasible) {
      const v = violation(cand);
      if (v < bestViolation) {
        bestViolation = v;
        best = snapshot(cand);
      }
    }

    const candCost = cost + pen.penalty(tw, excess);
    const f = stop.fraction(it);
    const temperature = t0 * Math.pow(t1 / t0, f);
    if (candCost < curCost - temperature * Math.log(1 - rng.next())) {
      current.copyFrom(cand);
      curCost = candCost;
    } else {
      cand.copyFrom(current);
    }
    current.markClean();
    cand.markClean();

    if (pen.register(tw, excess)) {
      curCost = penalised(ctxCur);
      ls.resetTested();
    }
    if (params.onProgress && it % 200 === 0) {
      params.onProgress({ iteration: it, bestCost, feasible: bestFeasible, fraction: f });
    }
  }
  return { best, feasible: bestFeasible, iterations: it };
}

function initialPenalties(inst: Instance): Penalties {
  // Start at "one unit of violation costs what one unit of travel from the depot does".
  const { L, n, cost, time, demand, location } = inst;
  const s = inst.nRoutes > 0 ? inst.startLoc[0] : 0;
  let c = 0;
  let t = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    c += cost[s * L + location[i]];
    t += time[s * L + location[i]];
    q += demand[location[i]];
  }
  const perTime = t > 0 ? c / t : 1;
  const perLoad = q > 0 ? c / q : 1;
  return new Penalties(Math.max(perTime, 1e-3), Math.max(perLoad, 1e-3));
}

function objective(R: Routes): number {
  return R.totalRouteCost() + R.assignmentCost();
}

function penalised(ctx: MoveContext): number {
  const R = ctx.routes;
  return objective(R) + ctx.pen.penalty(R.totalTimeWarp(), R.totalExcessLoad());
}

function isFeasible(R: Routes): boolean {
  return R.totalTimeWarp() <= FEASIBLE_EPS && R.totalExcessLoad() <= FEASIBLE_EPS && R.missingRequired() === 0;
}

function violation(R: Routes): number {
  return R.totalTimeWarp() + R.totalExcessLoad() + 1e6 * R.missingRequired();
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

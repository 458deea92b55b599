/**
 * Turns a solution snapshot into the public result, recomputing its figures from the
 * instance (not from search caches), so the reported cost is what the routes really cost.
 */
import type { Snapshot } from './bestSolution.ts';
import { withinBounds } from './costEvaluator.ts';
import type { Instance } from './instance.ts';
import { setBand } from './loadBand.ts';
import { loadViolation } from './routes.ts';
import { Segment } from './segments.ts';

export interface SolvedRoute {
  /** 0-based day of the horizon. */
  day: number;
  /** Vehicle index within that day (as in `SolverInput.vehicles[day]`). */
  vehicle: number;
  /** Location indices visited, in order, depots excluded. */
  stops: number[];
}

export interface SolverResult {
  /** Cost-matrix sum over routed legs + fixed costs of used routes + skip costs + pattern costs. */
  cost: number;
  /** Distance-matrix sum over routed legs. */
  distance: number;
  feasible: boolean;
  routes: SolvedRoute[];
  /** Customers (indices into `SolverInput.customers`) left unrouted. */
  skipped: number[];
  /** Days each customer is visited on, as a bitmask (bit d = day d); 0 if skipped. */
  visitDays: number[];
  iterations: number;
  /** Total time warp (incl. excess duration and waiting) and load violation (above capacity, below a minimum) of the routes (0 when feasible). */
  timeWarp: number;
  loadViolation: number;
}

export function toResult(inst: Instance, snap: Snapshot, feasible: boolean, iterations: number): SolverResult {
  const { L, cost, distance, time, service, ready, due, demand, skipCost, patternCost, patternMask } = inst;
  let totalCost = 0;
  let totalDistance = 0;
  let timeWarp = 0;
  let loadOff = 0;
  const seg = new Segment();
  const routes: SolvedRoute[] = [];
  // A balanced instance judges each route by the mean of this solution's loads.
  let total = 0;
  for (const stops of snap.routes) for (const loc of stops) total += demand[loc];
  setBand(inst, total);
  snap.routes.forEach((stops, r) => {
    if (stops.length === 0) {
      loadOff += loadViolation(inst, r, 0);
      return;
    }
    routes.push({ day: inst.routeDay[r], vehicle: inst.routeVehicle[r], stops });
    let prev = inst.startLoc[r];
    let load = 0;
    seg.setNode(0, inst.earliest[r], inst.latestStart[r]);
    for (const loc of stops) {
      totalCost += cost[prev * L + loc];
      totalDistance += distance[prev * L + loc];
      seg.appendNode(time[prev * L + loc], service[loc], ready[loc], due[loc]);
      load += demand[loc];
      prev = loc;
    }
    const end = inst.endLoc[r];
    totalCost += cost[prev * L + end] + inst.fixedCost[r];
    totalDistance += distance[prev * L + end];
    seg.appendNode(time[prev * L + end], 0, inst.earliest[r], inst.latest[r]);
    timeWarp += seg.totalTimeWarp(inst.maxDuration[r], inst.maxWait[r], inst.waitFree[r]);
    loadOff += loadViolation(inst, r, load);
  });
  const skipped: number[] = [];
  const visitDays: number[] = [];
  for (let c = 0; c < inst.n; c++) {
    const p = snap.pattern[c];
    if (p < 0) {
      skipped.push(c);
      visitDays.push(0);
      if (skipCost[c] !== Infinity) totalCost += skipCost[c];
    } else {
      visitDays.push(patternMask[p]);
      totalCost += patternCost[p];
    }
  }
  // The search's verdict, confirmed on the recomputed figures.
  const ok = feasible && withinBounds(timeWarp, loadOff) && skipped.every((c) => skipCost[c] !== Infinity);
  return { cost: totalCost, distance: totalDistance, feasible: ok, routes, skipped, visitDays, iterations, timeWarp, loadViolation: loadOff };
}

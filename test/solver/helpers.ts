/** Small random instances and an independent route checker for the solver tests. */
import type { SolverInput, VehicleInput } from '../../src/solver/instance.ts';
import { Random } from '../../src/solver/random.ts';

export interface GenOptions {
  n: number;
  days?: number;
  vehiclesPerDay?: number;
  /** Window width; Infinity = no windows. */
  window?: number;
  capacity?: number;
  /** Make cost ≠ distance and asymmetric. */
  asymmetric?: boolean;
  /** Give vehicles different ends/shifts. */
  mixedFleet?: boolean;
  periodic?: boolean;
  skipCost?: number;
  maxDuration?: number;
}

/** Distances between places on one straight road, given their positions along it (row-major). */
export function onALine(xs: readonly number[]): number[] {
  return xs.flatMap((a) => xs.map((b) => Math.abs(a - b)));
}

/** The same instance with every vehicle carrying at least `minLoad`, and route loads within `share` of their mean. */
export function withMinLoads(input: SolverInput, minLoad: number, share: number): SolverInput {
  return { ...input, vehicles: input.vehicles.map((day) => day.map((v) => ({ ...v, minLoad }))), loadBand: { share } };
}

/** Location 0 (and 1 with mixedFleet) are depots; customers follow. */
export function generate(seed: number, o: GenOptions): SolverInput {
  const rng = new Random(seed);
  const days = o.days ?? 1;
  const depots = o.mixedFleet ? 2 : 1;
  const L = depots + o.n;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < L; i++) {
    xs.push(i === 0 ? 50 : rng.next() * 100);
    ys.push(i === 0 ? 50 : rng.next() * 100);
  }
  const distance = new Float64Array(L * L);
  const cost = new Float64Array(L * L);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      distance[i * L + j] = Math.hypot(xs[i] - xs[j], ys[i] - ys[j]);
      cost[i * L + j] = o.asymmetric ? distance[i * L + j] * (i < j ? 1.3 : 0.9) + (i === j ? 0 : 1) : distance[i * L + j];
    }
  }
  const horizon = 1000;
  const vehicles: VehicleInput[][] = [];
  for (let d = 0; d < days; d++) {
    const day: VehicleInput[] = [];
    for (let k = 0; k < (o.vehiclesPerDay ?? 3); k++) {
      const mixed = o.mixedFleet && k % 2 === 1;
      day.push({
        start: 0,
        end: mixed ? 1 : 0,
        capacity: o.capacity ?? 100,
        earliest: mixed ? 50 : 0,
        latest: mixed ? horizon - 100 : horizon,
        maxDuration: o.maxDuration,
        fixedCost: mixed ? 15 : 0,
      });
    }
    vehicles.push(day);
  }
  const customers = [];
  for (let c = 0; c < o.n; c++) {
    const w = o.window ?? Infinity;
    const ready = Number.isFinite(w) ? rng.next() * (horizon - w - 200) + 100 : undefined;
    let patterns = [1];
    if (o.periodic && days > 1) {
      const f = 1 + rng.int(Math.min(2, days));
      patterns = [];
      for (let m = 1; m < 1 << days; m++) if (popcount(m) === f && rng.next() < 0.6) patterns.push(m);
      if (patterns.length === 0) patterns.push(f === 1 ? 1 : 3);
    } else if (days > 1) {
      patterns = [1 << rng.int(days)];
    }
    customers.push({
      location: depots + c,
      service: 10,
      ready,
      due: ready === undefined ? undefined : ready + w,
      demand: 1 + rng.int(20),
      patterns,
      skipCost: o.skipCost,
    });
  }
  return { days, locations: L, vehicles, customers, distance, cost: o.asymmetric ? cost : undefined };
}

function popcount(m: number): number {
  let k = 0;
  for (; m; m &= m - 1) k++;
  return k;
}

export interface Check {
  cost: number;
  distance: number;
  timeWarp: number;
  excessLoad: number;
}

/**
 * Walks each route forward in time with the plain rules (leave the depot at the shift
 * start, wait for windows, late = warp back to `due`), independent of the segment code.
 * Leaving as early as possible can overstate duration (waiting), so `maxDuration` is
 * checked on the least duration: departure delayed by the smallest slack downstream.
 */
export function checkRoutes(input: SolverInput, routes: { day: number; vehicle: number; stops: number[] }[]): Check {
  const L = input.locations;
  const dist = input.distance;
  const time = input.duration ?? dist;
  const cost = input.cost ?? dist;
  const byLoc = new Map(input.customers.map((c) => [c.location, c]));
  let totalCost = 0;
  let totalDist = 0;
  let warp = 0;
  let excess = 0;
  for (const r of routes) {
    const v = input.vehicles[r.day][r.vehicle];
    const end = v.end ?? v.start;
    const seq = [v.start, ...r.stops, end];
    const earliest = v.earliest ?? 0;
    let t = earliest;
    let load = 0;
    // How late the departure may be without a later arrival anywhere: the waiting before a
    // stop absorbs delay, its window's slack allows the rest.
    let waited = 0;
    let maxDelay = (v.latestStart ?? v.latest ?? Infinity) - earliest;
    for (let i = 1; i < seq.length; i++) {
      const a = seq[i - 1];
      const b = seq[i];
      totalCost += cost[a * L + b];
      totalDist += dist[a * L + b];
      t += (i === 1 ? 0 : (byLoc.get(a)?.service ?? 0)) + time[a * L + b];
      const c = byLoc.get(b);
      const last = i === seq.length - 1;
      const ready = last ? earliest : (c?.ready ?? -Infinity);
      const due = last ? (v.latest ?? Infinity) : (c?.due ?? Infinity);
      maxDelay = Math.min(maxDelay, waited + Math.max(0, due - t));
      if (t < ready) {
        waited += ready - t;
        t = ready;
      }
      if (t > due) {
        warp += t - due;
        t = due;
      }
      load += c?.demand ?? 0;
    }
    const duration = t - earliest - Math.max(0, Math.min(maxDelay, waited));
    if (v.maxDuration !== undefined && duration > v.maxDuration) warp += duration - v.maxDuration;
    totalCost += v.fixedCost ?? 0;
    excess += Math.max(load - v.capacity, 0);
  }
  return { cost: totalCost, distance: totalDist, timeWarp: warp, excessLoad: excess };
}

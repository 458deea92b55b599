import { Random } from '../solver/random.ts';
import type { BenchmarkCustomer, BenchmarkProblem } from './problem.ts';

export type Class2Kind = 'c2' | 'r2' | 'rc2';

export interface Class2Options {
  kind: Class2Kind;
  customers: number;
  seed: number;
}

/** Customers per route of Gehring–Homberger's class 2 at their best-known fleets (1,000 customers: about 19 routes for R2 and RC2, 29 for C2). */
const PER_ROUTE: Record<Class2Kind, number> = { r2: 50, rc2: 50, c2: 34 };
/** Service minutes as in the class: 90 for C2, 10 for R2 and RC2. */
const SERVICE: Record<Class2Kind, number> = { r2: 10, rc2: 10, c2: 90 };

/**
 * A Gehring–Homberger-like class-2 instance (long horizon, long routes) with a planted
 * solution: customers are placed (uniformly for R2, in clusters for C2, half and half for
 * RC2), cut into `fleet` routes by sweeping round the depot, each route ordered by
 * nearest neighbour, and every window drawn round the planted route's service start. The
 * horizon is the planted routes' latest return and the capacity their heaviest load, so
 * the planted fleet is feasible by construction and close to tight: a generated
 * instance has no best-known fleet, and this one has a fleet known to be enough.
 */
export function generateClass2(options: Class2Options): { problem: BenchmarkProblem; planted: number[][] } {
  const { kind, customers: n, seed } = options;
  const rng = new Random(seed);
  const int = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
  const side = Math.round(140 * Math.sqrt(n / 200));
  const depot = { x: Math.round(side / 2), y: Math.round(side / 2) };
  const service = SERVICE[kind];
  const clustered = kind === 'c2' ? n : kind === 'rc2' ? Math.floor(n / 2) : 0;
  const centres = Array.from({ length: Math.max(1, Math.round(n / 40)) }, () => ({ x: int(0, side), y: int(0, side) }));
  const points = Array.from({ length: n }, (_, i) => {
    if (i >= clustered) return { x: int(0, side), y: int(0, side) };
    const c = centres[i % centres.length];
    const clamp = (v: number) => Math.max(0, Math.min(side, v));
    return { x: clamp(c.x + int(-8, 8)), y: clamp(c.y + int(-8, 8)) };
  });
  const demand = points.map(() => int(1, 50));
  const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

  // Sweep: customers by angle round the depot, cut into equal runs; each run a nearest-neighbour tour from the depot.
  const fleet = Math.max(1, Math.round(n / PER_ROUTE[kind]));
  const byAngle = points.map((p, i) => ({ i, a: Math.atan2(p.y - depot.y, p.x - depot.x) })).sort((u, v) => u.a - v.a || u.i - v.i);
  const planted: number[][] = [];
  for (let r = 0; r < fleet; r++) {
    const run = byAngle.slice(Math.floor((r * n) / fleet), Math.floor(((r + 1) * n) / fleet)).map((e) => e.i);
    const left = new Set(run);
    const tour: number[] = [];
    let at = depot;
    while (left.size > 0) {
      let best = -1;
      for (const i of left) if (best < 0 || dist(at, points[i]) < dist(at, points[best]) || (dist(at, points[i]) === dist(at, points[best]) && i < best)) best = i;
      tour.push(best);
      left.delete(best);
      at = points[best];
    }
    planted.push(tour);
  }

  // The planted service starts; windows 30–240 wide round them (C2's 60–320), never before the earliest arrival.
  const start = new Float64Array(n);
  let horizon = 0;
  let capacity = 0;
  for (const tour of planted) {
    let t = 0;
    let prev = depot;
    let load = 0;
    for (const i of tour) {
      t += dist(prev, points[i]);
      start[i] = t;
      t += service;
      prev = points[i];
      load += demand[i];
    }
    horizon = Math.max(horizon, t + dist(prev, depot));
    capacity = Math.max(capacity, load);
  }
  const due = Math.ceil(horizon);
  const list: BenchmarkCustomer[] = points.map((p, i) => {
    const width = kind === 'c2' ? int(60, 320) : int(30, 240);
    const shift = rng.next() * width;
    const ready = Math.max(Math.ceil(dist(depot, p)), Math.floor(start[i] - shift));
    const latest = Math.floor(due - service - dist(p, depot));
    return {
      id: i + 1,
      x: p.x,
      y: p.y,
      demand: demand[i],
      service,
      ready: Math.min(ready, Math.floor(start[i])),
      due: Math.max(Math.ceil(start[i]), Math.min(latest, Math.ceil(start[i] + width - shift))),
      frequency: 1,
      declaredFrequency: 1,
      patterns: [1],
    };
  });
  return {
    problem: {
      name: `${kind}_planted_${n}_s${seed}`,
      format: 'solomon',
      type: 0,
      days: 1,
      vehiclesPerDay: fleet,
      dayLimits: [{ capacity, maxDuration: Infinity }],
      hasTimeWindows: true,
      depot: { id: 0, ...depot, ready: 0, due },
      customers: list,
      dropped: [],
      notes: [`planted solution of ${fleet} routes (generateClass2)`],
    },
    planted: planted.map((tour) => tour.map((i) => i + 1)),
  };
}

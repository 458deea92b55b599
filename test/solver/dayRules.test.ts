/**
 * The two route rules the city's working days need: a least load per route (every workday
 * carries its share of visits) and a most waiting per route (no one parked outside a closed
 * shop). Each is checked on the returned routes by walking them here, not by the solver.
 */
import { describe, expect, test } from 'vitest';
import { CostEvaluator } from '../../src/solver/costEvaluator.ts';
import { solve, type SolverInput } from '../../src/solver/index.ts';
import { Insertion } from '../../src/solver/insertion.ts';
import { buildInstance } from '../../src/solver/instance.ts';
import { makeContext } from '../../src/solver/operators/operator.ts';
import { Routes } from '../../src/solver/routes.ts';
import { generate } from './helpers.ts';

/** Customers on a line at x = 1..n from a depot at 0; travel = |dx|. */
function onALine(n: number): Pick<SolverInput, 'locations' | 'distance'> {
  const L = n + 1;
  const distance = new Float64Array(L * L);
  for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) distance[i * L + j] = Math.abs(i - j);
  return { locations: L, distance };
}

/** Waiting of a route leaving at `earliest`: time spent before `ready` of each stop. */
function waiting(input: SolverInput, day: number, stops: readonly number[]): number {
  const v = input.vehicles[day][0];
  const L = input.locations;
  const time = input.duration ?? input.distance;
  let t = v.earliest ?? 0;
  let at = v.start;
  let wait = 0;
  for (const loc of stops) {
    t += time[at * L + loc];
    const c = input.customers.find((x) => x.location === loc)!;
    if (t < (c.ready ?? -Infinity)) {
      wait += (c.ready as number) - t;
      t = c.ready as number;
    }
    t += c.service ?? 0;
    at = loc;
  }
  return wait;
}

describe('minimum load per route', () => {
  // Seven customers, each on any one of three days; cheapest is one trip out to x = 7.
  const base = (minLoad?: number): SolverInput => ({
    days: 3,
    ...onALine(7),
    vehicles: [0, 1, 2].map(() => [{ start: 0, capacity: 7, ...(minLoad ? { minLoad } : {}) }]),
    customers: Array.from({ length: 7 }, (_, i) => ({ location: i + 1, demand: 1, patterns: [1, 2, 4] })),
  });
  const perDay = (r: ReturnType<typeof solve>) => [0, 1, 2].map((d) => r.routes.filter((x) => x.day === d).reduce((s, x) => s + x.stops.length, 0));

  test('without it the cheapest plan packs every visit into one day', () => {
    const result = solve(base(), { seed: 1, maxIterations: 200 });
    expect(result.feasible).toBe(true);
    expect(perDay(result).sort()).toEqual([0, 0, 7]);
    expect(result.cost).toBe(14);
  });

  test('with it every day carries at least its minimum, and the cost is the round trips of those days', () => {
    const result = solve(base(2), { seed: 1, maxIterations: 300 });
    expect(result.feasible).toBe(true);
    expect(Math.min(...perDay(result))).toBeGreaterThanOrEqual(2);
    expect(result.cost).toBe(result.routes.reduce((s, r) => s + 2 * Math.max(...r.stops), 0));
    // Best split {1,2}, {3,4}, {5,6,7}: round trips 4 + 8 + 14.
    expect(result.cost).toBe(26);
  });

  test('a day left empty is reported as a load violation, never as feasible', () => {
    const input = base(3);
    input.customers = input.customers.slice(0, 5); // 5 visits cannot give 3 days 3 each
    const result = solve(input, { seed: 1, maxIterations: 100 });
    expect(result.feasible).toBe(false);
    expect(result.loadViolation).toBeGreaterThan(0);
  });

  test('a minimum above the capacity is refused', () => {
    const input = base(8);
    expect(() => solve(input, { maxIterations: 1 })).toThrow('vehicle 0 of day 0: minLoad > capacity');
  });
});

describe('maximum waiting per route', () => {
  // The manager leaves the depot (0, 0) at 0 sharp. Shop A (1, 0) opens at 0, shop B (2, 0)
  // at 100, shop C (0, 3), a 90-minute visit, at 10. The shortest order A, B, C waits 93
  // minutes outside B; the same route reversed, C, B, A, waits 7 minutes outside C.
  const xy = [[0, 0], [1, 0], [2, 0], [0, 3]];
  const distance = Float64Array.from(xy.flatMap(([x1, y1]) => xy.map(([x2, y2]) => Math.hypot(x1 - x2, y1 - y2))));
  const input = (maxWait?: number, readyC = 10): SolverInput => ({
    days: 1,
    locations: 4,
    distance,
    vehicles: [[{ start: 0, capacity: 10, earliest: 0, latestStart: 0, latest: 2000, ...(maxWait !== undefined ? { maxWait } : {}) }]],
    customers: [
      { location: 1, service: 5, ready: 0, due: 1000 },
      { location: 2, service: 5, ready: 100, due: 1000 },
      { location: 3, service: 90, ready: readyC, due: 1000 },
    ],
  });

  test('without it the shortest route waits long', () => {
    const free = input();
    const result = solve(free, { seed: 1, maxIterations: 100 });
    expect(result.routes[0].stops).toEqual([1, 2, 3]);
    expect(waiting(free, 0, result.routes[0].stops)).toBeCloseTo(93, 9);
  });

  test('with it the route keeps its waiting under the cap, or says it cannot', () => {
    const capped = input(20);
    const result = solve(capped, { seed: 1, maxIterations: 100 });
    expect(result.feasible).toBe(true);
    expect(result.routes[0].stops).toEqual([3, 2, 1]);
    expect(waiting(capped, 0, result.routes[0].stops)).toBeCloseTo(7, 9);

    // Nothing can fill the wait once C opens at 500: every order waits, so none is feasible.
    const none = solve(input(20, 500), { seed: 1, maxIterations: 100 });
    expect(none.feasible).toBe(false);
    expect(none.timeWarp).toBeGreaterThan(0);
  });
});

describe('load band around the mean', () => {
  // Nine customers on a line, each on any one of three days or left out at a price: the far
  // ones are cheaper to leave out than to drive to, so how many are routed (and so the mean
  // load) is the solver's choice, and the band must follow it.
  const input = (share?: number, fixed?: { fixedLoad: number; fixedRoutes: number }): SolverInput => ({
    days: 3,
    ...onALine(9),
    vehicles: [0, 1, 2].map(() => [{ start: 0, capacity: 9 }]),
    customers: Array.from({ length: 9 }, (_, i) => ({ location: i + 1, demand: 1, patterns: [1, 2, 4], skipCost: 13 })),
    ...(share !== undefined ? { loadBand: { share, ...fixed } } : {}),
  });
  const loads = (r: ReturnType<typeof solve>) => [0, 1, 2].map((d) => r.routes.filter((x) => x.day === d).reduce((s, x) => s + x.stops.length, 0));

  test('without it the routed visits all go out on one day', () => {
    const result = solve(input(), { seed: 1, maxIterations: 300 });
    expect(loads(result).sort()).toEqual([0, 0, 9]);
  });

  test('with it every day is within the share of the mean of what is routed', () => {
    const result = solve(input(0.4), { seed: 1, maxIterations: 300 });
    expect(result.feasible).toBe(true);
    const perDay = loads(result);
    const mean = perDay.reduce((a, b) => a + b, 0) / 3;
    expect(mean).toBeGreaterThan(0);
    for (const load of perDay) {
      expect(load).toBeGreaterThanOrEqual(0.6 * mean - 1e-9);
      expect(load).toBeLessThanOrEqual(1.4 * mean + 1e-9);
    }
    expect(result.loadViolation).toBe(0);
  });

  test('load kept outside the instance counts in the mean', () => {
    // Two kept days of 3 visits each: whatever is routed, the five days stay within ±20%.
    const result = solve(input(0.2, { fixedLoad: 6, fixedRoutes: 2 }), { seed: 1, maxIterations: 300 });
    expect(result.feasible).toBe(true);
    const perDay = loads(result);
    const mean = (perDay.reduce((a, b) => a + b, 0) + 6) / 5;
    for (const load of perDay) expect(Math.abs(load - mean)).toBeLessThanOrEqual(0.2 * mean + 1e-9);
    // Two kept days of 15: nine visits over the other three days never come within 20% of that mean.
    const none = solve(input(0.2, { fixedLoad: 30, fixedRoutes: 2 }), { seed: 1, maxIterations: 100 });
    expect(none.feasible).toBe(false);
    expect(none.loadViolation).toBeGreaterThan(0);
  });
});

// Once a bug: pattern change added an insertion that was only known "not below its bound" into
// a move that then looked improving (the sum landed an ulp under the best), and applied it at
// no position: a customer's pattern named a day its routes did not visit.
describe('patterns and routes agree', () => {
  test('an insertion with nothing below its bound is Infinity, never the bound', () => {
    // One route 0 -> 2 -> 0 on a line; inserting customer 1 (x = 1) costs 0 on the way out.
    const input: SolverInput = { days: 1, ...onALine(2), vehicles: [[{ start: 0, capacity: 9 }]], customers: [{ location: 1 }, { location: 2 }] };
    const inst = buildInstance(input);
    const routes = new Routes(inst);
    routes.load([[2]], Int32Array.of(-1, 0));
    const ctx = makeContext(inst, routes, new CostEvaluator(1, 1));
    const ins = new Insertion();
    expect(ins.best(ctx, 1, 0)).toBe(0);
    expect([ins.best(ctx, 1, 0, 0, undefined, false, 0), ins.route, ins.pos]).toEqual([Infinity, -1, -1]);
    expect([ins.best(ctx, 1, 0, 0, undefined, false, 0.5), ins.route, ins.pos]).toEqual([0, 0, 0]);
  });

  test('every customer is visited on exactly the days of its pattern', () => {
    for (const seed of [1, 2, 3, 4]) {
      const input = generate(seed, { n: 40, days: 5, vehiclesPerDay: 1, capacity: 40, periodic: true, skipCost: 30, window: 400 });
      input.loadBand = { share: 0.4 };
      const result = solve(input, { seed, maxIterations: 300 });
      const visited = new Map<number, number>();
      for (const r of result.routes) for (const loc of r.stops) visited.set(loc, (visited.get(loc) ?? 0) | (1 << r.day));
      input.customers.forEach((c, i) => expect([seed, c.location, visited.get(c.location) ?? 0]).toEqual([seed, c.location, result.visitDays[i]]));
    }
  });
});

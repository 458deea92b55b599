import { describe, expect, test } from 'vitest';
import { buildInstance } from '../../src/solver/instance.ts';
import { computeNeighbours } from '../../src/solver/neighbours.ts';
import { Routes } from '../../src/solver/routes.ts';
import { Random } from '../../src/solver/random.ts';
import { SEG } from '../../src/solver/segments.ts';
import { solve } from '../../src/solver/index.ts';
import { anyOf, maxIterations, maxRuntime, notBefore } from '../../src/solver/stop.ts';
import { generate, onALine } from './helpers.ts';
import { checkIndex, cloneRoutes, randomState } from './state.ts';

describe('route caches', () => {
  test('forward and backward segments agree on every route', () => {
    const { inst, routes } = randomState(generate(1, { n: 20, days: 2, vehiclesPerDay: 3, window: 200, periodic: true }), 2);
    for (let r = 0; r < inst.nRoutes; r++) {
      const base = r * routes.cap;
      const end = (base + routes.len[r] + 1) * SEG;
      const start = base * SEG;
      // Whole route seen from either end: same duration and time warp.
      expect(routes.fwd[end]).toBeCloseTo(routes.bwd[start], 9);
      expect(routes.fwd[end + 1]).toBeCloseTo(routes.bwd[start + 1], 9);
    }
    checkIndex(routes);
  });

  test('remove takes a string of visits out of the index, and only those', () => {
    const { inst, routes } = randomState(generate(5, { n: 20, vehiclesPerDay: 2, window: 300 }), 6);
    const r = routes.len[0] >= routes.len[1] ? 0 : 1;
    expect(routes.len[r]).toBeGreaterThanOrEqual(6);
    const base = r * routes.cap;
    const at = (p: number) => inst.customerAt[routes.node[base + p]] * inst.days + inst.routeDay[r];
    const out = [3, 4, 5].map(at);
    routes.remove(r, 3, 3);
    routes.refresh(r);
    for (const key of out) expect([routes.visitRoute[key], routes.visitPos[key]]).toEqual([-1, -1]);
    checkIndex(routes);
  });

  test('syncFrom and load reproduce a state', () => {
    const { inst, routes } = randomState(generate(3, { n: 15, vehiclesPerDay: 3, window: 300 }), 4);
    const copy = cloneRoutes(routes);
    const seqs = Array.from({ length: inst.nRoutes }, (_, r) =>
      Array.from(routes.node.subarray(r * routes.cap + 1, r * routes.cap + 1 + routes.len[r])),
    );
    const loaded = cloneRoutes(routes);
    loaded.load(seqs, routes.pattern);
    for (const s of [copy, loaded]) {
      expect(Array.from(s.routeCost)).toEqual(Array.from(routes.routeCost));
      expect(Array.from(s.routeTw)).toEqual(Array.from(routes.routeTw));
      checkIndex(s);
    }
  });
});

describe('syncing two states', () => {
  test('leaves both clean, so that the next sync copies only the routes changed after it', () => {
    const { inst, routes: a } = randomState(generate(3, { n: 15, vehiclesPerDay: 3, window: 300 }), 4);
    const b = cloneRoutes(a);
    const [r0, r1, r2] = [0, 1, 2];
    expect(a.len[r0] * a.len[r1] * a.len[r2]).toBeGreaterThan(0);
    const drop = (R: Routes, r: number) => R.removeCustomer(inst.customerAt[R.node[r * R.cap + 1]], new Int32Array(inst.days));
    // Each side changes a route of its own: the sync takes a's r0 and restores b's r2 from a.
    drop(a, r0);
    drop(b, r2);
    b.syncFrom(a);
    expect([...a.dirty, ...b.dirty].every((x) => x === 0)).toBe(true);
    expect(Array.from(b.routeCost)).toEqual(Array.from(a.routeCost));
    checkIndex(b);
    const before = Array.from(b.lastModified);
    drop(a, r1);
    b.syncFrom(a);
    const copied = Array.from(b.lastModified).flatMap((t, r) => (t === before[r] ? [] : [r]));
    expect(copied).toEqual([r1]);
    expect(sequences(b)).toEqual(sequences(a));
    checkIndex(b);
  });
});

/** Each route's visits (location indices). */
function sequences(R: Routes): number[][] {
  return Array.from(R.len, (n, r) => Array.from(R.node.subarray(r * R.cap + 1, r * R.cap + 1 + n)));
}

describe('loading a state', () => {
  test('into fresh routes: the same routes, patterns and index, days without a visit marked empty', () => {
    const { inst, routes } = randomState(generate(4, { n: 16, days: 3, vehiclesPerDay: 2, window: 400, periodic: true, skipCost: 50 }), 5);
    const seqs = Array.from({ length: inst.nRoutes }, (_, r) => Array.from(routes.node.subarray(r * routes.cap + 1, r * routes.cap + 1 + routes.len[r])));
    const fresh = new Routes(inst);
    fresh.load(seqs, routes.pattern);
    expect(Array.from(fresh.pattern)).toEqual(Array.from(routes.pattern));
    expect(Array.from(fresh.visitRoute)).toEqual(Array.from(routes.visitRoute));
    expect(Array.from(fresh.visitRoute).filter((r) => r < 0).length).toBeGreaterThan(0);
    expect(Array.from(fresh.routeCost)).toEqual(Array.from(routes.routeCost));
    checkIndex(fresh);
  });
});

describe('empty routes', () => {
  test('each holds its own start and end, costs nothing and has no schedule, but can fall short of a minimum load', () => {
    const inst = buildInstance({
      days: 1,
      locations: 3,
      vehicles: [[{ start: 1, end: 2, capacity: 5, minLoad: 2 }, { start: 2, capacity: 5 }]],
      customers: [],
      distance: [0, 1, 1, 1, 0, 1, 1, 1, 0],
    });
    const routes = new Routes(inst);
    expect([0, 1].map((r) => [routes.node[r * routes.cap], routes.node[r * routes.cap + 1], routes.len[r]])).toEqual([
      [1, 2, 0],
      [2, 2, 0],
    ]);
    expect([Array.from(routes.routeCost), Array.from(routes.routeTw), Array.from(routes.routeLoadViolation)]).toEqual([[0, 0], [0, 0], [2, 0]]);
    expect([routes.totalRouteCost(), routes.totalLoadViolation(), routes.missingRequired(), routes.assignmentCost()]).toEqual([0, 2, 0, 0]);
  });

  test("a route back after its shift's end carries the overrun as time warp, the return leg to its own end included", () => {
    // Locations 0..3 ten apart, a second base 4 at 50; the vehicle ends there by 45.
    const x = [0, 10, 20, 30, 50];
    const inst = buildInstance({
      days: 1,
      locations: 5,
      vehicles: [[{ start: 0, end: 4, capacity: 10, latest: 45 }]],
      customers: [{ location: 1 }, { location: 2 }, { location: 3 }],
      distance: onALine(x),
    });
    const routes = new Routes(inst);
    routes.load([[1, 2, 3]], Int32Array.from([0, 0, 0]));
    expect([routes.routeTw[0], routes.routeCost[0], routes.totalTimeWarp()]).toEqual([5, 50, 5]);
  });

  test('a required customer out counts as missing and costs nothing; an optional one costs its price', () => {
    const inst = buildInstance({
      days: 1,
      locations: 3,
      vehicles: [[{ start: 0, capacity: 5 }]],
      customers: [{ location: 1 }, { location: 2, skipCost: 11 }],
      distance: [0, 1, 1, 1, 0, 1, 1, 1, 0],
    });
    const routes = new Routes(inst);
    expect(Array.from(routes.pattern)).toEqual([-1, -1]);
    expect([routes.missingRequired(), routes.assignmentCost()]).toEqual([1, 11]);
  });
});

describe('neighbours', () => {
  test('are the k closest other customers, nearest first (no windows)', () => {
    const { inst } = randomState(generate(5, { n: 12 }), 1);
    const nb = computeNeighbours(inst, 4);
    for (let c = 0; c < inst.n; c++) {
      const d = (j: number) => inst.cost[inst.location[c] * inst.L + inst.location[j]];
      const expected = Array.from({ length: inst.n }, (_, j) => j)
        .filter((j) => j !== c)
        .sort((a, b) => d(a) - d(b))
        .slice(0, 4);
      expect(Array.from(nb.list.subarray(c * 4, c * 4 + 4)).map(d)).toEqual(expected.map(d));
    }
  });
});

describe('neighbours under time windows', () => {
  test('ranked by cost + 0.2 × least waiting + least time warp, the cheaper direction; k at most n − 1', () => {
    const { inst } = randomState(generate(6, { n: 10, window: 60, asymmetric: true }), 1);
    const { L, cost, time, service, ready, due, location } = inst;
    const one = (i: number, j: number) => {
      const [a, b] = [location[i], location[j]];
      const t = time[a * L + b];
      return cost[a * L + b] + 0.2 * Math.max(ready[b] - t - service[a] - due[a], 0) + Math.max(ready[a] + service[a] + t - due[b], 0);
    };
    const prox = (i: number, j: number) => Math.min(one(i, j), one(j, i));
    const nb = computeNeighbours(inst, 50);
    expect(nb.k).toBe(9);
    let ranked = 0;
    for (let c = 0; c < inst.n; c++) {
      expect(nb.count[c]).toBe(9);
      const got = Array.from(nb.list.subarray(c * 9, c * 9 + 9));
      expect(new Set([...got, c]).size).toBe(10);
      expect(got.map((j) => prox(c, j))).toEqual(got.map((j) => prox(c, j)).sort((a, b) => a - b));
      // The windows change the ranking from cost alone somewhere.
      const byCost = [...got].sort((a, b) => Math.min(cost[location[c] * L + location[a]], cost[location[a] * L + location[c]]) - Math.min(cost[location[c] * L + location[b]], cost[location[b] * L + location[c]]));
      if (byCost.join() !== got.join()) ranked++;
    }
    expect(ranked).toBeGreaterThan(0);
    expect(computeNeighbours(inst, 0).count.every((x) => x === 0)).toBe(true);
  });
});

describe('stop criteria and random numbers', () => {
  test('iteration and runtime budgets', () => {
    let clock = 0;
    const stop = anyOf([maxIterations(10), maxRuntime(100, () => clock)]);
    expect(stop.done(5)).toBe(false);
    clock = 50;
    expect(stop.fraction(5)).toBeCloseTo(0.5);
    clock = 100;
    expect(stop.done(6)).toBe(true);
    expect(maxIterations(10).done(10)).toBe(true);
  });

  test('a runtime budget counts from when it was set, and its progress is the share of it used', () => {
    let clock = 1000;
    const budget = maxRuntime(100, () => clock);
    clock = 1040;
    expect(budget.done(0)).toBe(false);
    expect(budget.fraction(0)).toBeCloseTo(0.4, 12);
    clock = 1100;
    expect([budget.done(0), budget.fraction(0)]).toEqual([true, 1]);
    clock = 1300;
    budget.done(0);
    expect(budget.fraction(0)).toBe(1);
  });

  test('a clock kept in iterations too: done when both are, progress the lesser', () => {
    let clock = 0;
    const stop = notBefore(maxRuntime(100, () => clock), 20);
    clock = 200;
    expect(stop.done(10)).toBe(false);
    expect(stop.fraction(10)).toBeCloseTo(0.5);
    expect(stop.done(20)).toBe(true);
    clock = 50;
    expect(stop.done(30)).toBe(false);
  });

  test("the grace on a clock lasts at least the minimum iterations when nothing feasible is found", () => {
    // Three customers, one vehicle of capacity 1: never feasible. Each clock read is a second
    // later, so the 1 ms budget and its grace are spent at once.
    const input = generate(3, { n: 3, vehiclesPerDay: 1, capacity: 1 });
    const run = (floor?: number) => {
      let t = 0;
      return solve(input, { seed: 1, timeLimitMs: 1, feasibilityGrace: 1, now: () => (t += 1000), ...(floor ? { feasibilityMinIterations: floor } : {}) });
    };
    expect(run().feasible).toBe(false);
    expect(run().iterations).toBeLessThan(5);
    expect(run(40).iterations).toBe(40);
  });

  test('seeded generator is reproducible and roughly uniform', () => {
    const a = new Random(123);
    const b = new Random(123);
    const xs = Array.from({ length: 10000 }, () => a.next());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});

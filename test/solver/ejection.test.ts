/**
 * Insertion with ejections (route minimisation): the customer goes where the ejected visits
 * weigh least, then where the route is cheapest, and the route it leaves keeps every
 * constraint. Checked against brute force over every route, position and set of ejected
 * visits, judged by the independent route walk of `checkRoutes`.
 */
import { describe, expect, test } from 'vitest';
import { CostEvaluator } from '../../src/solver/costEvaluator.ts';
import { EjectionInsertion } from '../../src/solver/ejection.ts';
import { buildInstance, type SolverInput } from '../../src/solver/instance.ts';
import { makeContext } from '../../src/solver/operators/operator.ts';
import { Random } from '../../src/solver/random.ts';
import { Routes } from '../../src/solver/routes.ts';
import { checkRoutes, generate, onALine } from './helpers.ts';

const EPS = 1e-6;

test('a shop that fits nowhere goes in where the one visit put out has been out least', () => {
  // One road: the depot at 0, shops at 10, 20 and 30 (5 minutes each); the day ends at 70.
  // All three shops bring the route back at 75, any two at 70. Putting out the shop at 10 or
  // the one at 20 lets the third in; the one at 20 has been out more often, so 10 goes. The shop at 20 closes at 25: it comes first.
  const input: SolverInput = {
    days: 1,
    locations: 4,
    vehicles: [[{ start: 0, capacity: 100, latest: 70 }]],
    customers: [
      { location: 1, service: 5 },
      { location: 2, service: 5, due: 25 },
      { location: 3, service: 5 },
    ],
    distance: onALine([0, 10, 20, 30]),
  };
  const inst = buildInstance(input);
  const R = new Routes(inst);
  R.load([[1, 2]], Int32Array.of(inst.patternStart[0], inst.patternStart[1], -1));
  const ej = new EjectionInsertion(inst.routeCapacity, 1);
  const ctx = makeContext(inst, R, new CostEvaluator(1, 1));
  expect(ej.find(ctx, 2, Int32Array.of(0, 3, 0))).toBe(true);
  const out = new Int32Array(1);
  expect(ej.apply(2, out)).toBe(1);
  expect(out[0]).toBe(0);
  expect([...R.node.subarray(1, 1 + R.len[0])]).toEqual([2, 3]);
  expect([...R.pattern]).toEqual([-1, inst.patternStart[1], inst.patternStart[2]]);
  expect(R.routeTw[0]).toBe(0);
});

test('no way in: a shop whose window closes before anyone can reach it', () => {
  const inst = buildInstance({
    days: 1,
    locations: 3,
    vehicles: [[{ start: 0, capacity: 100 }]],
    customers: [{ location: 1 }, { location: 2, due: 5 }],
    distance: onALine([0, 10, 20]),
  });
  const R = new Routes(inst);
  R.load([[1]], Int32Array.of(0, -1));
  const ej = new EjectionInsertion(inst.routeCapacity, 2);
  expect(ej.find(makeContext(inst, R, new CostEvaluator(1, 1)), 1, new Int32Array(2))).toBe(false);
});

/** Every subset of slots 1..n of size 1..k, in increasing order. */
function subsets(n: number, k: number): number[][] {
  const all: number[][] = [];
  const walk = (from: number, acc: number[]) => {
    if (acc.length > 0) all.push([...acc]);
    if (acc.length === k) return;
    for (let s = from; s <= n; s++) walk(s + 1, [...acc, s]);
  };
  walk(1, []);
  return all;
}

describe('against brute force on small random instances', () => {
  for (const maxEjected of [1, 2, 3]) {
    test(`up to ${maxEjected} ejected`, () => {
      let found = 0;
      for (let seed = 1; seed <= 30; seed++) {
        const input = generate(seed, { n: 14, vehiclesPerDay: 3, window: 120, capacity: 60, maxDuration: 600 });
        const inst = buildInstance(input);
        const rng = new Random(seed);
        // Routes as a greedy walk deals them (some late, which is fine: ejection only needs the
        // new route to keep its constraints), the last customer out.
        const n = inst.n;
        const routes: number[][] = [[], [], []];
        for (let c = 0; c < n - 1; c++) routes[rng.int(3)].push(inst.location[c]);
        const pattern = Int32Array.from({ length: n }, (_, c) => inst.patternStart[c]);
        pattern[n - 1] = -1;
        const R = new Routes(inst);
        R.load(routes, pattern);
        const weight = new Int32Array(n);
        for (let c = 0; c < n; c++) weight[c] = rng.int(4);
        const v = n - 1;
        const vLoc = inst.location[v];

        // Brute force: least weight (1 + weight per ejected visit), then the least distance of the route that results.
        let best = { w: Infinity, cost: Infinity };
        for (let r = 0; r < 3; r++) {
          const seq = routes[r];
          for (const ejected of subsets(seq.length, maxEjected)) {
            const kept = seq.filter((_, i) => !ejected.includes(i + 1));
            const w = ejected.reduce((s, p) => s + 1 + weight[inst.customerAt[seq[p - 1]]], 0);
            for (let p = 0; p <= kept.length; p++) {
              const stops = [...kept.slice(0, p), vLoc, ...kept.slice(p)];
              const check = checkRoutes(input, [{ day: 0, vehicle: r, stops }]);
              if (check.timeWarp > EPS || check.excessLoad > EPS) continue;
              if (w < best.w || (w === best.w && check.cost < best.cost - EPS)) best = { w, cost: check.cost };
            }
          }
        }

        const ej = new EjectionInsertion(inst.routeCapacity, maxEjected);
        const ok = ej.find(makeContext(inst, R, new CostEvaluator(1, 1)), v, weight);
        expect(ok, `seed ${seed}`).toBe(best.w < Infinity);
        if (!ok) continue;
        found++;
        const before = routes.map((seq) => [...seq]);
        const out = new Int32Array(maxEjected);
        const k = ej.apply(v, out);
        const after = [0, 1, 2].map((r) => [...R.node.subarray(r * R.cap + 1, r * R.cap + 1 + R.len[r])]);
        const changed = after.findIndex((seq, r) => seq.join() !== before[r].join());
        const w = [...out.subarray(0, k)].reduce((s, c) => s + 1 + weight[c], 0);
        const check = checkRoutes(input, [{ day: 0, vehicle: changed, stops: after[changed] }]);
        expect(check.timeWarp, `seed ${seed}`).toBeLessThanOrEqual(EPS);
        expect(check.excessLoad, `seed ${seed}`).toBeLessThanOrEqual(EPS);
        expect(w, `seed ${seed}`).toBe(best.w);
        expect(check.cost, `seed ${seed}`).toBeCloseTo(best.cost, 6);
        // The ejected are out, the customer in, and the other routes untouched.
        for (let i = 0; i < k; i++) expect(R.pattern[out[i]]).toBe(-1);
        expect(R.pattern[v]).toBe(inst.patternStart[v]);
        expect(after.filter((seq, r) => seq.join() !== before[r].join())).toHaveLength(1);
      }
      // The instances are tight enough that some need ejections and loose enough that most find one.
      expect(found).toBeGreaterThan(10);
    });
  }
});

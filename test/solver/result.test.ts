/**
 * `toResult` recomputes the figures of the routes it is given from the instance, and confirms
 * the search's verdict on them: a route that is late or overloaded, or a required customer
 * left out, is infeasible whatever the search said.
 */
import { describe, expect, test } from 'vitest';
import { buildInstance, type SolverInput } from '../../src/solver/instance.ts';
import { toResult } from '../../src/solver/result.ts';
import { onALine } from './helpers.ts';

/**
 * Locations 0 (base) and 1–3 on a line, 10 apart; a second base 4 far out (50 from 0).
 * Two vehicles on one day: one from 0 back to 0, one from 0 to 4.
 */
function input(over: Partial<SolverInput> = {}): SolverInput {
  const x = [0, 10, 20, 30, 50];
  const distance = onALine(x);
  return {
    days: 1,
    locations: 5,
    vehicles: [[{ start: 0, capacity: 10, latest: 100 }, { start: 0, end: 4, capacity: 10, latest: 100, fixedCost: 7 }]],
    customers: [{ location: 1, demand: 4 }, { location: 2, demand: 4, skipCost: 30 }, { location: 3, demand: 4, ready: 0, due: 100 }],
    distance,
    ...over,
  };
}
const patterns = (...p: number[]) => Int32Array.from(p);

describe('the result of a snapshot', () => {
  test('costs, distance and visit days recomputed; a skipped optional customer costs its price', () => {
    const inst = buildInstance(input());
    const r = toResult(inst, { routes: [[1], [3]], pattern: patterns(0, -1, 0) }, true, 12);
    // Route 0: 0→1→0 = 20. Route 1: 0→3→4 = 30 + 20, plus its fixed cost 7. Customer 1 skipped: 30.
    expect({ cost: r.cost, distance: r.distance, feasible: r.feasible, iterations: r.iterations }).toEqual({ cost: 20 + 50 + 7 + 30, distance: 70, feasible: true, iterations: 12 });
    expect(r.routes).toEqual([{ day: 0, vehicle: 0, stops: [1] }, { day: 0, vehicle: 1, stops: [3] }]);
    expect([r.skipped, r.visitDays]).toEqual([[1], [1, 0, 1]]);
    expect([r.timeWarp, r.loadViolation]).toEqual([0, 0]);
  });

  test("a route back after its shift's end is late by the minutes it overruns, the return leg to its own end included", () => {
    // Route 1 ends at base 4: 0→1→2→3→4 is 50 long; a shift ending at 45 is 5 late.
    const inst = buildInstance(input({ vehicles: [[{ start: 0, capacity: 20, latest: 100 }, { start: 0, end: 4, capacity: 20, latest: 45 }]] }));
    const r = toResult(inst, { routes: [[], [1, 2, 3]], pattern: patterns(0, 0, 0) }, true, 0);
    expect([r.timeWarp, r.feasible, r.distance]).toEqual([5, false, 50]);
  });

  test('an overloaded route and an empty one short of its minimum load are infeasible by their excess and shortfall', () => {
    const inst = buildInstance(input({ vehicles: [[{ start: 0, capacity: 10 }, { start: 0, capacity: 10, minLoad: 3 }]] }));
    const r = toResult(inst, { routes: [[1, 2, 3], []], pattern: patterns(0, 0, 0) }, true, 0);
    expect([r.loadViolation, r.feasible]).toEqual([2 + 3, false]);
    // The empty route is no route in the result.
    expect(r.routes.map((x) => x.vehicle)).toEqual([0]);
  });

  test('a required customer left out: infeasible, and it costs nothing (no price can pay for it)', () => {
    const inst = buildInstance(input());
    const r = toResult(inst, { routes: [[2], []], pattern: patterns(-1, 0, -1) }, true, 0);
    expect({ feasible: r.feasible, skipped: r.skipped, cost: r.cost }).toEqual({ feasible: false, skipped: [0, 2], cost: 40 });
  });

  test("the search's own verdict stands when it says infeasible", () => {
    const inst = buildInstance(input());
    expect(toResult(inst, { routes: [[1, 2, 3], []], pattern: patterns(0, 0, 0) }, false, 0).feasible).toBe(false);
  });

  test('pattern costs are added; a band is judged on this solution’s own mean load', () => {
    const withCosts = input({ days: 2, vehicles: [[{ start: 0, capacity: 10 }], [{ start: 0, capacity: 10 }]], customers: [{ location: 1, demand: 4, patterns: [1, 2], patternCosts: [0, 9] }] });
    expect(toResult(buildInstance(withCosts), { routes: [[], [1]], pattern: patterns(1) }, true, 0).cost).toBe(20 + 9);
    // Two routes, loads 8 and 4: mean 6, ±20% is 4.8..7.2, so 8 is 0.8 over and 4 is 0.8 short.
    const banded = buildInstance(input({ vehicles: [[{ start: 0, capacity: 10 }, { start: 0, capacity: 10 }]], loadBand: { share: 0.2 } }));
    const r = toResult(banded, { routes: [[1, 2], [3]], pattern: patterns(0, 0, 0) }, true, 0);
    expect(r.loadViolation).toBeCloseTo(1.6, 9);
    expect(r.feasible).toBe(false);
  });
});

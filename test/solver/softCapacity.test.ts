import { describe, expect, test } from 'vitest';
import { solve, type SolverInput } from '../../src/solver/index.ts';

/**
 * Four customers at 10, 11, 12, 13 on a line from the depot at 0, that may go on either of
 * two days, one vehicle a day with capacity 2 (each customer has demand 1). One trip serves
 * all four for 10 + 3 + 13 = 26; two trips cost (10 + 1 + 11) + (12 + 1 + 13) = 48.
 */
function fourOnALine(price?: number): SolverInput {
  const xs = [0, 10, 11, 12, 13];
  const d = xs.flatMap((a) => xs.map((b) => Math.abs(a - b)));
  return {
    days: 2,
    locations: 5,
    vehicles: [[{ start: 0, capacity: 2 }], [{ start: 0, capacity: 2 }]],
    customers: [1, 2, 3, 4].map((location) => ({ location, demand: 1, patterns: [1, 2] })),
    distance: d,
    ...(price === undefined ? {} : { softCapacityPrice: price }),
  };
}

describe('soft capacity', () => {
  test('hard capacity splits the customers over the two days', () => {
    const r = solve(fourOnALine(), { seed: 1, maxIterations: 200 });
    expect(r.feasible).toBe(true);
    expect(r.routes.map((x) => x.stops.length).sort()).toEqual([2, 2]);
    expect(r.cost).toBeCloseTo(48, 9);
  });

  test('a low price for load above capacity keeps one trip, feasible, and the excess priced in', () => {
    // Two units over capacity at 1 each: 26 + 2 = 28 < 48.
    const r = solve(fourOnALine(1), { seed: 1, maxIterations: 200 });
    expect(r.feasible).toBe(true);
    expect(r.routes).toHaveLength(1);
    expect(r.excessLoad).toBe(2);
    expect(r.cost).toBeCloseTo(28, 9);
  });

  test('a high price balances the days, as hard capacity would', () => {
    // Two units over at 30 each: 26 + 60 = 86 > 48. (At 20 no single move pays: moving one
    // customer saves 20 of excess and 2 of driving but costs a 24 trip.)
    const r = solve(fourOnALine(30), { seed: 1, maxIterations: 200 });
    expect(r.routes.map((x) => x.stops.length).sort()).toEqual([2, 2]);
    expect(r.excessLoad).toBe(0);
    expect(r.cost).toBeCloseTo(48, 9);
  });

  test('a price that is not a positive number is refused', () => {
    expect(() => solve(fourOnALine(0))).toThrow('softCapacityPrice must be a positive number, got 0');
  });
});

/** The test checker itself: a route's least duration against maxDuration, by hand. */
import { describe, expect, test } from 'vitest';
import type { SolverInput } from '../../src/solver/index.ts';
import { solve } from '../../src/solver/index.ts';
import { checkRoutes, generate } from './helpers.ts';

/** Depot 0 and three shops on a line 10 apart (0 → 1 → 2 → 3 → 0 drives 60), 10 minutes each. */
function line(maxDuration: number, firstReady?: number, firstDue?: number): SolverInput {
  const x = [0, 10, 20, 30];
  const distance = new Float64Array(16);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) distance[i * 4 + j] = Math.abs(x[i] - x[j]);
  return {
    days: 1,
    locations: 4,
    vehicles: [[{ start: 0, capacity: 100, earliest: 0, latest: 1000, maxDuration }]],
    customers: [1, 2, 3].map((location) => ({ location, service: 10, demand: 1, patterns: [1], ...(location === 1 ? { ready: firstReady, due: firstDue } : {}) })),
    distance,
  };
}
const route = [{ day: 0, vehicle: 0, stops: [1, 2, 3] }];

describe('checkRoutes and maxDuration', () => {
  test('90 minutes out (60 driving, 30 visiting): within 90, 15 over a limit of 75', () => {
    expect(checkRoutes(line(90), route).timeWarp).toBe(0);
    expect(checkRoutes(line(75), route).timeWarp).toBe(15);
  });

  test('waiting for the first shop is not duration when leaving later avoids it', () => {
    // Opens at 100: leaving at 90 instead of 0 keeps the route 90 long.
    expect(checkRoutes(line(90, 100), route).timeWarp).toBe(0);
  });

  test('unless a window downstream forbids the later departure', () => {
    // Leaving at 0 at the latest: 90 minutes of waiting at the first shop, back at 180.
    const input = line(90, 100);
    input.vehicles[0][0].latestStart = 0;
    expect(checkRoutes(input, route).timeWarp).toBe(90);
    // Leaving at 40 at the latest: 50 minutes' wait left, 140 out, 50 over.
    input.vehicles[0][0].latestStart = 40;
    expect(checkRoutes(input, route).timeWarp).toBe(50);
  });

  test('the solver keeps a tight maxDuration, as the checker recomputes it', () => {
    const input = generate(11, { n: 14, vehiclesPerDay: 4, window: 300, capacity: 70, maxDuration: 420 });
    const result = solve(input, { seed: 2, maxIterations: 200 });
    expect(result.feasible).toBe(true);
    expect(checkRoutes(input, result.routes).timeWarp).toBeLessThan(1e-6);
  });
});

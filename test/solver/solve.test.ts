import { describe, expect, test } from 'vitest';
import { solve } from '../../src/solver/index.ts';
import { checkRoutes, generate } from './helpers.ts';

describe('solve', () => {
  test('returns feasible VRPTW routes whose cost recomputes independently', () => {
    for (const seed of [1, 2, 3]) {
      const input = generate(seed, { n: 25, vehiclesPerDay: 6, window: 250, capacity: 80 });
      const result = solve(input, { seed, maxIterations: 150 });
      expect(result.feasible).toBe(true);
      const check = checkRoutes(input, result.routes);
      expect(check.timeWarp).toBeLessThan(1e-6);
      expect(check.excessLoad).toBe(0);
      expect(result.cost).toBeCloseTo(check.cost, 6);
      expect(result.distance).toBeCloseTo(check.distance, 6);
      const visited = result.routes.flatMap((r) => r.stops).sort((a, b) => a - b);
      expect(visited).toEqual(input.customers.map((c) => c.location));
      expect(result.skipped).toEqual([]);
    }
  });

  test('handles asymmetric costs, fixed costs and vehicles that end elsewhere', () => {
    const input = generate(9, { n: 20, vehiclesPerDay: 4, window: 400, capacity: 120, asymmetric: true, mixedFleet: true });
    const result = solve(input, { seed: 4, maxIterations: 150 });
    expect(result.feasible).toBe(true);
    const check = checkRoutes(input, result.routes);
    expect(check.timeWarp).toBeLessThan(1e-6);
    expect(result.cost).toBeCloseTo(check.cost, 6);
  });

  test('is deterministic for a seed and an iteration budget', () => {
    const input = generate(5, { n: 30, days: 3, vehiclesPerDay: 2, window: 400, capacity: 100, periodic: true });
    const a = solve(input, { seed: 42, maxIterations: 80 });
    const b = solve(input, { seed: 42, maxIterations: 80 });
    expect(b.routes).toEqual(a.routes);
    expect(b.cost).toBe(a.cost);
    expect(b.iterations).toBe(80);
  });

  test('progress: a report at the start, at each better plan and every 200 rounds; the last best is what comes back', () => {
    const input = generate(3, { n: 30, vehiclesPerDay: 4, window: 300, capacity: 120 });
    const reports: { iteration: number; bestCost: number; feasible: boolean; fraction: number }[] = [];
    const result = solve(input, { seed: 7, maxIterations: 400, onProgress: (p) => reports.push({ ...p }) });
    expect(reports[0]).toMatchObject({ iteration: 0, fraction: 0 });
    // On an iteration budget, the share used is exactly the rounds over the budget.
    expect(reports.every((r) => r.fraction === r.iteration / 400)).toBe(true);
    expect(reports.filter((r) => r.iteration % 200 === 0 && r.iteration > 0).map((r) => r.iteration)).toEqual(expect.arrayContaining([200, 400]));
    const feasible = reports.filter((r) => r.feasible);
    expect(feasible.length).toBeGreaterThan(2);
    // A report between the 200s is a better plan: strictly cheaper than the one before it.
    const betweens = reports.filter((r) => r.iteration % 200 !== 0);
    expect(betweens.length).toBeGreaterThan(0);
    for (const r of betweens) expect(r.bestCost).toBeLessThan(reports[reports.indexOf(r) - 1].bestCost);
    // Only a feasible plan is ever reported as the best.
    for (const r of betweens) expect(r.feasible).toBe(true);
    expect(feasible.every((r, i) => i === 0 || r.bestCost <= feasible[i - 1].bestCost)).toBe(true);
    expect(result.cost).toBeCloseTo(feasible[feasible.length - 1].bestCost, 9);
    expect(reports.every((r) => r.iteration <= result.iterations)).toBe(true);
  });

  // The penalised search finds nothing feasible here; route minimisation does, and reports it.
  test('progress: a report is feasible exactly when it has a best cost, also when route minimisation finds the plan', () => {
    const reports: { bestCost: number; feasible: boolean }[] = [];
    const result = solve(generate(48, { n: 60, days: 3, vehiclesPerDay: 4, window: 150, capacity: 80 }), {
      seed: 48,
      maxIterations: 150,
      onProgress: (p) => reports.push({ bestCost: p.bestCost, feasible: p.feasible }),
    });
    expect(result.feasible).toBe(true);
    expect(reports.some((r) => r.bestCost < Infinity)).toBe(true);
    for (const r of reports) expect(r.feasible).toBe(r.bestCost < Infinity);
    expect(result.cost).toBeCloseTo(reports.findLast((r) => r.feasible)!.bestCost, 9);
  });

  // Tight windows and loads: the search goes on meeting infeasible states after its first
  // feasible one, some less violating than any before it. They must not displace the best.
  test.each([
    [12, { n: 25, vehiclesPerDay: 4, window: 100, capacity: 80 }],
    [13, { n: 20, vehiclesPerDay: 3, window: 120, capacity: 70 }],
    [26, { n: 20, vehiclesPerDay: 3, window: 120, capacity: 70 }],
  ] as const)('seed %i: what comes back is the best feasible plan reported, whatever was met after it', (seed, gen) => {
    let best = Infinity;
    const result = solve(generate(seed, gen), { seed, maxIterations: 200, onProgress: (p) => p.feasible && (best = p.bestCost) });
    expect(best).toBeLessThan(Infinity);
    expect(result.feasible).toBe(true);
    expect(result.cost).toBeCloseTo(best, 9);
  });

  test('periodic: every customer is visited on exactly the days of one allowed pattern', () => {
    const input = generate(6, { n: 30, days: 4, vehiclesPerDay: 2, window: 500, capacity: 150, periodic: true });
    const result = solve(input, { seed: 3, maxIterations: 150 });
    expect(result.feasible).toBe(true);
    const days = new Map<number, number>();
    for (const r of result.routes) {
      for (const loc of r.stops) {
        const mask = days.get(loc) ?? 0;
        expect(mask & (1 << r.day)).toBe(0); // at most once a day
        days.set(loc, mask | (1 << r.day));
      }
    }
    input.customers.forEach((c, i) => {
      expect(c.patterns).toContain(days.get(c.location));
      expect(result.visitDays[i]).toBe(days.get(c.location));
    });
  });

  test('skips customers whose skip cost is cheaper than visiting them', () => {
    const input = generate(7, { n: 12, vehiclesPerDay: 2, capacity: 1000 });
    input.customers[0].skipCost = 0.5; // far cheaper than any detour
    input.customers[1].skipCost = 1e6;
    const result = solve(input, { seed: 1, maxIterations: 50 });
    expect(result.skipped).toEqual([0]);
    const check = checkRoutes(input, result.routes);
    expect(result.cost).toBeCloseTo(check.cost + 0.5, 6);
    expect(result.feasible).toBe(true);
  });

  test('a day without vehicles takes no visits', () => {
    const input = generate(8, { n: 15, days: 2, vehiclesPerDay: 3, capacity: 200, periodic: true });
    input.vehicles[1] = [];
    input.customers.forEach((c) => (c.patterns = [1, 2]));
    const result = solve(input, { seed: 1, maxIterations: 30 });
    expect(result.feasible).toBe(true);
    expect(result.routes.every((r) => r.day === 0)).toBe(true);
  });

  test('reports infeasible when the fleet cannot carry the demand', () => {
    const input = generate(10, { n: 10, vehiclesPerDay: 1, capacity: 20 });
    const result = solve(input, { seed: 1, maxIterations: 20 });
    expect(result.feasible).toBe(false);
    expect(result.loadViolation).toBeGreaterThan(0);
  });

  test('stops when asked', () => {
    const input = generate(11, { n: 20, vehiclesPerDay: 3 });
    let calls = 0;
    const result = solve(input, { seed: 1, maxIterations: 1000, shouldStop: () => ++calls > 5 });
    expect(result.iterations).toBeLessThan(10);
  });

  test('rejects malformed input with a clear message', () => {
    const input = generate(12, { n: 5 });
    expect(() => solve({ ...input, distance: [1, 2, 3] }, {})).toThrow(/distance matrix has 3 entries, expected 6×6/);
  });
});

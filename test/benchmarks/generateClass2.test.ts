import { describe, expect, test } from 'vitest';
import { checkSolution } from '../../checks/feasibility.ts';
import { generateClass2, type Class2Kind } from '../../src/benchmarks/generateClass2.ts';

describe.each(['c2', 'r2', 'rc2'] as Class2Kind[])('generated %s instance with a planted solution', (kind) => {
  const { problem, planted } = generateClass2({ kind, customers: 1000, seed: 3 });
  const routes = planted.map((stops, v) => ({ day: 1, vehicle: v + 1, stops }));

  test('the planted routes are feasible at the instance fleet, by the independent checker, and visit every customer once', () => {
    const check = checkSolution(problem, { routes });
    expect(check.violations).toEqual([]);
    expect(routes).toHaveLength(problem.vehiclesPerDay);
    expect(planted.flat().sort((a, b) => a - b)).toEqual(problem.customers.map((c) => c.id));
  });

  test('the fleet is close to tight: the capacity alone needs at least four fifths of it', () => {
    const demand = problem.customers.reduce((s, c) => s + c.demand, 0);
    expect(Math.ceil(demand / problem.dayLimits[0].capacity)).toBeGreaterThanOrEqual(Math.ceil(0.8 * problem.vehiclesPerDay));
  });

  test('the same seed gives the same instance; another seed another', () => {
    expect(generateClass2({ kind, customers: 1000, seed: 3 })).toEqual({ problem, planted });
    expect(generateClass2({ kind, customers: 1000, seed: 4 }).problem.customers).not.toEqual(problem.customers);
  });
});

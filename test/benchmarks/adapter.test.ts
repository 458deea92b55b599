import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BENCHMARKS_DIR } from '../../src/benchmarks/catalog.ts';
import { loadInstance } from '../../src/benchmarks/load.ts';
import { toSolverInput } from '../../src/benchmarks/toSolverInput.ts';
import { fromSolverResult } from '../../src/benchmarks/fromSolverResult.ts';
import { generateR1, toSolomonText } from '../../src/benchmarks/generate.ts';
import { parseSolomon } from '../../src/benchmarks/solomon.ts';
import { formatSummary, formatTable, gapPct, summarize, type InstanceRecord } from '../../src/benchmarks/report.ts';

describe('toSolverInput', () => {
  test('c101: depot at 0, customers from 1, Euclidean doubles, one day of 25 vehicles', () => {
    const input = toSolverInput(loadInstance(join(BENCHMARKS_DIR, 'solomon/c101.txt')));
    expect(input.days).toBe(1);
    expect(input.locations).toBe(101);
    expect(input.distance[1]).toBe(Math.hypot(45 - 40, 68 - 50)); // depot (40,50) → customer 1 (45,68)
    expect(input.distance[1 * 101 + 0]).toBe(input.distance[1]);
    expect(input.duration).toBeUndefined(); // time = cost = distance
    expect(input.vehicles).toHaveLength(1);
    expect(input.vehicles[0]).toHaveLength(25);
    expect(input.vehicles[0][0]).toEqual({ start: 0, capacity: 200, earliest: 0, latest: 1236, maxDuration: undefined });
    expect(input.customers[0]).toEqual({ location: 1, service: 90, ready: 912, due: 967, demand: 10, patterns: [1] });
  });

  test('the fleet cap applies to every day', () => {
    const input = toSolverInput(loadInstance(join(BENCHMARKS_DIR, 'pvrptw/pr01')), { maxVehiclesPerDay: 2 });
    expect(input.vehicles.map((d) => d.length)).toEqual([2, 2, 2, 2]);
    expect(input.vehicles[3][1]).toEqual({ start: 0, capacity: 200, earliest: 0, latest: 1000, maxDuration: 500 });
    expect(input.customers[0].patterns).toEqual([15]);
  });

  test('p01 without the dummy: 51 locations', () => {
    const input = toSolverInput(loadInstance(join(BENCHMARKS_DIR, 'pvrp/p01')));
    expect(input.locations).toBe(51);
    expect(input.vehicles[0][0].latest).toBe(Infinity);
  });
});

describe('fromSolverResult', () => {
  test('maps locations to file ids, numbers from 1, drops empty routes, counts vehicles', () => {
    const problem = loadInstance(join(BENCHMARKS_DIR, 'pvrp/p01'));
    const sol = fromSolverResult(problem, {
      cost: 12.5,
      routes: [
        { day: 1, vehicle: 0, stops: [3, 1] },
        { day: 0, vehicle: 2, stops: [] },
        { day: 0, vehicle: 1, stops: Int32Array.from([50]) },
      ],
    });
    expect(sol).toEqual({
      instance: 'p01', cost: 12.5, vehicles: 2,
      routes: [{ day: 1, vehicle: 2, stops: [50] }, { day: 2, vehicle: 1, stops: [3, 1] }],
    });
    expect(() => fromSolverResult(problem, { cost: 0, routes: [{ day: 0, vehicle: 0, stops: [51] }] }))
      .toThrow('solver route day 1 vehicle 1: location 51 is not a customer');
  });
});

describe('generator', () => {
  test('seeded R1-like instance round-trips through the Solomon format', () => {
    const a = generateR1({ customers: 1000, seed: 7 });
    expect(generateR1({ customers: 1000, seed: 7 })).toEqual(a);
    expect(a.customers).toHaveLength(1000);
    expect(a.depot).toMatchObject({ x: 157, y: 157, due: 1417 }); // side round(140·√5) = 313, horizon round(634·313/140)
    for (const c of a.customers) {
      const d = Math.hypot(c.x - a.depot.x, c.y - a.depot.y);
      expect(c.ready).toBeGreaterThanOrEqual(d - 1);
      expect(c.due + c.service + d).toBeLessThanOrEqual(a.depot.due + 1e-9); // an out-and-back trip fits
    }
    expect(parseSolomon(toSolomonText(a))).toEqual(a);
  });
});

describe('report', () => {
  const rec = (instance: string, feasible: boolean, gap: number | null, timeS: number): InstanceRecord => ({
    family: 'solomon', instance, customers: 100, bks: 100, bksVehicles: 3, reference: null, fleetCap: 3,
    distance: 100, feasible, solverFeasible: feasible, violations: [], routes: 3, iterations: 1, timeS,
    gapPct: gap, referenceGapPct: null,
  });

  test('gap and family means count feasible instances only', () => {
    expect(gapPct(103, 100)).toBeCloseTo(3, 12);
    expect(gapPct(103, null)).toBeNull();
    const s = summarize('solomon', [rec('a', true, 1, 2), rec('b', true, 3, 2), rec('c', false, 50, 5)]);
    expect(s).toEqual({ family: 'solomon', instances: 3, feasible: 2, meanGapPct: 2, meanReferenceGapPct: null, meanTimeS: 3 });
    expect(formatSummary(s)).toBe('solomon: 2/3 feasible, mean gap 2.00 %, mean time 3.0 s');
  });
});

describe('report without a BKS', () => {
  test('says so instead of a gap', () => {
    expect(formatSummary({ family: 'pvrptw', instances: 2, feasible: 2, meanGapPct: null, meanReferenceGapPct: null, meanTimeS: 60 }))
      .toBe('pvrptw: 2/2 feasible, no gap (no BKS or nothing feasible), mean time 60.0 s');
  });
});

describe('table', () => {
  test('a gap that rounds to zero prints without a sign', () => {
    const r: InstanceRecord = {
      family: 'solomon', instance: 'c101', customers: 100, bks: 828.94, bksVehicles: 10, reference: null, fleetCap: 10,
      distance: 828.9368669, feasible: true, solverFeasible: true, violations: [], routes: 10, iterations: 5, timeS: 2,
      gapPct: gapPct(828.9368669, 828.94), referenceGapPct: null,
    };
    expect(formatTable([r]).split('\n')[1]).toBe('c101      100  828.94   10    828.94   0.00          —       yes      10      5     2.0');
  });
});

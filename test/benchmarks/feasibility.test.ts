import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { BENCHMARKS_DIR } from '../../src/benchmarks/catalog.ts';
import { loadBks, loadInstance } from '../../src/benchmarks/load.ts';
import { parseCordeau } from '../../src/benchmarks/cordeau.ts';
import type { BenchmarkProblem } from '../../src/benchmarks/problem.ts';
import type { SolutionRoute } from '../../src/benchmarks/solution.ts';
import { checkSolution } from '../../checks/feasibility.ts';
import { parseCordeauSolution, parseSintefSolution } from '../support/published.ts';

const SOLOMON = join(BENCHMARKS_DIR, 'solomon');
const PVRP = join(BENCHMARKS_DIR, 'pvrp');

describe('published solutions are feasible', () => {
  const details: Record<string, string>[] = parse(readFileSync(join(SOLOMON, 'bks_solomon_details.csv'), 'utf8'), { columns: true });
  const withRoutes = details.filter((r) => r.solution_file);

  test('49 SINTEF Solomon solutions: feasible on the BKS fleet, distance = BKS', () => {
    expect(withRoutes).toHaveLength(49);
    const bks = loadBks(join(SOLOMON, 'bks_solomon.csv'));
    for (const row of withRoutes) {
      const problem = loadInstance(join(SOLOMON, `${row.instance}.txt`));
      const routes = parseSintefSolution(readFileSync(join(SOLOMON, row.solution_file), 'utf8'));
      const vehicles = Number(row.vehicles);
      const r = checkSolution(problem, { routes }, { maxVehiclesPerDay: vehicles });
      expect(r.violations, row.instance).toEqual([]);
      expect(r.routes, row.instance).toHaveLength(vehicles);
      // Details carry 4 decimals: within 1e-6 relative; the table's 2 decimals exactly.
      expect(Math.abs(r.distance - Number(row.distance_4dp)) / r.distance, row.instance).toBeLessThan(1e-6);
      expect(Math.round(r.distance * 100) / 100, row.instance).toBe(bks.get(row.instance)?.distance);
    }
  });

  test('42 Cordeau 1997 PVRP solutions: feasible, cost, durations and loads as published', () => {
    const files = readdirSync(join(PVRP, 'solutions_cordeau1997')).filter((f) => f.endsWith('.res'));
    expect(files).toHaveLength(42);
    const table = loadBks(join(PVRP, 'cordeau1997_solutions_pvrp.csv'));
    for (const file of files) {
      const name = file.replace('.res', '');
      const problem = loadInstance(join(PVRP, name));
      const published = parseCordeauSolution(readFileSync(join(PVRP, 'solutions_cordeau1997', file), 'utf8'));
      const r = checkSolution(problem, published);
      expect(r.violations, name).toEqual([]);
      expect(Math.abs(r.distance - published.cost), name).toBeLessThan(0.006); // cost has 2 decimals
      expect(published.cost, name).toBe(table.get(name)?.distance);
      const nonEmpty = published.routes.filter((x) => x.stops.length > 0);
      nonEmpty.forEach((route, i) => {
        expect(Math.abs(r.routes[i].duration - route.duration), `${name} ${route.day}/${route.vehicle}`).toBeLessThan(0.01);
        expect(r.routes[i].load, `${name} ${route.day}/${route.vehicle}`).toBe(route.load);
      });
    }
  });
});

describe('mutated published solutions are rejected', () => {
  const c101 = loadInstance(join(SOLOMON, 'c101.txt'));
  const sintef = () => parseSintefSolution(readFileSync(join(SOLOMON, 'sintef_solutions/c101.txt'), 'utf8'));

  test('a missing customer', () => {
    const routes = sintef();
    routes[8].stops = routes[8].stops.filter((id) => id !== 75);
    expect(checkSolution(c101, { routes }).violations).toEqual(['customer 75 is not visited']);
  });

  test('a duplicate and an unknown id', () => {
    const routes = sintef();
    routes[8].stops.push(101);
    routes[0].stops.push(100);
    const r = checkSolution(c101, { routes });
    expect(r.feasible).toBe(false);
    expect(r.violations).toContain('day 1 vehicle 9: unknown customer 101');
    expect(r.violations).toContain('customer 100 is visited 2 times on day 1');
  });

  test('more routes than the capped fleet', () => {
    const r = checkSolution(c101, { routes: sintef() }, { maxVehiclesPerDay: 9 });
    expect(r.violations).toEqual(['day 1 vehicle 10: vehicle outside the fleet of 9', 'day 1: 10 routes for a fleet of 9']);
  });

  test('p01: keeping the dummy node 51 makes the reference solution incomplete', () => {
    const text = readFileSync(join(PVRP, 'p01'), 'utf8');
    const published = parseCordeauSolution(readFileSync(join(PVRP, 'solutions_cordeau1997/p01.res'), 'utf8'));
    const kept = parseCordeau(text, 'p01', { keepDepotDummy: true });
    expect(checkSolution(kept, published).violations).toEqual(['customer 51 is not visited']);
    // Routing it alone costs no distance but a vehicle on day 1.
    const withDummy = [...published.routes, { day: 1, vehicle: 3, stops: [51] }];
    expect(checkSolution(kept, { routes: withDummy })).toMatchObject({ feasible: true, violations: [] });
  });
});

describe('hand-made instance', () => {
  // depot (0,0) open [0,100]; 2 days, 2 vehicles; day 1 no duration cap, day 2 at most 30.
  const tiny = (changes: Partial<BenchmarkProblem> = {}): BenchmarkProblem => ({
    name: 'tiny', format: 'cordeau', type: 5, days: 2, vehiclesPerDay: 2, hasTimeWindows: true,
    dayLimits: [{ capacity: 10, maxDuration: Infinity }, { capacity: 10, maxDuration: 30 }],
    depot: { id: 0, x: 0, y: 0, ready: 0, due: 100 },
    customers: [
      { id: 1, x: 3, y: 4, demand: 4, service: 2, ready: 10, due: 20, frequency: 1, declaredFrequency: 1, patterns: [1, 2] },
      { id: 2, x: 6, y: 8, demand: 5, service: 1, ready: 0, due: 15, frequency: 2, declaredFrequency: 2, patterns: [3] },
      { id: 3, x: 0, y: 5, demand: 3, service: 0, ready: 0, due: 100, frequency: 1, declaredFrequency: 1, patterns: [1] },
      { id: 4, x: 40, y: 0, demand: 1, service: 0, ready: 0, due: 100, frequency: 1, declaredFrequency: 1, patterns: [1, 2] },
    ],
    dropped: [], notes: [], ...changes,
  });
  const r = (day: number, vehicle: number, stops: number[]): SolutionRoute => ({ day, vehicle, stops });
  // Day 1: 0→2 (10, serve 10–11) →1 (16, serve 16–18) →0 (23); 0→3 (5) →4 (5+√1625) →0 (+40).
  const good = [r(1, 1, [2, 1]), r(1, 2, [3, 4]), r(2, 1, [2])];

  test('the baseline is feasible, distances by hand', () => {
    const res = checkSolution(tiny(), { routes: good });
    expect(res.violations).toEqual([]);
    expect(res.distance).toBeCloseTo(20 + 5 + Math.sqrt(1625) + 40 + 20, 12);
    expect(res.routes.map((x) => x.duration)).toEqual([23, 5 + Math.sqrt(1625) + 40, 21]);
  });

  test('service after the due time', () => {
    // 0→1 at 5, wait to 10, serve to 12, →2 at 17 > 15
    const res = checkSolution(tiny(), { routes: [r(1, 1, [1, 2]), r(1, 2, [3, 4]), r(2, 1, [2])] });
    expect(res.violations).toEqual(['day 1 vehicle 1: customer 2 starts service at 17, after its due time 15']);
  });

  test('capacity', () => {
    const res = checkSolution(tiny(), { routes: [r(1, 1, [2, 1, 3]), r(1, 2, [4]), r(2, 1, [2])] });
    expect(res.violations).toEqual(['day 1 vehicle 1: load 12 exceeds the capacity 10']);
  });

  test('horizon', () => {
    const res = checkSolution(tiny({ depot: { id: 0, x: 0, y: 0, ready: 0, due: 80 } }), { routes: good });
    expect(res.violations).toEqual(['day 1 vehicle 2: returns to the depot at 85.31, after the horizon 80']);
  });

  test('duration counts waiting only when a later departure cannot remove it', () => {
    // 0→1 arrives 5, waits 5; leaving at 5 instead makes the route 5 + 2 + 5 = 12, not 17.
    const solo = (maxDuration: number) =>
      tiny({ days: 1, dayLimits: [{ capacity: 10, maxDuration }], customers: [tiny().customers[0]] });
    const routes = [r(1, 1, [1])];
    expect(checkSolution(solo(12), { routes }).violations).toEqual([]);
    expect(checkSolution(solo(11.5), { routes }).violations).toEqual(['day 1 vehicle 1: duration 12 exceeds the maximum 11.50']);
    // 0→1 (5, wait to 10, leave 12) →B (17, wait to 30) →0 (40): 18 waiting, but 1 closes
    // at 20, so departure moves by 15 at most: 40 − 15 = 25.
    const b = { id: 9, x: 6, y: 8, demand: 0, service: 0, ready: 30, due: 31, frequency: 1, declaredFrequency: 1, patterns: [1] };
    const pair = tiny({ days: 1, dayLimits: [{ capacity: 10, maxDuration: 24.99 }], customers: [tiny().customers[0], b] });
    expect(checkSolution(pair, { routes: [r(1, 1, [1, 9])] }).violations).toEqual(['day 1 vehicle 1: duration 25 exceeds the maximum 24.99']);
    // 0→2 (10, serve to 11) →4 (11 + √1220) →0 (+40) = 85.93 on day 2, cap 30
    const long = checkSolution(tiny(), { routes: [r(1, 1, [2, 1]), r(1, 2, [3]), r(2, 1, [2, 4])] });
    expect(long.violations).toEqual(['day 2 vehicle 1: duration 85.93 exceeds the maximum 30']);
  });

  test('visit patterns', () => {
    const once = checkSolution(tiny(), { routes: [r(1, 1, [2, 1]), r(1, 2, [3, 4])] });
    expect(once.violations).toEqual(['customer 2 is visited on day(s) 1; allowed: 1+2']);
    const twice = checkSolution(tiny(), { routes: [r(1, 1, [2, 1]), r(1, 2, [3, 4]), r(2, 1, [2, 1])] });
    expect(twice.violations).toEqual(['customer 1 is visited on day(s) 1, 2; allowed: 1, 2']);
  });

  test('fleet, vehicle numbers and days', () => {
    expect(checkSolution(tiny(), { routes: good }, { maxVehiclesPerDay: 1 }).violations)
      .toEqual(['day 1 vehicle 2: vehicle outside the fleet of 1', 'day 1: 2 routes for a fleet of 1']);
    expect(checkSolution(tiny(), { routes: [r(1, 1, [2, 1]), r(1, 1, [3, 4]), r(2, 1, [2])] }).violations)
      .toEqual(['day 1 vehicle 1: used by 2 routes']);
    const day3 = checkSolution(tiny(), { routes: [r(1, 1, [2, 1]), r(1, 2, [3]), r(2, 1, [2]), r(3, 1, [4])] });
    expect(day3.violations).toEqual(['day 3 vehicle 1: day outside 1..2', 'customer 4 is visited on day(s) 3; allowed: 1, 2']);
  });

  test('empty routes are ignored', () => {
    expect(checkSolution(tiny(), { routes: [...good, r(2, 2, [])] }).feasible).toBe(true);
  });
});

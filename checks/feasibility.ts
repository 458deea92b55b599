/**
 * Independent feasibility checker for benchmark solutions. It reads only the problem
 * as parsed from the file and the solution JSON, and recomputes everything itself;
 * it must never import src/solver, so that a solver bug cannot hide behind a shared one.
 */
import type { BenchmarkCustomer, BenchmarkProblem } from '../src/benchmarks/problem.ts';
import type { SolutionRoute } from '../src/benchmarks/solution.ts';

export interface CheckOptions {
  /** Cap on the routes per day below the instance's fleet (e.g. the BKS vehicles). */
  maxVehiclesPerDay?: number;
}

export interface RouteFigures {
  day: number;
  vehicle: number;
  distance: number;
  /** Shortest duration: departure delayed as far as it removes waiting. */
  duration: number;
  load: number;
}

export interface CheckResult {
  feasible: boolean;
  distance: number;
  violations: string[];
  routes: RouteFigures[];
}

/** Slack for double-precision sums of Euclidean legs. */
const EPS = 1e-6;

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

interface Point { x: number; y: number }
const euclid = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

export function checkSolution(
  problem: BenchmarkProblem,
  solution: { routes: SolutionRoute[] },
  options: CheckOptions = {},
): CheckResult {
  const violations: string[] = [];
  const byId = new Map(problem.customers.map((c) => [c.id, c]));
  const fleet = Math.min(problem.vehiclesPerDay, options.maxVehiclesPerDay ?? Infinity);
  const visitDays = new Map<number, number[]>();
  const routes: RouteFigures[] = [];
  const used = new Map<string, number>();
  const routesPerDay = new Map<number, number>();
  let total = 0;

  for (const route of solution.routes) {
    if (route.stops.length === 0) continue; // an empty route uses no vehicle
    const { day, vehicle } = route;
    const at = `day ${day} vehicle ${vehicle}`;
    if (!Number.isInteger(day) || day < 1 || day > problem.days) {
      violations.push(`${at}: day outside 1..${problem.days}`);
    }
    if (!Number.isInteger(vehicle) || vehicle < 1 || vehicle > fleet) {
      violations.push(`${at}: vehicle outside the fleet of ${fleet}`);
    }
    const key = `${day}/${vehicle}`;
    used.set(key, (used.get(key) ?? 0) + 1);
    routesPerDay.set(day, (routesPerDay.get(day) ?? 0) + 1);

    const stops: BenchmarkCustomer[] = [];
    for (const id of route.stops) {
      const c = byId.get(id);
      if (!c) {
        violations.push(`${at}: unknown customer ${id}`);
        continue;
      }
      stops.push(c);
      const days = visitDays.get(id) ?? [];
      days.push(day);
      visitDays.set(id, days);
    }
    const figures = walkRoute(problem, stops, day, at, violations);
    routes.push({ day, vehicle, ...figures });
    total += figures.distance;
  }

  for (const [key, n] of used) {
    if (n > 1) violations.push(`day ${key.split('/')[0]} vehicle ${key.split('/')[1]}: used by ${n} routes`);
  }
  for (const [day, n] of [...routesPerDay].sort((a, b) => a[0] - b[0])) {
    if (n > fleet) violations.push(`day ${day}: ${n} routes for a fleet of ${fleet}`);
  }
  for (const c of problem.customers) checkVisits(c, visitDays.get(c.id) ?? [], violations);

  return { feasible: violations.length === 0, distance: total, violations, routes };
}

/** Time windows, horizon, capacity and duration of one route; returns its figures. */
function walkRoute(
  problem: BenchmarkProblem,
  stops: BenchmarkCustomer[],
  day: number,
  at: string,
  violations: string[],
): Omit<RouteFigures, 'day' | 'vehicle'> {
  const { depot } = problem;
  const limits = problem.dayLimits[day - 1] ?? problem.dayLimits[0];
  const start = depot.ready;
  let time = start;
  let prev: Point = depot;
  let distance = 0;
  let load = 0;
  let waiting = 0;
  // Forward time slack at the depot (Savelsbergh): how far departure can be delayed
  // without any service starting after its due time.
  let slack = Infinity;
  for (const c of stops) {
    const leg = euclid(prev, c);
    distance += leg;
    const arrival = time + leg;
    const begin = Math.max(arrival, c.ready);
    waiting += begin - arrival;
    if (begin > c.due + EPS) {
      violations.push(`${at}: customer ${c.id} starts service at ${fmt(begin)}, after its due time ${fmt(c.due)}`);
    }
    slack = Math.min(slack, waiting + (c.due - begin));
    time = begin + c.service;
    load += c.demand;
    prev = c;
  }
  const back = euclid(prev, depot);
  distance += back;
  const end = time + back;
  slack = Math.min(slack, waiting + (depot.due - end));
  if (end > depot.due + EPS) {
    violations.push(`${at}: returns to the depot at ${fmt(end)}, after the horizon ${fmt(depot.due)}`);
  }
  if (load > limits.capacity + EPS) {
    violations.push(`${at}: load ${fmt(load)} exceeds the capacity ${fmt(limits.capacity)}`);
  }
  // Delaying departure by up to min(slack, waiting) shortens the route by as much.
  const duration = end - start - Math.max(0, Math.min(slack, waiting));
  if (duration > limits.maxDuration + EPS) {
    violations.push(`${at}: duration ${fmt(duration)} exceeds the maximum ${fmt(limits.maxDuration)}`);
  }
  return { distance, duration, load };
}

/** Exactly one visit per day of one allowed pattern. */
function checkVisits(c: BenchmarkCustomer, days: number[], violations: string[]): void {
  if (days.length === 0) {
    if (c.frequency > 0) violations.push(`customer ${c.id} is not visited`);
    return;
  }
  const sorted = [...days].sort((a, b) => a - b);
  let mask = 0;
  for (const d of sorted) {
    const bit = 2 ** (d - 1);
    if (Math.floor(mask / bit) % 2 === 1) {
      violations.push(`customer ${c.id} is visited ${sorted.filter((x) => x === d).length} times on day ${d}`);
      return;
    }
    mask += bit;
  }
  if (!c.patterns.includes(mask)) {
    const allowed = c.patterns.map((p) => daysOfMask(p).join('+')).join(', ');
    violations.push(`customer ${c.id} is visited on day(s) ${sorted.join(', ')}; allowed: ${allowed}`);
  }
}

function daysOfMask(mask: number): number[] {
  const days: number[] = [];
  for (let d = 1; 2 ** (d - 1) <= mask; d++) if (Math.floor(mask / 2 ** (d - 1)) % 2 === 1) days.push(d);
  return days;
}

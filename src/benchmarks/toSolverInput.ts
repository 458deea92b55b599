import type { SolverInput, VehicleInput } from '../solver/instance.ts';
import type { BenchmarkProblem } from './problem.ts';

export interface AdapterOptions {
  /** Routes allowed per day, below the instance's fleet (e.g. the BKS vehicle count). */
  maxVehiclesPerDay?: number;
}

/**
 * Builds the solver's input: location 0 is the depot, location i the i-th customer of
 * `problem.customers` (so result stops map back by `customers[stop - 1].id`).
 * Euclidean distances in double precision, as the benchmark conventions require;
 * travel time = cost = distance (one shared matrix).
 */
export function toSolverInput(problem: BenchmarkProblem, options: AdapterOptions = {}): SolverInput {
  const points = [problem.depot, ...problem.customers];
  const L = points.length;
  const distance = new Float64Array(L * L);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      distance[i * L + j] = Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y);
    }
  }
  const fleet = Math.min(problem.vehiclesPerDay, options.maxVehiclesPerDay ?? Infinity);
  const vehicles: VehicleInput[][] = problem.dayLimits.map((limits) =>
    Array.from({ length: fleet }, () => ({
      start: 0,
      capacity: limits.capacity,
      earliest: problem.depot.ready,
      latest: problem.depot.due,
      maxDuration: Number.isFinite(limits.maxDuration) ? limits.maxDuration : undefined,
    })),
  );
  return {
    days: problem.days,
    locations: L,
    vehicles,
    customers: problem.customers.map((c, i) => ({
      location: i + 1,
      service: c.service,
      ready: c.ready,
      due: c.due,
      demand: c.demand,
      patterns: c.patterns,
    })),
    distance,
  };
}

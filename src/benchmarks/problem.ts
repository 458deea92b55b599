/**
 * A benchmark instance as published, in plain numbers: the original customer ids,
 * coordinates and data are kept so that solutions can be written (and checked) in the
 * ids of the file. `Infinity` stands for "no limit" (no time window, no duration cap).
 */

/** Which reader produced the problem. */
export type BenchmarkFormat = 'solomon' | 'cordeau';

export interface BenchmarkDepot {
  id: number;
  x: number;
  y: number;
  /** Earliest departure. */
  ready: number;
  /** Latest return: the horizon (Infinity when the file has no time windows). */
  due: number;
}

export interface BenchmarkCustomer {
  /** Id as in the file. */
  id: number;
  x: number;
  y: number;
  demand: number;
  service: number;
  /** Service may start within [ready, due]; arriving earlier means waiting. */
  ready: number;
  due: number;
  /** Visits required over the horizon: the number of days in each allowed pattern. */
  frequency: number;
  /** The frequency column as published (Solomon: 1). May differ, see `notes`. */
  declaredFrequency: number;
  /** Allowed visit patterns as day bitmasks: bit d set = visited on day d + 1. */
  patterns: number[];
}

/** Per-day limits of every vehicle (Cordeau gives one `D Q` line per day). */
export interface BenchmarkDay {
  capacity: number;
  /** Maximum route duration (travel + service + waiting); Infinity = none. */
  maxDuration: number;
}

export interface BenchmarkProblem {
  name: string;
  format: BenchmarkFormat;
  /** Cordeau's problem type as published (1 PVRP, 5 PVRPTW, pr08 says 2); Solomon: 0. */
  type: number;
  /** Number of days of the horizon (Solomon: 1). */
  days: number;
  /** Vehicles available on each day (Solomon: NUMBER). */
  vehiclesPerDay: number;
  dayLimits: BenchmarkDay[];
  hasTimeWindows: boolean;
  depot: BenchmarkDepot;
  customers: BenchmarkCustomer[];
  /** Nodes of the file left out of `customers`, and why. */
  dropped: { id: number; reason: string }[];
  /** Quirks of the file the reader kept or interpreted, in words. */
  notes: string[];
}

/**
 * The solution file every benchmark tool writes and reads: customers by their ids in
 * the instance file, days and vehicles numbered from 1 (VRPTW: day 1).
 */
export interface SolutionRoute {
  day: number;
  vehicle: number;
  stops: number[];
}

export interface SolutionJson {
  instance: string;
  cost: number;
  /** Routes used (non-empty), over all days. */
  vehicles: number;
  routes: SolutionRoute[];
}

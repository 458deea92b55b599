/**
 * Balanced routes: each route's load within a share of the mean route load (the city's
 * workdays within ±40% of the line's mean visits). The mean moves when a customer's pattern
 * changes how many visits it needs, so the bounds follow the solution: the search sets them
 * from a state's total load whenever it judges that state, and within one ruin-recreate-
 * search round they stay fixed (a pattern change moves the mean by a fraction of a visit).
 */
import type { Instance } from './instance.ts';
import { loadViolation, type Routes } from './routes.ts';

/** Sets the instance's effective load bounds for a solution carrying `total` load. */
export function setBand(inst: Instance, total: number): void {
  const s = inst.bandShare;
  if (Number.isNaN(s)) return;
  const mean = (total + inst.bandFixedLoad) / Math.max(1, inst.nRoutes + inst.bandFixedRoutes);
  for (let r = 0; r < inst.nRoutes; r++) {
    inst.capacity[r] = Math.min(inst.vehicleCapacity[r], (1 + s) * mean);
    inst.minLoad[r] = Math.max(inst.vehicleMinLoad[r], (1 - s) * mean);
  }
}

/** Sets the bounds from the state `R` and recomputes the load violation of its routes (O(routes)). */
export function fitBand(R: Routes): void {
  const inst = R.inst;
  if (Number.isNaN(inst.bandShare)) return;
  let total = 0;
  for (let r = 0; r < inst.nRoutes; r++) total += R.routeLoad[r];
  setBand(inst, total);
  rejudgeLoads(R);
}

/** Recomputes the load violation of every route of `R` under the instance's current bounds. */
export function rejudgeLoads(R: Routes): void {
  for (let r = 0; r < R.inst.nRoutes; r++) R.routeLoadViolation[r] = loadViolation(R.inst, r, R.routeLoad[r]);
}

/**
 * The numeric instance: everything the search reads, in flat typed arrays.
 *
 * Callers describe a problem with plain numbers (`SolverInput`); `buildInstance`
 * validates the shapes once and lays the data out for the hot loops: per-location
 * arrays (service, window, demand) so a route position holding a location index needs no
 * further lookup, and routes numbered day by day (`dayRouteStart`).
 */

/** A vehicle available on one day. Times are in the units of the `duration` matrix. */
export interface VehicleInput {
  /** Location index the route starts from and returns to (`end` defaults to `start`). */
  start: number;
  end?: number;
  capacity: number;
  /** Least load the route must carry if the day is to be worked (0 by default): a load below it, an unused route's too, is a violation like one above capacity. */
  minLoad?: number;
  /** Shift: leave no earlier than `earliest`, be back no later than `latest`. */
  earliest?: number;
  latest?: number;
  /** Leave no later than this (default `latest`); `latestStart = earliest` fixes the departure. */
  latestStart?: number;
  /** Longest route (travel + service + waiting); undefined = no limit. */
  maxDuration?: number;
  /** Most waiting for windows to open along the route; undefined = no limit. */
  maxWait?: number;
  /** Waiting that keeps the route at most this long does not count against `maxWait` (0 by default). */
  waitFree?: number;
  /** Cost paid once if the route is used (0 by default). */
  fixedCost?: number;
}

export interface CustomerInput {
  /** Location index (each location holds at most one customer). */
  location: number;
  service?: number;
  /** Service may start within [ready, due]; an early arrival waits. */
  ready?: number;
  due?: number;
  demand?: number;
  /**
   * Allowed visit patterns, each a bitmask of days: bit d set = visited on day d
   * (0-based, so day 1 of a horizon is bit 0). Default: [1], one visit on the first day.
   */
  patterns?: number[];
  /** Soft preference: extra cost of each pattern (same length as `patterns`). */
  patternCosts?: number[];
  /** The customer may be left unrouted at this price; undefined = must be routed. */
  skipCost?: number;
}

export interface SolverInput {
  /** Days of the horizon (1 for VRPTW). */
  days: number;
  /** Number of locations; the matrices are `locations × locations`, row-major. */
  locations: number;
  /** Vehicles of each day: `vehicles[d]` (a day may have none). */
  vehicles: VehicleInput[][];
  customers: CustomerInput[];
  distance: ArrayLike<number>;
  /** Travel time; defaults to `distance`. */
  duration?: ArrayLike<number>;
  /** What the objective sums over routed legs; defaults to `distance`. */
  cost?: ArrayLike<number>;
  /**
   * Routes balanced around their mean load: each route's load within `share` of the mean,
   * either side, the mean taken over every route of the instance (used or not) and, where
   * given, load already carried by `fixedRoutes` routes outside it (days kept from an
   * earlier plan). A route's own `minLoad` and `capacity` still apply.
   */
  loadBand?: { share: number; fixedLoad?: number; fixedRoutes?: number };
}

export interface Instance {
  days: number;
  /** Number of locations. */
  L: number;
  /** Number of customers. */
  n: number;
  distance: Float64Array;
  time: Float64Array;
  cost: Float64Array;
  /** True when `cost` is symmetric (lets 2-opt skip a walk). */
  symmetricCost: boolean;

  // Per location (depots have zero service/demand and an unbounded window).
  service: Float64Array;
  ready: Float64Array;
  due: Float64Array;
  demand: Float64Array;
  /** Customer at a location, or -1. */
  customerAt: Int32Array;

  // Per customer.
  location: Int32Array;
  /** Skip price, Infinity when the customer must be routed. */
  skipCost: Float64Array;
  /** Patterns of customer c are `patternMask[patternStart[c] .. patternStart[c+1])`. */
  patternStart: Int32Array;
  patternMask: Int32Array;
  patternCost: Float64Array;
  /** True if any customer may be skipped / has pattern costs / has several patterns. */
  hasSkip: boolean;
  hasPatternCost: boolean;
  isPeriodic: boolean;
  /** Customers with no usable pattern (every pattern needs a day without vehicles). */
  unroutable: Int32Array;

  // Per route (one route per vehicle per day, numbered day by day).
  nRoutes: number;
  dayRouteStart: Int32Array;
  routeDay: Int32Array;
  routeVehicle: Int32Array;
  startLoc: Int32Array;
  endLoc: Int32Array;
  /** Effective bounds on each route's load: the vehicles' own, narrowed by the load band (see loadBand.ts). */
  capacity: Float64Array;
  minLoad: Float64Array;
  /** The vehicles' own bounds, before any band. */
  vehicleCapacity: Float64Array;
  vehicleMinLoad: Float64Array;
  /** The load band's share, or NaN without one; load and routes outside the instance counted in its mean. */
  bandShare: number;
  bandFixedLoad: number;
  bandFixedRoutes: number;
  earliest: Float64Array;
  latest: Float64Array;
  latestStart: Float64Array;
  maxDuration: Float64Array;
  maxWait: Float64Array;
  waitFree: Float64Array;
  fixedCost: Float64Array;
  /** True if some route has a minimum load or a band (route minimisation then has no meaning). */
  hasMinLoad: boolean;
  /** Slots per route in the route arrays: most visits a day can hold, plus two depots. */
  routeCapacity: number;
}

export function buildInstance(input: SolverInput): Instance {
  const { days, locations: L, customers } = input;
  if (!Number.isInteger(days) || days < 1 || days > 30) throw new Error(`days must be an integer in 1..30, got ${days}`);
  if (!Number.isInteger(L) || L < 1) throw new Error(`locations must be a positive integer, got ${L}`);
  if (input.vehicles.length !== days) throw new Error(`vehicles has ${input.vehicles.length} days, expected ${days}`);
  const distance = matrix(input.distance, L, 'distance');
  const time = input.duration ? matrix(input.duration, L, 'duration') : distance;
  const cost = input.cost ? matrix(input.cost, L, 'cost') : distance;

  const service = new Float64Array(L);
  const ready = new Float64Array(L).fill(-Infinity);
  const due = new Float64Array(L).fill(Infinity);
  const demand = new Float64Array(L);
  const customerAt = new Int32Array(L).fill(-1);

  // Routes, day by day.
  let nRoutes = 0;
  for (const day of input.vehicles) nRoutes += day.length;
  const dayRouteStart = new Int32Array(days + 1);
  const routeDay = new Int32Array(nRoutes);
  const routeVehicle = new Int32Array(nRoutes);
  const startLoc = new Int32Array(nRoutes);
  const endLoc = new Int32Array(nRoutes);
  const capacity = new Float64Array(nRoutes);
  const minLoad = new Float64Array(nRoutes);
  const earliest = new Float64Array(nRoutes);
  const latest = new Float64Array(nRoutes);
  const latestStart = new Float64Array(nRoutes);
  const maxDuration = new Float64Array(nRoutes);
  const maxWait = new Float64Array(nRoutes);
  const waitFree = new Float64Array(nRoutes);
  const fixedCost = new Float64Array(nRoutes);
  let r = 0;
  for (let d = 0; d < days; d++) {
    dayRouteStart[d] = r;
    input.vehicles[d].forEach((v, k) => {
      const where = `vehicle ${k} of day ${d}`;
      startLoc[r] = index(v.start, L, `${where}: start`);
      endLoc[r] = index(v.end ?? v.start, L, `${where}: end`);
      capacity[r] = number(v.capacity, `${where}: capacity`);
      minLoad[r] = number(v.minLoad ?? 0, `${where}: minLoad`);
      if (!(minLoad[r] <= capacity[r])) throw new Error(`${where}: minLoad > capacity`);
      earliest[r] = v.earliest ?? 0;
      latest[r] = v.latest ?? Infinity;
      if (!(earliest[r] <= latest[r])) throw new Error(`${where}: earliest > latest`);
      latestStart[r] = Math.min(v.latestStart ?? latest[r], latest[r]);
      if (!(earliest[r] <= latestStart[r])) throw new Error(`${where}: earliest > latestStart`);
      maxDuration[r] = v.maxDuration ?? Infinity;
      maxWait[r] = v.maxWait ?? Infinity;
      waitFree[r] = number(v.waitFree ?? 0, `${where}: waitFree`);
      fixedCost[r] = v.fixedCost ?? 0;
      routeDay[r] = d;
      routeVehicle[r] = k;
      r++;
    });
  }
  dayRouteStart[days] = r;

  const n = customers.length;
  const location = new Int32Array(n);
  const skipCost = new Float64Array(n).fill(Infinity);
  const patternStart = new Int32Array(n + 1);
  const masks: number[] = [];
  const pcosts: number[] = [];
  const unroutable: number[] = [];
  const visitsOnDay = new Int32Array(days);
  let hasSkip = false;
  let hasPatternCost = false;
  let isPeriodic = days > 1;
  customers.forEach((c, i) => {
    const where = `customer ${i}`;
    const loc = index(c.location, L, `${where}: location`);
    if (customerAt[loc] !== -1) throw new Error(`${where}: location ${loc} already holds customer ${customerAt[loc]}`);
    customerAt[loc] = i;
    location[i] = loc;
    service[loc] = number(c.service ?? 0, `${where}: service`);
    ready[loc] = c.ready ?? -Infinity;
    due[loc] = c.due ?? Infinity;
    if (!(ready[loc] <= due[loc])) throw new Error(`${where}: ready > due`);
    demand[loc] = number(c.demand ?? 0, `${where}: demand`);
    if (c.skipCost !== undefined) {
      skipCost[i] = number(c.skipCost, `${where}: skipCost`);
      hasSkip = true;
    }
    const patterns = c.patterns ?? [1];
    if (c.patternCosts && c.patternCosts.length !== patterns.length) {
      throw new Error(`${where}: patternCosts has ${c.patternCosts.length} entries, patterns ${patterns.length}`);
    }
    patternStart[i] = masks.length;
    let seen = 0;
    patterns.forEach((mask, p) => {
      if (!Number.isInteger(mask) || mask <= 0 || mask >= 1 << days) {
        throw new Error(`${where}: pattern ${mask} is not a non-empty bitmask of ${days} days`);
      }
      for (let d = 0; d < days; d++) {
        if (mask & (1 << d) && dayRouteStart[d + 1] === dayRouteStart[d]) return; // a day without vehicles
      }
      masks.push(mask);
      const pc = c.patternCosts ? number(c.patternCosts[p], `${where}: patternCosts`) : 0;
      if (pc !== 0) hasPatternCost = true;
      pcosts.push(pc);
      seen |= mask;
    });
    for (let d = 0; d < days; d++) if (seen & (1 << d)) visitsOnDay[d]++;
    if (masks.length === patternStart[i]) unroutable.push(i);
    if (masks.length - patternStart[i] > 1) isPeriodic = true;
  });
  patternStart[n] = masks.length;

  let maxVisits = 0;
  for (let d = 0; d < days; d++) maxVisits = Math.max(maxVisits, visitsOnDay[d]);

  return {
    days, L, n, distance, time, cost, symmetricCost: isSymmetric(cost, L),
    service, ready, due, demand, customerAt,
    location, skipCost, patternStart, patternMask: Int32Array.from(masks), patternCost: Float64Array.from(pcosts),
    hasSkip, hasPatternCost, isPeriodic, unroutable: Int32Array.from(unroutable),
    nRoutes, dayRouteStart, routeDay, routeVehicle, startLoc, endLoc, earliest, latest, latestStart, maxDuration, maxWait, waitFree, fixedCost,
    capacity: capacity.slice(), minLoad: minLoad.slice(), vehicleCapacity: capacity, vehicleMinLoad: minLoad,
    ...band(input.loadBand),
    hasMinLoad: minLoad.some((x) => x > 0) || input.loadBand !== undefined,
    routeCapacity: maxVisits + 2,
  };
}

function band(b: SolverInput['loadBand']): Pick<Instance, 'bandShare' | 'bandFixedLoad' | 'bandFixedRoutes'> {
  if (b === undefined) return { bandShare: NaN, bandFixedLoad: 0, bandFixedRoutes: 0 };
  if (!(b.share >= 0 && b.share <= 1)) throw new Error(`loadBand.share must be in 0..1, got ${b.share}`);
  const fixedLoad = number(b.fixedLoad ?? 0, 'loadBand.fixedLoad');
  const fixedRoutes = b.fixedRoutes ?? 0;
  if (!(Number.isInteger(fixedRoutes) && fixedRoutes >= 0)) throw new Error(`loadBand.fixedRoutes must be a non-negative integer, got ${fixedRoutes}`);
  return { bandShare: b.share, bandFixedLoad: fixedLoad, bandFixedRoutes: fixedRoutes };
}

function matrix(m: ArrayLike<number>, L: number, name: string): Float64Array {
  if (m.length !== L * L) throw new Error(`${name} matrix has ${m.length} entries, expected ${L}×${L} = ${L * L}`);
  const out = m instanceof Float64Array ? m : Float64Array.from(m);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) throw new Error(`${name} matrix entry ${i} is not a finite number`);
  }
  return out;
}

function index(i: number, L: number, what: string): number {
  if (!Number.isInteger(i) || i < 0 || i >= L) throw new Error(`${what} ${i} is not a location index in 0..${L - 1}`);
  return i;
}

function number(x: number, what: string): number {
  if (typeof x !== 'number' || Number.isNaN(x)) throw new Error(`${what} is not a number`);
  return x;
}

function isSymmetric(m: Float64Array, L: number): boolean {
  for (let i = 0; i < L; i++) for (let j = i + 1; j < L; j++) if (m[i * L + j] !== m[j * L + i]) return false;
  return true;
}

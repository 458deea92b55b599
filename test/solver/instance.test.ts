/**
 * `buildInstance`: every malformed input refused with the message that names it, the edges of
 * each range accepted, and the layout the search reads (route numbering, patterns, flags).
 */
import { describe, expect, test } from 'vitest';
import { buildInstance, type SolverInput } from '../../src/solver/instance.ts';

/** Three locations (0 the depot), two days with one vehicle each, two customers. */
function input(over: Partial<SolverInput> = {}): SolverInput {
  return {
    days: 2,
    locations: 3,
    vehicles: [[{ start: 0, capacity: 10 }], [{ start: 0, capacity: 10 }]],
    customers: [{ location: 1 }, { location: 2 }],
    distance: [0, 1, 2, 1, 0, 3, 2, 3, 0],
    ...over,
  };
}
const vehicle = (v: Record<string, unknown>) => input({ vehicles: [[{ start: 0, capacity: 10, ...v } as SolverInput['vehicles'][0][0]], []] });
const customer = (c: Record<string, unknown>) => input({ customers: [{ location: 1, ...c } as SolverInput['customers'][0]] });

describe('malformed solver input', () => {
  const cases: [string, SolverInput, string][] = [
    ['days 0', input({ days: 0, vehicles: [] }), 'days must be an integer in 1..30, got 0'],
    ['days 31', input({ days: 31 }), 'days must be an integer in 1..30, got 31'],
    ['days 1.5', input({ days: 1.5 }), 'days must be an integer in 1..30, got 1.5'],
    ['no locations', input({ locations: 0 }), 'locations must be a positive integer, got 0'],
    ['locations 2.5', input({ locations: 2.5 }), 'locations must be a positive integer, got 2.5'],
    ['vehicles for one day of two', input({ vehicles: [[]] }), 'vehicles has 1 days, expected 2'],
    ['a short distance matrix', input({ distance: [0, 1, 2] }), 'distance matrix has 3 entries, expected 3×3 = 9'],
    ['a short duration matrix', input({ duration: [0] }), 'duration matrix has 1 entries, expected 3×3 = 9'],
    ['a short cost matrix', input({ cost: [] }), 'cost matrix has 0 entries, expected 3×3 = 9'],
    ['an infinite distance', input({ distance: [0, 1, 2, 1, 0, Infinity, 2, 3, 0] }), 'distance matrix entry 5 is not a finite number'],
    ['a NaN duration', input({ duration: [0, 1, 2, 1, 0, 3, 2, 3, NaN] }), 'duration matrix entry 8 is not a finite number'],
    ['a start past the last location', vehicle({ start: 3 }), 'vehicle 0 of day 0: start 3 is not a location index in 0..2'],
    ['a negative end', vehicle({ end: -1 }), 'vehicle 0 of day 0: end -1 is not a location index in 0..2'],
    ['a fractional start', vehicle({ start: 0.5 }), 'vehicle 0 of day 0: start 0.5 is not a location index in 0..2'],
    ['a capacity that is no number', vehicle({ capacity: NaN }), 'vehicle 0 of day 0: capacity is not a number'],
    ['a minLoad that is no number', vehicle({ minLoad: 'x' }), 'vehicle 0 of day 0: minLoad is not a number'],
    ['a minLoad above capacity', vehicle({ minLoad: 11 }), 'vehicle 0 of day 0: minLoad > capacity'],
    ['a shift ending before it starts', vehicle({ earliest: 10, latest: 9 }), 'vehicle 0 of day 0: earliest > latest'],
    ['a latest start before the shift', vehicle({ earliest: 10, latestStart: 9 }), 'vehicle 0 of day 0: earliest > latestStart'],
    ['a waitFree that is no number', vehicle({ waitFree: NaN }), 'vehicle 0 of day 0: waitFree is not a number'],
    ['a customer past the last location', customer({ location: 3 }), 'customer 0: location 3 is not a location index in 0..2'],
    ['two customers at one location', input({ customers: [{ location: 1 }, { location: 1 }] }), 'customer 1: location 1 already holds customer 0'],
    ['a window closing before it opens', customer({ ready: 5, due: 4 }), 'customer 0: ready > due'],
    ['a service that is no number', customer({ service: NaN }), 'customer 0: service is not a number'],
    ['a demand that is no number', customer({ demand: NaN }), 'customer 0: demand is not a number'],
    ['a skip cost that is no number', customer({ skipCost: NaN }), 'customer 0: skipCost is not a number'],
    ['pattern costs not matching the patterns', customer({ patterns: [1, 2], patternCosts: [0] }), 'customer 0: patternCosts has 1 entries, patterns 2'],
    ['a pattern cost that is no number', customer({ patterns: [1], patternCosts: [NaN] }), 'customer 0: patternCosts is not a number'],
    ['an empty pattern', customer({ patterns: [0] }), 'customer 0: pattern 0 is not a non-empty bitmask of 2 days'],
    ['a pattern past the horizon', customer({ patterns: [4] }), 'customer 0: pattern 4 is not a non-empty bitmask of 2 days'],
    ['a fractional pattern', customer({ patterns: [1.5] }), 'customer 0: pattern 1.5 is not a non-empty bitmask of 2 days'],
    ['a band share above 1', input({ loadBand: { share: 1.5 } }), 'loadBand.share must be in 0..1, got 1.5'],
    ['a negative band share', input({ loadBand: { share: -0.1 } }), 'loadBand.share must be in 0..1, got -0.1'],
    ['a band fixed load that is no number', input({ loadBand: { share: 0.2, fixedLoad: NaN } }), 'loadBand.fixedLoad is not a number'],
    ['negative fixed routes', input({ loadBand: { share: 0.2, fixedRoutes: -1 } }), 'loadBand.fixedRoutes must be a non-negative integer, got -1'],
    ['fractional fixed routes', input({ loadBand: { share: 0.2, fixedRoutes: 1.5 } }), 'loadBand.fixedRoutes must be a non-negative integer, got 1.5'],
  ];
  test.each(cases)('%s', (_, bad, message) => {
    expect(() => buildInstance(bad)).toThrow(new Error(message));
  });

  test('the edges of each range are accepted', () => {
    const longest = { days: 30, vehicles: Array.from({ length: 30 }, () => [{ start: 0, capacity: 1 }]) };
    expect(buildInstance(input({ ...longest, customers: [{ location: 2, patterns: [2 ** 30 - 1] }] })).days).toBe(30);
    expect(buildInstance(input({ locations: 1, distance: [0], customers: [] })).L).toBe(1);
    expect(buildInstance(vehicle({ start: 2, end: 0, minLoad: 10, earliest: 5, latest: 5, latestStart: 5 })).minLoad[0]).toBe(10);
    expect(buildInstance(customer({ location: 2, ready: 3, due: 3, patterns: [3] })).ready[2]).toBe(3);
    expect(buildInstance(input({ loadBand: { share: 0, fixedRoutes: 0 } })).bandShare).toBe(0);
    expect(buildInstance(input({ loadBand: { share: 1, fixedLoad: 4, fixedRoutes: 2 } }))).toMatchObject({ bandShare: 1, bandFixedLoad: 4, bandFixedRoutes: 2 });
  });
});

describe('the instance the search reads', () => {
  test('routes are numbered day by day; each knows its day, vehicle and shift', () => {
    const inst = buildInstance(
      input({
        days: 3,
        vehicles: [[{ start: 0, capacity: 4 }, { start: 1, end: 2, capacity: 5, earliest: 2, latest: 9, latestStart: 20, maxDuration: 6, maxWait: 1, waitFree: 3, fixedCost: 7 }], [], [{ start: 2, capacity: 6, minLoad: 1 }]],
      }),
    );
    expect(inst.nRoutes).toBe(3);
    expect(Array.from(inst.dayRouteStart)).toEqual([0, 2, 2, 3]);
    expect(Array.from(inst.routeDay)).toEqual([0, 0, 2]);
    expect(Array.from(inst.routeVehicle)).toEqual([0, 1, 0]);
    expect([Array.from(inst.startLoc), Array.from(inst.endLoc)]).toEqual([[0, 1, 2], [0, 2, 2]]);
    expect(Array.from(inst.capacity)).toEqual([4, 5, 6]);
    expect(Array.from(inst.minLoad)).toEqual([0, 0, 1]);
    // The latest start never after the shift's end; what is not given is unbounded.
    expect([Array.from(inst.earliest), Array.from(inst.latest), Array.from(inst.latestStart)]).toEqual([[0, 2, 0], [Infinity, 9, Infinity], [Infinity, 9, Infinity]]);
    expect([Array.from(inst.maxDuration), Array.from(inst.maxWait), Array.from(inst.waitFree), Array.from(inst.fixedCost)]).toEqual([[Infinity, 6, Infinity], [Infinity, 1, Infinity], [0, 3, 0], [0, 7, 0]]);
    expect(inst.hasMinLoad).toBe(true);
  });

  test('customers are laid out by location; a pattern on a day without vehicles is dropped', () => {
    const inst = buildInstance(
      input({
        days: 3,
        vehicles: [[{ start: 0, capacity: 4 }], [], [{ start: 0, capacity: 4 }]],
        customers: [
          { location: 2, service: 3, ready: 1, due: 8, demand: 2, patterns: [1, 2, 4], patternCosts: [0, 9, 5], skipCost: 40 },
          { location: 1, patterns: [2] },
        ],
      }),
    );
    expect([Array.from(inst.location), Array.from(inst.customerAt)]).toEqual([[2, 1], [-1, 1, 0]]);
    expect([inst.service[2], inst.ready[2], inst.due[2], inst.demand[2]]).toEqual([3, 1, 8, 2]);
    expect([inst.ready[1], inst.due[1], inst.service[1], inst.demand[1]]).toEqual([-Infinity, Infinity, 0, 0]);
    // Day 1 (bit 2) has no vehicle: customer 0 keeps patterns 1 and 4, customer 1 has none left.
    expect([Array.from(inst.patternStart), Array.from(inst.patternMask), Array.from(inst.patternCost)]).toEqual([[0, 2, 2], [1, 4], [0, 5]]);
    expect(Array.from(inst.unroutable)).toEqual([1]);
    expect(Array.from(inst.skipCost)).toEqual([40, Infinity]);
    expect({ hasSkip: inst.hasSkip, hasPatternCost: inst.hasPatternCost, isPeriodic: inst.isPeriodic, hasMinLoad: inst.hasMinLoad }).toEqual({ hasSkip: true, hasPatternCost: true, isPeriodic: true, hasMinLoad: false });
    // The busiest day holds one visit (customer 0 on day 0 or 2), plus the two depots.
    expect(inst.routeCapacity).toBe(3);
  });

  test('a one-day instance with one pattern each is not periodic; costs are judged symmetric or not', () => {
    const one = buildInstance(input({ days: 1, vehicles: [[{ start: 0, capacity: 1 }]], customers: [{ location: 1 }, { location: 2, patternCosts: [0] }] }));
    expect({ isPeriodic: one.isPeriodic, hasSkip: one.hasSkip, hasPatternCost: one.hasPatternCost, symmetric: one.symmetricCost, routeCapacity: one.routeCapacity }).toEqual({ isPeriodic: false, hasSkip: false, hasPatternCost: false, symmetric: true, routeCapacity: 4 });
    // Two days are periodic even with one pattern each.
    expect(buildInstance(input()).isPeriodic).toBe(true);
    const asym = buildInstance(input({ cost: [0, 1, 2, 1, 0, 3, 2, 4, 0] }));
    expect([asym.symmetricCost, Array.from(asym.distance), Array.from(asym.time)]).toEqual([false, [0, 1, 2, 1, 0, 3, 2, 3, 0], [0, 1, 2, 1, 0, 3, 2, 3, 0]]);
    const timed = buildInstance(input({ duration: [0, 5, 5, 5, 0, 5, 5, 5, 0] }));
    expect([timed.time[1], timed.cost[1]]).toEqual([5, 1]);
    // A band alone makes route minimisation meaningless too.
    expect(buildInstance(input({ loadBand: { share: 0.3 } })).hasMinLoad).toBe(true);
    expect(Number.isNaN(buildInstance(input()).bandShare)).toBe(true);
  });
});

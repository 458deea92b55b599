/**
 * Which visits may go remote: a retailer offers at most half its visits (rounded up), each worth
 * its visit's cheapest detour less the phone charge, within the line's budget of
 * (1 − in-person share) of all visits.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { PolicySchema } from '../../src/domain/policy.ts';
import type { Retailer } from '../../src/domain/retailer.ts';
import { remoteCap, remoteProblem } from '../../src/planner/remoteProblem.ts';
import type { RetailerService } from '../../src/planner/serviceRules.ts';
import type { ServicePattern } from '../../src/planner/visitPatterns.ts';
import { smallCity } from '../support/smallCity.ts';

const policy = PolicySchema.parse(JSON.parse(readFileSync(new URL('../../data/demo/policy.json', import.meta.url), 'utf8')));
const shop: Retailer = smallCity(7).retailers[0];

function pattern(days: number[], remoteDays: number[]): ServicePattern {
  return { days, inPersonMask: 0, remoteDays, strayDays: 0, cost: 0 };
}
function service(remoteMode: RetailerService['remoteMode'], ...patterns: ServicePattern[]): RetailerService {
  return { retailer: shop, remoteMode, patterns };
}

describe('remote cap of a retailer', () => {
  test('what its patterns allow, but at most half its visits rounded up', () => {
    expect(remoteCap(service('phone', pattern([0, 5, 10, 15], []), pattern([0, 5, 10, 15], [0, 5, 10, 15])))).toBe(2);
    expect(remoteCap(service('phone', pattern([0, 7, 14], [7]), pattern([0, 7, 14], [0, 14])))).toBe(2);
    expect(remoteCap(service('phone', pattern([0, 7, 14], [7])))).toBe(1);
    expect(remoteCap(service('phone', pattern([0], [0])))).toBe(1);
    expect(remoteCap(service(null, pattern([0, 10], [])))).toBe(0);
    expect(remoteCap(service(null))).toBe(0);
  });
});

describe('the remote problem of a line', () => {
  // Base 0 and three retailers 1..3 on a line: 0 —4— 1 —6— 2, and 3 far off the road (9 from each).
  const n = 4;
  const at = [
    [0, 4, 10, 9],
    [4, 0, 6, 9],
    [10, 6, 0, 9],
    [9, 9, 9, 0],
  ];
  const cost = Float64Array.from(at.flat());

  test("each option's saving is the cheapest detour to its visit, less the phone charge; the budget is half the visits", () => {
    const open = [
      service('phone', pattern([0, 10], [0])),
      service('online', pattern([0, 5, 10, 15], [0, 10])),
      service('phone', pattern([3], [3])),
    ];
    const { options, budget } = remoteProblem({ policy }, open, cost, n);
    const phone = policy.phoneMinutes.value * policy.phoneYuanPerMinute.value;
    expect(phone).toBeGreaterThan(0);
    expect(options.map((o) => o.maxRemote)).toEqual([1, 2, 1]);
    // Retailer i sits at location i + 1. Location 1: nearest 0 (4) and 2 (6): 4 + 6 − 10 = 0.
    // Location 2: nearest 1 (6) and 3 (9): 6 + 9 − 9 = 6; online visits cost nothing.
    // Location 3: all at 9, the first two found (0 and 1): 9 + 9 − 4 = 14.
    expect(options.map((o) => o.savingPerVisit)).toEqual([0 - phone, 6, 14 - phone]);
    expect(budget).toEqual({ visits: Math.floor(7 * 0.5) });
  });

  test('a retailer that must be seen offers nothing, and a stricter share shrinks the budget', () => {
    const strict = { ...policy, inPersonShareMin: { ...policy.inPersonShareMin, value: 0.75 } };
    const open = [service(null, pattern([0, 10], [])), service('online', pattern([0, 5, 10, 15], [0, 10]))];
    const { options, budget } = remoteProblem({ policy: strict }, open, cost, n);
    expect(options[0]).toEqual({ maxRemote: 0, savingPerVisit: 0 });
    expect(budget.visits).toBe(1);
    // Also far off the road (location 3), where a remote visit would save a 14-yuan detour.
    const far = [service('online', pattern([0], [0])), service('online', pattern([0], [0])), service(null, pattern([0, 10], []))];
    expect(remoteProblem({ policy }, far, cost, n).options[2]).toEqual({ maxRemote: 0, savingPerVisit: 0 });
  });

  test('a retailer with no patterns left has no visits to count', () => {
    const { options, budget } = remoteProblem({ policy }, [service(null), service('online', pattern([0, 5, 10, 15], [0, 10]))], cost, n);
    expect(options[0]).toEqual({ maxRemote: 0, savingPerVisit: 0 });
    expect(budget.visits).toBe(2);
  });

  test('the detour runs between the two nearest other locations, whichever they are, the base among them', () => {
    // Base and four retailers on a street grid (blocks apart, 1 yuan a block).
    const points = [[0, 0], [1, 3], [5, 0], [3, 2], [3, 5]];
    const grid = Float64Array.from(points.flatMap(([x, y]) => points.map(([u, v]) => Math.abs(x - u) + Math.abs(y - v))));
    const open = points.slice(1).map(() => service('online', pattern([0], [0])));
    // (1,3): nearest (3,2) at 3 and the base at 4 (before (3,5), also 4): 3 + 4 − 5 = 2.
    // (5,0): nearest (3,2) at 4, then the base at 5: 4 + 5 − 5 = 4.
    // (3,2): nearest (1,3) and (3,5), both at 3: 3 + 3 − 4 = 2.
    // (3,5): nearest (3,2) at 3, then (1,3) at 4; the base is 8 away: 3 + 4 − 3 = 4.
    expect(remoteProblem({ policy }, open, grid, points.length).options.map((o) => o.savingPerVisit)).toEqual([2, 4, 2, 4]);
  });

  test('with the base the only other location, the detour is there and back', () => {
    const two = Float64Array.from([0, 5, 7, 0]);
    expect(remoteProblem({ policy }, [service('online', pattern([0], [0]))], two, 2).options[0].savingPerVisit).toBe(12);
  });
});

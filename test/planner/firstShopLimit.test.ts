import { describe, expect, test } from 'vitest';
import type { Retailer } from '../../src/domain/retailer.ts';
import { firstShopLimit } from '../../src/planner/firstShopLimit.ts';
import type { RetailerService } from '../../src/planner/serviceRules.ts';
import type { TravelMatrix } from '../../src/travel/travelSource.ts';
import { demoPolicy } from '../support/smallCity.ts';

const policy = demoPolicy(); // leave 07:00, first shop by 08:30
/** Shops `minutes` from the base, each visited in person `visits` times, all opening 07:00. */
function line(shops: readonly { minutes: number; visits: number }[]): { services: RetailerService[]; matrix: TravelMatrix } {
  const n = shops.length + 1;
  const seconds = new Float64Array(n * n);
  shops.forEach((s, i) => (seconds[i + 1] = s.minutes * 60));
  const services = shops.map((s, i): RetailerService => ({
    retailer: { id: `R${i}`, opensMin: 7 * 60, closesMin: 21 * 60 } as Retailer,
    remoteMode: null,
    patterns: [{ days: [], inPersonMask: (1 << s.visits) - 1, remoteDays: [], strayDays: 0, cost: 0 }],
  }));
  return { services, matrix: { size: n, metres: new Float64Array(n * n), seconds, ascentM: new Float64Array(n * n) } };
}

describe('first-shop limit', () => {
  test('a line with enough shops within 90 minutes keeps 08:30', () => {
    const { services, matrix } = line([...Array.from({ length: 10 }, () => ({ minutes: 60, visits: 4 })), { minutes: 120, visits: 4 }]);
    expect(firstShopLimit(services, matrix, policy, 20)).toEqual({ limit: 8 * 60 + 30 });
  });

  test('a line with a handful of near shops moves its limit to when there are two first visits a workday, and says so', () => {
    // 3 shops (5 visits) by 08:30; then shops 95 and 100 minutes out: 40 visits by 08:40.
    const { services, matrix } = line([
      { minutes: 80, visits: 2 }, { minutes: 85, visits: 2 }, { minutes: 88, visits: 1 },
      ...Array.from({ length: 6 }, () => ({ minutes: 95, visits: 4 })),
      ...Array.from({ length: 5 }, () => ({ minutes: 100, visits: 4 })),
      { minutes: 130, visits: 4 },
    ]);
    const { limit, warning } = firstShopLimit(services, matrix, policy, 20);
    expect(limit).toBe(8 * 60 + 40);
    expect(warning).toBe(
      'the first shop cannot be reached by 08:30 every workday: leaving at 07:00, 3 shops (5 in-person visits) are reached by then for 20 workdays; ' +
        'the plan reaches its first shop by 08:40 (a base nearer the shops, or an earlier departure, would keep the rule)',
    );
  });
});

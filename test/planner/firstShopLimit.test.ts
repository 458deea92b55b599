import { describe, expect, test } from 'vitest';
import type { Retailer } from '../../src/domain/retailer.ts';
import { firstShopLimit } from '../../src/planner/firstShopLimit.ts';
import type { RetailerService } from '../../src/planner/serviceRules.ts';
import type { TravelMatrix } from '../../src/travel/travelSource.ts';
import { demoPolicy } from '../support/smallCity.ts';

const policy = demoPolicy(); // leave 07:00, first shop by 08:30
const month = Array.from({ length: 20 }, (_, d) => `day ${d + 1}`);
/**
 * Shops `minutes` from the base, all opening 07:00, each visited in person `visits` times on
 * consecutive days anywhere in a horizon of `length` days (or within the day mask `days`).
 */
function line(shops: readonly { minutes: number; visits: number; days?: number }[], length = 20): { services: RetailerService[]; matrix: TravelMatrix } {
  const n = shops.length + 1;
  const seconds = new Float64Array(n * n);
  shops.forEach((s, i) => (seconds[i + 1] = s.minutes * 60));
  const services = shops.map((s, i): RetailerService => ({
    retailer: { id: `R${i}`, opensMin: 7 * 60, closesMin: 21 * 60 } as Retailer,
    remoteMode: null,
    patterns: Array.from({ length: length - s.visits + 1 }, (_, start) => ((1 << s.visits) - 1) << start)
      .filter((mask) => (mask & (s.days ?? (1 << length) - 1)) === mask)
      .map((inPersonMask) => ({ days: [], inPersonMask, remoteDays: [], strayDays: 0, cost: 0 })),
  }));
  return { services, matrix: { size: n, metres: new Float64Array(n * n), seconds, ascentM: new Float64Array(n * n) } };
}

describe('first-shop limit', () => {
  test('a line with enough shops within 90 minutes keeps 08:30', () => {
    const { services, matrix } = line([...Array.from({ length: 10 }, () => ({ minutes: 60, visits: 4 })), { minutes: 120, visits: 4 }]);
    expect(firstShopLimit(services, matrix, policy, month, new Set())).toEqual({ limit: 8 * 60 + 30 });
  });

  test('a line with a handful of near shops moves its limit to when there are two first visits a workday, and says so', () => {
    // 3 shops (5 visits) by 08:30; then shops 95 and 100 minutes out: 40 visits by 08:40.
    const { services, matrix } = line([
      { minutes: 80, visits: 2 }, { minutes: 85, visits: 2 }, { minutes: 88, visits: 1 },
      ...Array.from({ length: 6 }, () => ({ minutes: 95, visits: 4 })),
      ...Array.from({ length: 5 }, () => ({ minutes: 100, visits: 4 })),
      { minutes: 130, visits: 4 },
    ]);
    const { limit, warning } = firstShopLimit(services, matrix, policy, month, new Set());
    expect(limit).toBe(8 * 60 + 40);
    expect(warning).toBe(
      'the first shop cannot be reached by 08:30 every workday: leaving at 07:00, 3 shops (5 in-person visits) are reached by then for 20 workdays; ' +
        'the plan reaches its first shop by 08:40 (a base nearer the shops, or an earlier departure, would keep the rule)',
    );
  });

  test('a day on which no near shop is due moves the limit too, naming the day', () => {
    // A week: ten near shops may come on Monday to Thursday only; Friday's first shop is 100 minutes out.
    const week = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
    const { services, matrix } = line([
      ...Array.from({ length: 10 }, () => ({ minutes: 60, visits: 1, days: 0b01111 })),
      ...Array.from({ length: 2 }, () => ({ minutes: 100, visits: 1, days: 0b10000 })),
    ], 5);
    expect(firstShopLimit(services, matrix, policy, week, new Set())).toEqual({
      limit: 8 * 60 + 40,
      warning:
        'the first shop cannot be reached by 08:30 every workday: leaving at 07:00, 10 shops (10 in-person visits) are reached by then for 5 workdays, none of them due on Fri; ' +
        'the plan reaches its first shop by 08:40 (a base nearer the shops, or an earlier departure, would keep the rule)',
    });
    // Friday blocked: nothing is wanted of it.
    expect(firstShopLimit(services, matrix, policy, week, new Set([4]))).toEqual({ limit: 8 * 60 + 30 });
  });
});

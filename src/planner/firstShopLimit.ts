import { formatClock, parseClock } from '../domain/clock.ts';
import type { Policy } from '../domain/policy.ts';
import type { TravelMatrix } from '../travel/travelSource.ts';
import type { RetailerService } from './serviceRules.ts';
import { popcount } from './visitPatterns.ts';

/**
 * First-shop candidates wanted: two visits for each workday in all, and two shops that may be
 * visited on each workday, since each day needs one and the days must still be formed from the rest.
 */
const FIRST_CANDIDATES = 2;

/**
 * By when a line's days can reach their first shop. Every day needs a first shop reached by the
 * policy's time from its earliest departure; a line whose base is far from its shops may have
 * too few such visits for its workdays, or none due on some day (a mountain line an hour and a
 * half out, with a handful of shops on the near side). Then no plan keeps the rule, and rather
 * than leave days empty the line's limit moves to the earliest time by which there are enough,
 * and the plan says so. `dates` are the horizon's days; `blocked` their indices without work.
 */
export function firstShopLimit(
  services: readonly RetailerService[],
  matrix: TravelMatrix,
  policy: Policy,
  dates: readonly string[],
  blocked: ReadonlySet<number>,
): { limit: number; warning?: string } {
  const by = parseClock(policy.firstShopBy.value);
  const leave = parseClock(policy.leaveBaseEarliest.value);
  const workdays = dates.map((_, d) => d).filter((d) => !blocked.has(d));
  const candidates = services
    .map((s, i) => ({
      at: Math.max(leave + matrix.seconds[i + 1] / 60, s.retailer.opensMin),
      visits: Math.max(...s.patterns.map((p) => popcount(p.inPersonMask))),
      days: s.patterns.reduce((m, p) => m | p.inPersonMask, 0),
    }))
    .filter((c) => c.visits > 0)
    .sort((a, b) => a.at - b.at);
  const perDay = new Int32Array(dates.length);
  let visits = 0;
  const enough = () => visits >= FIRST_CANDIDATES * workdays.length && workdays.every((d) => perDay[d] >= FIRST_CANDIDATES);
  let limit = by;
  let atTime: { shops: number; visits: number; short: number[] } | undefined;
  for (const [k, c] of candidates.entries()) {
    if (c.at > by) {
      atTime ??= { shops: k, visits, short: workdays.filter((d) => perDay[d] === 0) };
      if (enough()) break;
    }
    visits += c.visits;
    for (const d of workdays) if ((c.days >> d) & 1) perDay[d]++;
    limit = Math.max(limit, Math.ceil(c.at));
  }
  if (limit <= by || !atTime) return { limit: by };
  const none = atTime.short.length > 0 ? `, none of them due on ${atTime.short.map((d) => dates[d]).join(', ')}` : '';
  return {
    limit,
    warning:
      `the first shop cannot be reached by ${policy.firstShopBy.value} every workday: leaving at ${policy.leaveBaseEarliest.value}, ` +
      `${atTime.shops} shops (${atTime.visits} in-person visits) are reached by then for ${workdays.length} workdays${none}; ` +
      `the plan reaches its first shop by ${formatClock(limit)} (a base nearer the shops, or an earlier departure, would keep the rule)`,
  };
}

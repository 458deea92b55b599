import { formatClock, parseClock } from '../domain/clock.ts';
import type { Policy } from '../domain/policy.ts';
import type { TravelMatrix } from '../travel/travelSource.ts';
import type { RetailerService } from './serviceRules.ts';
import { popcount } from './visitPatterns.ts';

/** First-shop visits wanted per workday: each day needs one, and the days must still be formed from the rest. */
const FIRST_VISITS_PER_DAY = 2;

/**
 * By when a line's days can reach their first shop. Every day needs a first shop reached by the
 * policy's time from its earliest departure; a line whose base is far from its shops may have
 * too few such visits for its workdays (a mountain line an hour and a half out, with a handful
 * of shops on the near side). Then no plan keeps the rule, and rather than leave days empty the
 * line's limit moves to the earliest time by which there are enough, and the plan says so.
 */
export function firstShopLimit(
  services: readonly RetailerService[],
  matrix: TravelMatrix,
  policy: Policy,
  workdays: number,
): { limit: number; warning?: string } {
  const by = parseClock(policy.firstShopBy.value);
  const leave = parseClock(policy.leaveBaseEarliest.value);
  const reach = services.map((s, i) => ({ at: Math.max(leave + matrix.seconds[i + 1] / 60, s.retailer.opensMin), visits: Math.max(...s.patterns.map((p) => popcount(p.inPersonMask))) }));
  const wanted = FIRST_VISITS_PER_DAY * workdays;
  const byTime = reach.filter((r) => r.visits > 0).sort((a, b) => a.at - b.at);
  let visits = 0;
  let limit = by;
  for (const r of byTime) {
    if (r.at > by && visits >= wanted) break;
    visits += r.visits;
    limit = Math.max(limit, Math.ceil(r.at));
  }
  if (limit <= by) return { limit: by };
  const inTime = byTime.filter((r) => r.at <= by);
  return {
    limit,
    warning:
      `the first shop cannot be reached by ${policy.firstShopBy.value} every workday: leaving at ${policy.leaveBaseEarliest.value}, ` +
      `${inTime.length} shops (${inTime.reduce((s, r) => s + r.visits, 0)} in-person visits) are reached by then for ${workdays} workdays; ` +
      `the plan reaches its first shop by ${formatClock(limit)} (a base nearer the shops, or an earlier departure, would keep the rule)`,
  };
}

import { parseClock } from '../domain/clock.ts';
import type { Policy } from '../domain/policy.ts';
import { departure, type TimedShop } from './workingClock.ts';

export type { TimedShop } from './workingClock.ts';

/** One in-person stop's times, minutes after midnight. */
export interface TimedStop {
  readonly arrive: number;
  readonly start: number;
  readonly depart: number;
  /** Minutes after the latest start that still ends the visit before closing (0 = on time). */
  readonly lateMinutes: number;
}

export interface DayTimetable {
  readonly leaveBase: number;
  readonly stops: TimedStop[];
  readonly backAtBase: number;
  /** Lunch start, or null when the day ends before lunch is due. */
  readonly lunchStart: number | null;
  /** Free market time after the last visit that brings a light day up to the market minimum. */
  readonly freeMarketMinutes: number;
  /** First arrival to the end of market time (the reserve after each visit, free time), less lunch. */
  readonly marketMinutes: number;
  /**
   * Minutes spent waiting for shops to open (lunch taken in a wait not counted), beyond what a
   * light day needs to fill its market hours: that time is in the market anyway.
   */
  readonly waitMinutes: number;
  readonly lateMinutes: number;
  readonly firstShopLateMinutes: number;
  readonly backLateMinutes: number;
  readonly lunchLateMinutes: number;
}


/**
 * The day's times for stops in driving order. `travel(a, b)` gives minutes between
 * locations (0 = base, i + 1 = shop i). The manager leaves the base when the day waits least
 * (see `departure`: as late as still reaches the first shop when it opens, or later where an
 * afternoon shop would otherwise keep the manager waiting, the first shop still by its time), keeps the reserve for
 * unplanned visits free after each visit, and lunches at the first departure from 11:30, or
 * before a visit (on arrival, or from 11:30 while waiting for the shop to open) if waiting for
 * the end of the visit would make lunch late.
 */
export function timetable(
  order: readonly number[],
  shops: readonly TimedShop[],
  travel: (from: number, to: number) => number,
  policy: Policy,
): DayTimetable {
  const reserve = policy.unplannedReserveShare.value;
  const lunch = policy.lunch.value;
  const lunchEarliest = parseClock(lunch.earliest);
  const lunchLatest = parseClock(lunch.latest);
  const earliest = parseClock(policy.leaveBaseEarliest.value);
  if (order.length === 0) {
    return { leaveBase: earliest, stops: [], backAtBase: earliest, lunchStart: null, freeMarketMinutes: 0, marketMinutes: 0, waitMinutes: 0, lateMinutes: 0, firstShopLateMinutes: 0, backLateMinutes: 0, lunchLateMinutes: 0 };
  }
  const leaveBase = departure(order, shops, travel, policy);
  let t = leaveBase;
  let at = 0;
  let lunchStart: number | null = null;
  let late = 0;
  let wait = 0;
  const stops: TimedStop[] = [];
  for (const i of order) {
    const shop = shops[i];
    const arrive = t + travel(at, i + 1);
    // Lunch before the visit when finishing it first would start lunch too late, or when the
    // shop opens after a whole lunch fits from 11:30 (it is always visited after lunch): on
    // arrival, or from 11:30 while waiting for the shop to open.
    const lunchFirst =
      Math.max(arrive, shop.opensMin) + shop.visitMinutes * (1 + reserve) > lunchLatest || (shop.opensMin >= lunchEarliest + lunch.minutes && arrive < shop.opensMin);
    if (lunchStart === null && Math.max(arrive, lunchEarliest) <= lunchLatest && lunchFirst) {
      lunchStart = Math.max(arrive, lunchEarliest);
      t = lunchStart + lunch.minutes;
      wait += lunchStart - arrive;
    } else t = arrive;
    const start = Math.max(t, shop.opensMin);
    wait += start - t;
    const lateMinutes = Math.max(0, start + shop.visitMinutes - shop.closesMin);
    late += lateMinutes;
    const depart = start + shop.visitMinutes;
    stops.push({ arrive, start, depart, lateMinutes });
    t = depart + shop.visitMinutes * reserve;
    at = i + 1;
    if (lunchStart === null && t >= lunchEarliest) {
      lunchStart = t;
      t += lunch.minutes;
    }
  }
  // A day whose visits and driving fill less than the market minimum keeps the rest as free
  // market time after the last visit (unplanned visits, market information), as far as the
  // return to base by its hour and the longest day allow.
  const firstArrival = stops[0].arrive;
  const lunchBefore = lunchStart !== null ? lunch.minutes : 0;
  const home = travel(at, 0);
  const backBy = Math.min(parseClock(policy.backAtBaseBy.value), leaveBase + policy.maxDayMinutes.value);
  const span = t - firstArrival - lunchBefore;
  let free = Math.max(0, policy.marketMinutesMin.value - span);
  const lunchInFree = (end: number) => lunchStart === null && end > lunchEarliest;
  const finish = (pad: number) => t + pad + (lunchInFree(t + pad) ? lunch.minutes : 0);
  if (finish(free) + home > backBy) free = Math.max(0, free - (finish(free) + home - backBy));
  const marketEnd = finish(free);
  if (lunchInFree(t + free)) lunchStart = Math.max(t, lunchEarliest);
  let back = marketEnd + home;
  // A day that runs into the afternoon without a lunch stop lunches before driving back.
  if (lunchStart === null && back > lunchEarliest) {
    lunchStart = Math.max(marketEnd, lunchEarliest);
    back = lunchStart + lunch.minutes + home;
  }
  const lunchInMarket = lunchStart !== null && lunchStart < marketEnd ? lunch.minutes : 0;
  return {
    leaveBase,
    stops,
    backAtBase: back,
    lunchStart,
    freeMarketMinutes: free,
    marketMinutes: marketEnd - firstArrival - lunchInMarket,
    waitMinutes: Math.min(wait, Math.max(0, span - policy.marketMinutesMin.value)),
    lateMinutes: late,
    firstShopLateMinutes: Math.max(0, firstArrival - parseClock(policy.firstShopBy.value)),
    backLateMinutes: Math.max(0, back - parseClock(policy.backAtBaseBy.value)),
    lunchLateMinutes: lunchStart === null ? 0 : Math.max(0, lunchStart - lunchLatest),
  };
}

import { parseClock } from '../domain/clock.ts';
import type { Policy } from '../domain/policy.ts';
import { Segment } from '../solver/segments.ts';

/** A shop as a day's times need it: opening, closing, minutes of the visit. */
export interface TimedShop {
  readonly opensMin: number;
  readonly closesMin: number;
  readonly visitMinutes: number;
}

/**
 * The working clock: the day without lunch, on which the solver plans (lineInput.ts) and from
 * which the timetable takes its departure. Lunch comes off each shop's closing time, so it can
 * be placed afterwards without making anything late, and a shop opening after a whole lunch
 * fits from its earliest hour (an entertainment venue at 13:00) is always visited after lunch
 * (the timetable lunches in the wait for it), so on this clock it opens a lunch earlier. A
 * visit's time includes the reserve for unplanned visits.
 */
export function workingWindow(shop: TimedShop, policy: Policy): { service: number; ready: number; due: number } {
  const lunch = policy.lunch.value.minutes;
  const afterLunch = parseClock(policy.lunch.value.earliest) + lunch;
  return {
    service: shop.visitMinutes * (1 + policy.unplannedReserveShare.value),
    ready: shop.opensMin >= afterLunch ? shop.opensMin - lunch : shop.opensMin,
    due: shop.closesMin - shop.visitMinutes - lunch,
  };
}

/**
 * When to leave the base for stops in this order: the earliest departure that waits no more
 * than it must (the least duration, as the solver's segments count it), never before the
 * policy's earliest hour and never so late that the first shop is reached after its time
 * (or, if it opens later than that, after it opens).
 */
export function departure(order: readonly number[], shops: readonly TimedShop[], travel: (from: number, to: number) => number, policy: Policy): number {
  const earliest = parseClock(policy.leaveBaseEarliest.value);
  // A first shop that opens after the first-shop time breaks the rule whenever one leaves:
  // then leave to arrive as it opens.
  const latest = Math.max(parseClock(policy.firstShopBy.value), shops[order[0]].opensMin) - travel(0, order[0] + 1);
  if (latest <= earliest) return earliest;
  const s = new Segment();
  s.setNode(0, earliest, latest);
  let at = 0;
  for (const i of order) {
    const w = workingWindow(shops[i], policy);
    s.appendNode(travel(at, i + 1), w.service, w.ready, w.due);
    at = i + 1;
  }
  s.appendNode(travel(at, 0), 0, earliest, parseClock(policy.backAtBaseBy.value) - policy.lunch.value.minutes);
  return Math.min(Math.max(earliest, s.early), latest);
}

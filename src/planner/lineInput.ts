import type { Policy } from '../domain/policy.ts';
import { parseClock } from '../domain/clock.ts';
import { visitMinutes } from '../domain/visitRules.ts';
import type { CustomerInput, SolverInput, VehicleInput } from '../solver/index.ts';
import type { TravelMatrix } from '../travel/travelSource.ts';
import type { RetailerService } from './serviceRules.ts';
import { workingWindow } from './workingClock.ts';
import type { ServicePattern } from './visitPatterns.ts';

/**
 * A line's month as a solver instance, in minutes and yuan. Location 0 is the base and
 * location i + 1 the i-th retailer of `services`; one vehicle (the manager) a workday, none
 * on a blocked day. Times are on the working clock (workingClock.ts: lunch off the day).
 * - The manager leaves between the policy's earliest hour and the latest that reaches every
 *   shop that may come first by `firstBy` (the policy's first-shop time, or the line's later
 *   limit where no plan can keep it: firstShopLimit.ts); a shop not reached (or not open) by then
 *   cannot come first, and a shop too far to drive home from within the longest day, once a
 *   light day is topped up to its market hours, cannot come last: those drives from and to
 *   the base take longer than any day, so a plan using them is never feasible (hard rules,
 *   not prices).
 * - A day lasts at most the policy's longest day, less lunch, and waits at most its cap
 *   beyond the market hours it must fill anyway.
 * - Each day's in-person visits (demand 1 each) stay within the policy's band around the
 *   line's mean, days kept from an earlier plan counted in it, and every workday has one.
 */
export function lineInput(
  services: readonly RetailerService[],
  matrix: TravelMatrix,
  costYuan: Float64Array,
  policy: Policy,
  days: number,
  blocked: ReadonlySet<number>,
  kept: { readonly visits: number; readonly days: number },
  firstBy: number,
): SolverInput {
  if (matrix.size !== services.length + 1) throw new Error(`matrix has ${matrix.size} locations, expected the base and ${services.length} retailers`);
  const lunch = policy.lunch.value.minutes;
  const leave = parseClock(policy.leaveBaseEarliest.value);
  const n = matrix.size;
  const minutes = new Float64Array(matrix.seconds.length);
  for (let k = 0; k < minutes.length; k++) minutes[k] = matrix.seconds[k] / 60;
  // The drive home from the last shop once a light day has had its market hours.
  const policyFirstBy = parseClock(policy.firstShopBy.value);
  const cost = costYuan.slice();
  const homeMost = policy.maxDayMinutes.value - lunch - policy.marketMinutesMin.value - (firstBy - leave);
  let farthestFirst = 0;
  const customers = services.map((s, i): CustomerInput => {
    const w = workingWindow({ opensMin: s.retailer.opensMin, closesMin: s.retailer.closesMin, visitMinutes: s.inPersonMinutes ?? visitMinutes(s.retailer, 'in_person', policy) }, policy);
    const reached = Math.max(leave + minutes[i + 1], s.retailer.opensMin);
    if (reached > firstBy) minutes[i + 1] = NEVER;
    else farthestFirst = Math.max(farthestFirst, minutes[i + 1]);
    // Where the line's limit is later than the policy's, a day uses it only where it must.
    if (reached > policyFirstBy && reached <= firstBy) cost[i + 1] += LATE_FIRST_SHOP_YUAN_PER_MINUTE * (reached - policyFirstBy);
    if (minutes[(i + 1) * n] > homeMost) minutes[(i + 1) * n] += NEVER;
    const routed = s.patterns.filter((p) => p.inPersonMask !== 0);
    const skip = s.patterns.find((p) => p.inPersonMask === 0);
    return {
      location: i + 1,
      ...w,
      patterns: routed.map((p) => p.inPersonMask),
      patternCosts: routed.map((p) => p.cost),
      demand: 1,
      ...(skip ? { skipCost: skip.cost } : {}),
    };
  });
  const shift: VehicleInput = {
    start: 0,
    capacity: services.length,
    minLoad: 1,
    earliest: leave,
    // Leaving by then, any shop that may come first is reached by the first-shop time.
    latestStart: Math.max(leave, firstBy - farthestFirst),
    latest: parseClock(policy.backAtBaseBy.value) - lunch,
    maxDuration: policy.maxDayMinutes.value - lunch,
    maxWait: policy.maxWaitMinutesPerDay.value,
    // A light day spends its market hours in the market anyway: waiting within them is market
    // time, not a manager parked outside a closed door (the day's legs from and to the base
    // count in the duration, so this never lets through more waiting than the timetable shows).
    waitFree: policy.marketMinutesMin.value,
  };
  const vehicles = Array.from({ length: days }, (_, d) => (blocked.has(d) ? [] : [{ ...shift }]));
  return {
    days,
    locations: n,
    vehicles,
    customers,
    distance: matrix.metres,
    duration: minutes,
    cost,
    loadBand: { share: policy.dayVisitsBand.value, fixedLoad: kept.visits, fixedRoutes: kept.days },
  };
}

/** Minutes longer than any working day: a drive that makes every route using it infeasible. */
const NEVER = 24 * 60;

/** Yuan per minute a day's first shop is reached after the policy's time, within a line's later limit. */
const LATE_FIRST_SHOP_YUAN_PER_MINUTE = 100;

/** The pattern the solver chose for each retailer, from the in-person days it routed. */
export function chosenPatterns(services: readonly RetailerService[], visitDays: readonly number[]): ServicePattern[] {
  return services.map((s, i) => {
    const mask = visitDays[i] ?? 0;
    const p = s.patterns.find((x) => x.inPersonMask === mask);
    if (!p) throw new Error(`retailer ${s.retailer.id}: the solver chose days ${mask.toString(2)}, not one of its patterns`);
    return p;
  });
}

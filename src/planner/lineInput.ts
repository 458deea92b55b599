import type { Policy } from '../domain/policy.ts';
import { parseClock } from '../domain/clock.ts';
import { visitMinutes } from '../domain/visitRules.ts';
import type { CustomerInput, SolverInput, VehicleInput } from '../solver/index.ts';
import type { TravelMatrix } from '../travel/travelSource.ts';
import type { RetailerService } from './serviceRules.ts';
import type { ServicePattern } from './visitPatterns.ts';

/**
 * A line's month as a solver instance, in minutes and yuan. Location 0 is the base and
 * location i + 1 the i-th retailer of `services`; one vehicle (the manager) a workday, none
 * on a blocked day.
 *
 * The solver's clock is the working day without lunch: the lunch hour comes off the end of
 * the day, off the longest day and off each shop's closing time, so the timetable can place
 * it afterwards without making anything late, and waiting after it is only ever shorter. A
 * shop that opens after a whole lunch fits from its earliest hour (an entertainment venue at
 * 13:00) is always visited after lunch (the timetable lunches in the wait for it), so on the
 * solver's clock it opens a lunch earlier.
 * - The manager leaves at the policy's earliest hour sharp, and the drive from the base to a
 *   shop lasts until the shop opens: the timetable leaves later instead, so the first shop is
 *   reached exactly when the solver says and no waiting is hidden before it.
 * - A shop not reached (or not open) by the first-shop time cannot come first, and a shop too
 *   far to drive home from within the longest day, once a light day is topped up to its
 *   market hours, cannot come last: those drives from and to the base take longer than any
 *   day, so a plan using them is never feasible (hard rules, not prices).
 * - A day lasts at most the policy's longest day and waits at most its waiting cap (the
 *   solver's duration counts from the earliest departure, so it never understates the day).
 * - Each day's in-person visits (demand 1 each) stay within the policy's band around the
 *   line's mean, days kept from an earlier plan counted in it, and every workday has one.
 * - A visit's service time includes the policy's reserve for unplanned visits.
 */
export function lineInput(
  services: readonly RetailerService[],
  matrix: TravelMatrix,
  costYuan: Float64Array,
  policy: Policy,
  days: number,
  blocked: ReadonlySet<number>,
  kept: { readonly visits: number; readonly days: number },
): SolverInput {
  if (matrix.size !== services.length + 1) throw new Error(`matrix has ${matrix.size} locations, expected the base and ${services.length} retailers`);
  const lunch = policy.lunch.value.minutes;
  const reserve = 1 + policy.unplannedReserveShare.value;
  const leave = parseClock(policy.leaveBaseEarliest.value);
  const shift: VehicleInput = {
    start: 0,
    capacity: services.length,
    minLoad: 1,
    earliest: leave,
    latestStart: leave,
    latest: parseClock(policy.backAtBaseBy.value) - lunch,
    maxDuration: policy.maxDayMinutes.value - lunch,
    maxWait: policy.maxWaitMinutesPerDay.value,
  };
  const vehicles = Array.from({ length: days }, (_, d) => (blocked.has(d) ? [] : [{ ...shift }]));
  const afterLunch = parseClock(policy.lunch.value.earliest) + lunch;
  const customers = services.map((s, i): CustomerInput => {
    const minutes = visitMinutes(s.retailer, 'in_person', policy);
    const opens = s.retailer.opensMin;
    const routed = s.patterns.filter((p) => p.inPersonMask !== 0);
    const skip = s.patterns.find((p) => p.inPersonMask === 0);
    return {
      location: i + 1,
      service: minutes * reserve,
      ready: opens >= afterLunch ? opens - lunch : opens,
      due: s.retailer.closesMin - minutes - lunch,
      patterns: routed.map((p) => p.inPersonMask),
      patternCosts: routed.map((p) => p.cost),
      demand: 1,
      ...(skip ? { skipCost: skip.cost } : {}),
    };
  });
  const n = matrix.size;
  const minutes = new Float64Array(matrix.seconds.length);
  for (let k = 0; k < minutes.length; k++) minutes[k] = matrix.seconds[k] / 60;
  const toFirstMost = parseClock(policy.firstShopBy.value) - leave;
  // The drive home from the last shop once a light day has had its market hours.
  const homeMost = policy.maxDayMinutes.value - lunch - policy.marketMinutesMin.value - toFirstMost;
  services.forEach((s, i) => {
    // From the base, a shop is "reached" when it opens: the manager leaves that much later.
    const reached = Math.max(minutes[i + 1], s.retailer.opensMin - leave);
    minutes[i + 1] = reached > toFirstMost ? NEVER : reached;
    if (minutes[(i + 1) * n] > homeMost) minutes[(i + 1) * n] += NEVER;
  });
  return {
    days,
    locations: n,
    vehicles,
    customers,
    distance: matrix.metres,
    duration: minutes,
    cost: costYuan,
    loadBand: { share: policy.dayVisitsBand.value, fixedLoad: kept.visits, fixedRoutes: kept.days },
  };
}

/** Minutes longer than any working day: a drive that makes every route using it infeasible. */
const NEVER = 24 * 60;

/** The pattern the solver chose for each retailer, from the in-person days it routed. */
export function chosenPatterns(services: readonly RetailerService[], visitDays: readonly number[]): ServicePattern[] {
  return services.map((s, i) => {
    const mask = visitDays[i] ?? 0;
    const p = s.patterns.find((x) => x.inPersonMask === mask);
    if (!p) throw new Error(`retailer ${s.retailer.id}: the solver chose days ${mask.toString(2)}, not one of its patterns`);
    return p;
  });
}

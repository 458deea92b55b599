import type { Policy } from '../domain/policy.ts';
import { parseClock } from '../domain/clock.ts';
import { visitMinutes } from '../domain/visitRules.ts';
import type { CustomerInput, SolverInput, VehicleInput } from '../solver/index.ts';
import type { TravelMatrix } from '../travel/travelSource.ts';
import type { RetailerService } from './serviceRules.ts';
import { popcount, type ServicePattern } from './visitPatterns.ts';

/**
 * A line's month as a solver instance, in minutes and yuan. Location 0 is the base and
 * location i + 1 the i-th retailer of `services`; one vehicle (the manager) a workday, none
 * on a blocked day. A visit's service time includes the policy's reserve for unplanned
 * visits, so the plan leaves that time free; the lunch hour comes off the end of the shift
 * and off each shop's closing time, so it can be placed in the day afterwards without
 * making anything late. Uneven days are priced as the policy asks: each day's in-person
 * visit minutes above the line's mean cost the policy's yuan per hour (a soft capacity).
 */
export function lineInput(
  services: readonly RetailerService[],
  matrix: TravelMatrix,
  costYuan: Float64Array,
  policy: Policy,
  days: number,
  blocked: ReadonlySet<number>,
): SolverInput {
  const lunch = policy.lunch.value.minutes;
  const reserve = 1 + policy.unplannedReserveShare.value;
  // The mean day's visit minutes, counting each retailer's cheapest pattern.
  const workdays = days - blocked.size;
  const load = services.reduce((s, x) => s + popcount(x.patterns[0]?.inPersonMask ?? 0) * visitMinutes(x.retailer, 'in_person', policy) * reserve, 0);
  const perHour = policy.penaltyYuanPerImbalanceHour.value;
  const balance = perHour > 0 && workdays > 0 && load > 0;
  const shift: VehicleInput = {
    start: 0,
    capacity: balance ? load / workdays : Number.POSITIVE_INFINITY,
    earliest: parseClock(policy.leaveBaseEarliest.value),
    latest: parseClock(policy.backAtBaseBy.value) - lunch,
  };
  const vehicles = Array.from({ length: days }, (_, d) => (blocked.has(d) ? [] : [{ ...shift }]));
  const customers = services.map((s, i): CustomerInput => {
    const minutes = visitMinutes(s.retailer, 'in_person', policy);
    const routed = s.patterns.filter((p) => p.inPersonMask !== 0);
    const skip = s.patterns.find((p) => p.inPersonMask === 0);
    return {
      location: i + 1,
      service: minutes * reserve,
      ready: s.retailer.opensMin,
      due: s.retailer.closesMin - minutes - lunch,
      patterns: routed.map((p) => p.inPersonMask),
      patternCosts: routed.map((p) => p.cost),
      demand: minutes * reserve,
      ...(skip ? { skipCost: skip.cost } : {}),
    };
  });
  const minutes = new Float64Array(matrix.seconds.length);
  for (let k = 0; k < minutes.length; k++) minutes[k] = matrix.seconds[k] / 60;
  return {
    days,
    locations: matrix.size,
    vehicles,
    customers,
    distance: matrix.metres,
    duration: minutes,
    cost: costYuan,
    ...(balance ? { softCapacityPrice: perHour / 60 } : {}),
  };
}

/** The pattern the solver chose for each retailer, from the in-person days it routed. */
export function chosenPatterns(services: readonly RetailerService[], visitDays: readonly number[]): ServicePattern[] {
  return services.map((s, i) => {
    const mask = visitDays[i] ?? 0;
    const p = s.patterns.find((x) => x.inPersonMask === mask);
    if (!p) throw new Error(`retailer ${s.retailer.id}: the solver chose days ${mask.toString(2)}, not one of its patterns`);
    return p;
  });
}


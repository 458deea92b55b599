import { Workdays } from '../../src/domain/calendar.ts';
import type { LinePlan, Plan, PlanFigures } from '../../src/domain/plan.ts';
import type { PlanRequest } from '../../src/planner/api.ts';

/**
 * A stand-in for the city planner in the service benchmarks: 17 in-person stops and 2
 * phone visits a day per line, from the line's own shops (the day payload is the size the
 * real planner's is, ~6 kB). Instant and deterministic.
 */
export function syntheticPlan(request: PlanRequest): Plan {
  const zero: PlanFigures = {
    workdays: 5, yuan: 0, fuelYuan: 0, phoneYuan: 0, km: 0, litres: 0, ascentM: 0, visits: 0, inPersonVisits: 0, remoteVisits: 0, inPersonShare: 0,
    visitsPerDay: 0, marketHoursPerDay: { min: 0, mean: 0, max: 0 }, spacingErrorDays: 0, dayImbalanceHours: 0, lateMinutes: 0,
    firstShopLateDays: 0, backLateDays: 0, shortMarketDays: 0, notPlaced: 0,
    inPersonPerDay: { min: 0, mean: 0, max: 0 }, dayHours: { min: 0, mean: 0, max: 0 }, waitMinutesPerDay: { mean: 0, max: 0 }, emptyWorkdays: 0, earlyLeaveDays: 0, longDays: 0, longWaitDays: 0, unbalancedDays: 0,
  };
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const dates = new Workdays(request.dataset.calendar).next(request.start, request.weeks * 5);
  const lines: LinePlan[] = request.dataset.lines.map((l) => {
    const shops = request.dataset.retailers.filter((r) => r.line === l.line).map((r) => r.id);
    return {
      line: l.line, manager: l.manager, figures: zero, baseline: zero, notPlaced: [],
      days: dates.map((date, d) => {
        // Round the line's shops, so that four weeks have full days too.
        const from = (d * 19) % Math.max(shops.length, 1);
        const today = [...shops, ...shops].slice(from, from + 19);
        return {
          date, blocked: false, leaveBase: '08:00', backAtBase: '17:20', lunch: '12:10',
          stops: today.slice(0, 17).map((retailer, i) => ({ retailer, arrive: hhmm(510 + i * 22), start: hhmm(510 + i * 22), depart: hhmm(525 + i * 22), legKm: 1.234, legMinutes: 3.4 })),
          remote: today.slice(17).map((retailer) => ({ retailer, mode: 'phone' as const })),
          returnKm: 4.2, km: 25.3, ascentM: 40, litres: 2.1, yuan: 15.7, marketMinutes: 380, freeMarketMinutes: 0, waitMinutes: 0, lateMinutes: 0, firstShopLateMinutes: 0, backLateMinutes: 0,
        };
      }),
    };
  });
  return { start: request.start, weeks: request.weeks, seed: 1, figures: zero, baseline: zero, ratios: { yuan: 1, fuelYuan: 1, km: 1, litres: 1 }, lines };
}

import type { Day, Figures, LinePlan } from '../../src/web/types.ts';

export const figures = (over: Partial<Figures> = {}): Figures => ({
  workdays: 5, yuan: 0, fuelYuan: 0, phoneYuan: 0, km: 0, litres: 0, visits: 0, inPersonVisits: 0, remoteVisits: 0, inPersonShare: 0, visitsPerDay: 0,
  marketHoursPerDay: { min: 0, mean: 0, max: 0 }, dayHours: { min: 0, mean: 0, max: 0 }, lateMinutes: 0, emptyWorkdays: 0, earlyLeaveDays: 0,
  firstShopLateDays: 0, backLateDays: 0, shortMarketDays: 0, longDays: 0, longWaitDays: 0, unbalancedDays: 0, notPlaced: 0, ...over,
});

/** A day from a compact description: in-person retailers in order, remote ones as `id:phone` / `id:online`. */
export function day(date: string, stops: string[] = [], remote: string[] = [], over: Partial<Day> = {}): Day {
  return {
    date, blocked: false, leaveBase: stops.length ? '07:30' : null, backAtBase: stops.length ? '16:00' : null,
    stops: stops.map((retailer, i) => ({ retailer, arrive: `08:${String(10 + i).padStart(2, '0')}`, start: '08:10', depart: '08:30', legKm: 2, legMinutes: 5 })),
    remote: remote.map((r) => ({ retailer: r.split(':')[0], mode: r.split(':')[1] as 'phone' | 'online' })),
    km: 10, marketMinutes: 360, lateMinutes: 0, ...over,
  };
}

export function linePlan(days: Day[], over: Partial<LinePlan> = {}): LinePlan {
  return { plan: 'p1', parent: null, line: 'L01', manager: '王', figures: figures(), baseline: figures(), days, replan: null, rules: { marketMinutesMin: 300, maxDayMinutes: 570 }, ...over };
}

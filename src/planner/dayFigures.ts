import type { PlanFigures, PlannedDay } from '../domain/plan.ts';

/** What the days alone do not tell. */
export interface VisitCounts {
  readonly visits: number;
  readonly remoteVisits: number;
  readonly phoneYuan: number;
  readonly strayDays: number;
  readonly notPlaced: number;
  readonly marketMinutesMin: number;
}

/** A line's figures from its days. */
export function lineFigures(days: readonly PlannedDay[], counts: VisitCounts): PlanFigures {
  const working = days.filter((d) => !d.blocked);
  const active = working.filter((d) => d.stops.length > 0);
  const market = active.map((d) => d.marketMinutes / 60);
  const hours = active.map((d) => (clock(d.backAtBase) - clock(d.leaveBase)) / 60);
  const sum = (f: (d: PlannedDay) => number) => days.reduce((s, d) => s + f(d), 0);
  const fuelYuan = sum((d) => d.yuan);
  const inPerson = sum((d) => d.stops.length);
  return {
    workdays: working.length,
    yuan: fuelYuan + counts.phoneYuan,
    fuelYuan,
    phoneYuan: counts.phoneYuan,
    km: sum((d) => d.km),
    litres: sum((d) => d.litres),
    ascentM: sum((d) => d.ascentM),
    visits: counts.visits,
    inPersonVisits: inPerson,
    remoteVisits: counts.remoteVisits,
    inPersonShare: counts.visits === 0 ? 1 : inPerson / counts.visits,
    visitsPerDay: working.length === 0 ? 0 : counts.visits / working.length,
    marketHoursPerDay: {
      min: market.length ? Math.min(...market) : 0,
      mean: market.length ? market.reduce((a, b) => a + b, 0) / market.length : 0,
      max: market.length ? Math.max(...market) : 0,
    },
    spacingErrorDays: counts.visits === 0 ? 0 : counts.strayDays / counts.visits,
    dayImbalanceHours: hours.length ? Math.max(...hours) - Math.min(...hours) : 0,
    lateMinutes: sum((d) => d.lateMinutes),
    firstShopLateDays: active.filter((d) => d.firstShopLateMinutes > 0).length,
    backLateDays: active.filter((d) => d.backLateMinutes > 0).length,
    shortMarketDays: active.filter((d) => d.marketMinutes < counts.marketMinutesMin - 1e-6).length,
    notPlaced: counts.notPlaced,
  };
}

/** The city's figures: sums, and means over lines of the per-line balances. */
export function cityFigures(lines: readonly PlanFigures[]): PlanFigures {
  const sum = (f: (x: PlanFigures) => number) => lines.reduce((s, x) => s + f(x), 0);
  const workdays = sum((x) => x.workdays);
  const visits = sum((x) => x.visits);
  const inPerson = sum((x) => x.inPersonVisits);
  const weighted = (f: (x: PlanFigures) => number) => (workdays === 0 ? 0 : sum((x) => f(x) * x.workdays) / workdays);
  return {
    workdays,
    yuan: sum((x) => x.yuan),
    fuelYuan: sum((x) => x.fuelYuan),
    phoneYuan: sum((x) => x.phoneYuan),
    km: sum((x) => x.km),
    litres: sum((x) => x.litres),
    ascentM: sum((x) => x.ascentM),
    visits,
    inPersonVisits: inPerson,
    remoteVisits: sum((x) => x.remoteVisits),
    inPersonShare: visits === 0 ? 1 : inPerson / visits,
    visitsPerDay: workdays === 0 ? 0 : visits / workdays,
    marketHoursPerDay: {
      min: lines.length ? Math.min(...lines.map((x) => x.marketHoursPerDay.min)) : 0,
      mean: weighted((x) => x.marketHoursPerDay.mean),
      max: lines.length ? Math.max(...lines.map((x) => x.marketHoursPerDay.max)) : 0,
    },
    spacingErrorDays: visits === 0 ? 0 : sum((x) => x.spacingErrorDays * x.visits) / visits,
    dayImbalanceHours: lines.length ? sum((x) => x.dayImbalanceHours) / lines.length : 0,
    lateMinutes: sum((x) => x.lateMinutes),
    firstShopLateDays: sum((x) => x.firstShopLateDays),
    backLateDays: sum((x) => x.backLateDays),
    shortMarketDays: sum((x) => x.shortMarketDays),
    notPlaced: sum((x) => x.notPlaced),
  };
}

function clock(hhmm: string | null): number {
  if (hhmm === null) return 0;
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

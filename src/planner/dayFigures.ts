import { parseClock } from '../domain/clock.ts';
import type { PlanFigures, PlannedDay } from '../domain/plan.ts';
import type { Policy } from '../domain/policy.ts';
import { outsideBand } from './dayBand.ts';

/** What the days alone do not tell. */
export interface VisitCounts {
  readonly visits: number;
  readonly remoteVisits: number;
  readonly phoneYuan: number;
  readonly strayDays: number;
  readonly notPlaced: number;
}

/** The working day's rules as the figures count their breaks. */
export interface DayRules {
  readonly marketMinutesMin: number;
  readonly maxDayMinutes: number;
  readonly maxWaitMinutes: number;
  readonly leaveEarliest: number;
  readonly bandShare: number;
}

export function dayRules(policy: Policy): DayRules {
  return {
    marketMinutesMin: policy.marketMinutesMin.value,
    maxDayMinutes: policy.maxDayMinutes.value,
    maxWaitMinutes: policy.maxWaitMinutesPerDay.value,
    leaveEarliest: parseClock(policy.leaveBaseEarliest.value),
    bandShare: policy.dayVisitsBand.value,
  };
}

/** Minutes of slack for times printed to the minute. */
const CLOCK_SLACK = 1;

/**
 * A line's figures from its days. Every workday that is not blocked counts: one without
 * stops is an empty workday, with no market time and no visits, never left out of a figure.
 */
export function lineFigures(days: readonly PlannedDay[], counts: VisitCounts, rules: DayRules): PlanFigures {
  const working = days.filter((d) => !d.blocked);
  const driving = working.filter((d) => d.stops.length > 0);
  const sum = (f: (d: PlannedDay) => number) => days.reduce((s, d) => s + f(d), 0);
  const fuelYuan = sum((d) => d.yuan);
  const inPerson = sum((d) => d.stops.length);
  const length = (d: PlannedDay) => (d.leaveBase === null || d.backAtBase === null ? 0 : minutesOf(d.backAtBase) - minutesOf(d.leaveBase));
  const meanInPerson = working.length === 0 ? 0 : working.reduce((s, d) => s + d.stops.length, 0) / working.length;
  const count = (list: readonly PlannedDay[], broken: (d: PlannedDay) => boolean) => list.filter(broken).length;
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
    inPersonPerDay: range(working.map((d) => d.stops.length)),
    marketHoursPerDay: range(working.map((d) => (d.stops.length > 0 ? d.marketMinutes / 60 : 0))),
    dayHours: range(driving.map((d) => length(d) / 60)),
    waitMinutesPerDay: { mean: working.length === 0 ? 0 : working.reduce((s, d) => s + d.waitMinutes, 0) / working.length, max: Math.max(0, ...working.map((d) => d.waitMinutes)) },
    spacingErrorDays: counts.visits === 0 ? 0 : counts.strayDays / counts.visits,
    dayImbalanceHours: working.length === 0 ? 0 : (Math.max(...working.map(length)) - Math.min(...working.map(length))) / 60,
    lateMinutes: sum((d) => d.lateMinutes),
    emptyWorkdays: count(working, (d) => d.stops.length === 0),
    earlyLeaveDays: count(driving, (d) => minutesOf(d.leaveBase as string) < rules.leaveEarliest),
    firstShopLateDays: count(driving, (d) => d.firstShopLateMinutes > 0),
    backLateDays: count(driving, (d) => d.backLateMinutes > 0),
    shortMarketDays: count(working, (d) => d.stops.length === 0 || d.marketMinutes < rules.marketMinutesMin - 1e-6),
    longDays: count(driving, (d) => length(d) > rules.maxDayMinutes + CLOCK_SLACK),
    longWaitDays: count(working, (d) => d.waitMinutes > rules.maxWaitMinutes + CLOCK_SLACK),
    unbalancedDays: count(working, (d) => outsideBand(d.stops.length, meanInPerson, rules.bandShare)),
    notPlaced: counts.notPlaced,
  };
}

/** Breaks of the day rules the figures count, each day once per rule it breaks. */
export function dayRuleBreaks(f: PlanFigures): number {
  return f.emptyWorkdays + f.earlyLeaveDays + f.firstShopLateDays + f.backLateDays + f.shortMarketDays + f.longDays + f.longWaitDays + f.unbalancedDays;
}

/** The city's figures: sums, extremes over lines, and means over lines weighted by their workdays. */
export function cityFigures(lines: readonly PlanFigures[]): PlanFigures {
  const sum = (f: (x: PlanFigures) => number) => lines.reduce((s, x) => s + f(x), 0);
  const workdays = sum((x) => x.workdays);
  const visits = sum((x) => x.visits);
  const inPerson = sum((x) => x.inPersonVisits);
  const weighted = (f: (x: PlanFigures) => number) => (workdays === 0 ? 0 : sum((x) => f(x) * x.workdays) / workdays);
  const extremes = (f: (x: PlanFigures) => PlanFigures['marketHoursPerDay']) => ({
    min: lines.length ? Math.min(...lines.map((x) => f(x).min)) : 0,
    mean: weighted((x) => f(x).mean),
    max: lines.length ? Math.max(...lines.map((x) => f(x).max)) : 0,
  });
  const driving = (x: PlanFigures) => x.workdays - x.emptyWorkdays;
  const drivingDays = sum(driving);
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
    inPersonPerDay: extremes((x) => x.inPersonPerDay),
    marketHoursPerDay: extremes((x) => x.marketHoursPerDay),
    dayHours: {
      ...extremes((x) => x.dayHours),
      mean: drivingDays === 0 ? 0 : sum((x) => x.dayHours.mean * driving(x)) / drivingDays,
    },
    waitMinutesPerDay: { mean: weighted((x) => x.waitMinutesPerDay.mean), max: lines.length ? Math.max(...lines.map((x) => x.waitMinutesPerDay.max)) : 0 },
    spacingErrorDays: visits === 0 ? 0 : sum((x) => x.spacingErrorDays * x.visits) / visits,
    dayImbalanceHours: lines.length ? sum((x) => x.dayImbalanceHours) / lines.length : 0,
    lateMinutes: sum((x) => x.lateMinutes),
    emptyWorkdays: sum((x) => x.emptyWorkdays),
    earlyLeaveDays: sum((x) => x.earlyLeaveDays),
    firstShopLateDays: sum((x) => x.firstShopLateDays),
    backLateDays: sum((x) => x.backLateDays),
    shortMarketDays: sum((x) => x.shortMarketDays),
    longDays: sum((x) => x.longDays),
    longWaitDays: sum((x) => x.longWaitDays),
    unbalancedDays: sum((x) => x.unbalancedDays),
    notPlaced: sum((x) => x.notPlaced),
  };
}

/** Minutes after midnight of HH:MM; today's practice on an overloaded line can come back after midnight ("24:48"). */
function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function range(xs: readonly number[]): PlanFigures['marketHoursPerDay'] {
  if (xs.length === 0) return { min: 0, mean: 0, max: 0 };
  return { min: Math.min(...xs), mean: xs.reduce((a, b) => a + b, 0) / xs.length, max: Math.max(...xs) };
}

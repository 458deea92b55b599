import type { Figures, FiguresAnswer, LineFigures } from './types.ts';

/** One row of the city's figures: the plan beside today's practice. */
export interface CityRow {
  key: string;
  plan: number;
  today: number;
  unit: string;
  /** plan / today; null where today is 0 (a ratio would say nothing true). */
  ratio: number | null;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/**
 * The figures the issue names, in order: fuel, km, litres, in-person share, market hours,
 * rule breaks, days with no market time, longest day. Rule breaks add up every rule a day
 * broke (a day breaking two counts twice), as the figures count them.
 */
export function cityRows(plan: Figures, today: Figures): CityRow[] {
  const row = (key: string, unit: string, pick: (f: Figures) => number): CityRow => ({ key, unit, plan: pick(plan), today: pick(today), ratio: ratio(pick(plan), pick(today)) });
  return [
    row('fuelYuan', '¥', (f) => f.fuelYuan),
    row('km', 'km', (f) => f.km),
    row('litres', 'L', (f) => f.litres),
    row('inPersonShare', '%', (f) => f.inPersonShare * 100),
    row('marketHours', 'h', (f) => f.marketHoursPerDay.mean),
    row('ruleBreaks', '', ruleBreaks),
    row('emptyWorkdays', '', (f) => f.emptyWorkdays),
    row('longestDay', 'h', (f) => f.dayHours.max),
  ];
}

/** Days breaking a rule of the working day, each rule counted apart. */
export function ruleBreaks(f: Figures): number {
  return f.earlyLeaveDays + f.firstShopLateDays + f.backLateDays + f.shortMarketDays + f.longDays + f.longWaitDays;
}

/** One line in the per-line table. */
export interface LineRow {
  line: string;
  manager: string;
  /** Fuel yuan over today's; null when today's is 0. */
  fuelRatio: number | null;
  /** Km scaled to a month of 20 workdays (the seed's month). */
  kmPerMonth: number;
  emptyDays: number;
  longestDayHours: number;
  visitsPerDay: number;
  error: string | null;
}

export const WORKDAYS_PER_MONTH = 20;

export function lineRows(lines: LineFigures[]): LineRow[] {
  return lines.map((l) => ({
    line: l.line,
    manager: l.manager,
    fuelRatio: ratio(l.figures.fuelYuan, l.baseline.fuelYuan),
    // A line with no workday (all blocked) has no month to scale to: 0 km, not NaN.
    kmPerMonth: l.figures.workdays === 0 ? 0 : (l.figures.km / l.figures.workdays) * WORKDAYS_PER_MONTH,
    emptyDays: l.figures.emptyWorkdays,
    longestDayHours: l.figures.dayHours.max,
    visitsPerDay: l.figures.visitsPerDay,
    error: l.error,
  }));
}

export type SortKey = Exclude<keyof LineRow, 'error'>;

/** Rows sorted by a column; nulls (no ratio) last either way, then by line id so the order is stable. */
export function sortRows(rows: LineRow[], key: SortKey, descending: boolean): LineRow[] {
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? a.line.localeCompare(b.line) : x === null ? 1 : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c === 0 ? a.line.localeCompare(b.line) : descending ? -c : c;
  });
}

/** The answer's rows and the city rows at once. */
export function shapeFigures(a: FiguresAnswer): { city: CityRow[]; lines: LineRow[] } {
  return { city: cityRows(a.figures, a.baseline), lines: lineRows(a.lines) };
}

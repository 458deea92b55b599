import { addDays, weekday, Workdays, type Calendar, type IsoDate } from '../domain/calendar.ts';

/** The workdays a plan covers: those of the calendar in [start, start + 7 × weeks). */
export interface Horizon {
  readonly start: IsoDate;
  readonly weeks: number;
  readonly days: readonly IsoDate[];
  /** ISO weekday (1 Monday … 7 Sunday) of each day; a make-up Saturday counts as itself. */
  readonly weekdays: readonly number[];
}

export function planHorizon(calendar: Calendar, start: IsoDate, weeks: number): Horizon {
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 4) throw new Error(`weeks must be 1 to 4, got ${weeks}`);
  const days = new Workdays(calendar).between(start, addDays(start, 7 * weeks));
  return { start, weeks, days, weekdays: days.map(weekday) };
}

/**
 * Workday index of a past date relative to the horizon (0 = its first workday): how many
 * workdays lie between them, negative for a date before the start.
 */
export function workdayOffset(calendar: Calendar, start: IsoDate, date: IsoDate): number {
  const w = new Workdays(calendar);
  if (date >= start) return w.between(start, date).length;
  return -w.between(date, start).length;
}

import { parseHhmm } from './clock.ts';
import type { Day, LinePlan } from './types.ts';
import { mondayOf } from './weekPlace.ts';

export type DayFlag = 'blocked' | 'empty' | 'short' | 'long' | 'late';

/** A calendar cell: a day's visits by mode, its market hours and what is wrong with it. */
export interface CalendarDay {
  date: string;
  inPerson: number;
  phone: number;
  online: number;
  marketHours: number;
  /** From leaving the base to coming back; 0 on a day that does not drive. */
  dayHours: number;
  flags: DayFlag[];
}

/**
 * Flags a day by the policy's bounds: empty (a workday with no visit), short (under the
 * market minimum), long (over the longest day), late (minutes past a shop's closing or
 * the first-shop or back-at-base hour). A blocked day is only blocked.
 */
export function calendarDay(d: Day, rules: LinePlan['rules']): CalendarDay {
  const phone = d.remote.filter((r) => r.mode === 'phone').length;
  const dayMinutes = d.leaveBase && d.backAtBase ? parseHhmm(d.backAtBase) - parseHhmm(d.leaveBase) : 0;
  const flags: DayFlag[] = [];
  if (d.blocked) flags.push('blocked');
  else {
    if (d.stops.length + d.remote.length === 0) flags.push('empty');
    if (d.marketMinutes < rules.marketMinutesMin) flags.push('short');
    if (dayMinutes > rules.maxDayMinutes) flags.push('long');
    if (d.lateMinutes > 0) flags.push('late');
  }
  return { date: d.date, inPerson: d.stops.length, phone, online: d.remote.length - phone, marketHours: d.marketMinutes / 60, dayHours: dayMinutes / 60, flags };
}

/** The line's days in weeks of five (Monday first), for a days × visits grid. */
export function calendarWeeks(plan: LinePlan): CalendarDay[][] {
  const weeks: CalendarDay[][] = [];
  for (const d of plan.days) {
    const cell = calendarDay(d, plan.rules);
    const last = weeks[weeks.length - 1];
    if (!last || mondayOf(last[0].date) !== mondayOf(d.date)) weeks.push([cell]);
    else last.push(cell);
  }
  return weeks;
}

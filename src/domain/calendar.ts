import { z } from 'zod';

/** A date as `YYYY-MM-DD`, local to the city: the planner's calendar knows no time zones. */
export type IsoDate = string;

/** A real calendar date written `YYYY-MM-DD`. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

const day = z.object({ date: IsoDateSchema, name: z.string().min(1) }).strict();

/**
 * Which days are workdays: Monday to Friday, less public holidays, plus the make-up
 * working weekends that China's State Council sets each year. A planner edits it as data.
 */
export const CalendarSchema = z
  .object({
    region: z.string().min(1),
    source: z.string().min(1),
    holidays: z.array(day),
    workingWeekends: z.array(day),
  })
  .strict()
  .superRefine((cal, ctx) => {
    cal.workingWeekends.forEach((d, i) => {
      const w = weekday(d.date);
      if (w >= 1 && w <= 5) ctx.addIssue({ code: 'custom', path: ['workingWeekends', i, 'date'], message: `${d.date} is not a weekend day` });
    });
    const holidays = new Set(cal.holidays.map((d) => d.date));
    cal.workingWeekends.forEach((d, i) => {
      if (holidays.has(d.date)) ctx.addIssue({ code: 'custom', path: ['workingWeekends', i, 'date'], message: `${d.date} is also a holiday` });
    });
  });
export type Calendar = z.infer<typeof CalendarSchema>;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(date: IsoDate): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The date `days` calendar days after `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole calendar days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A compiled calendar answering "is this a workday" in O(1). */
export class Workdays {
  readonly #holidays: Set<IsoDate>;
  readonly #working: Set<IsoDate>;

  constructor(calendar: Calendar) {
    this.#holidays = new Set(calendar.holidays.map((d) => d.date));
    this.#working = new Set(calendar.workingWeekends.map((d) => d.date));
  }

  isWorkday(date: IsoDate): boolean {
    if (this.#working.has(date)) return true;
    return weekday(date) <= 5 && !this.#holidays.has(date);
  }

  /** The first `count` workdays on or after `from`. */
  next(from: IsoDate, count: number): IsoDate[] {
    const out: IsoDate[] = [];
    for (let d = from; out.length < count; d = addDays(d, 1)) {
      if (this.isWorkday(d)) out.push(d);
      if (daysBetween(from, d) > 366 + count * 7) throw new Error(`fewer than ${count} workdays in a year from ${from}`);
    }
    return out;
  }

  /** Workdays in [from, to), both ISO dates. */
  between(from: IsoDate, to: IsoDate): IsoDate[] {
    const out: IsoDate[] = [];
    for (let d = from; d < to; d = addDays(d, 1)) if (this.isWorkday(d)) out.push(d);
    return out;
  }
}

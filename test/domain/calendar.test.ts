import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { addDays, CalendarSchema, daysBetween, weekday, Workdays } from '../../src/domain/calendar.ts';

const cn = CalendarSchema.parse(JSON.parse(readFileSync(new URL('../../data/calendar/cn.json', import.meta.url), 'utf8')));
const w = new Workdays(cn);

describe('China calendar 2026', () => {
  test('the Spring Festival week is off; the make-up Saturdays before and after are workdays', () => {
    expect(w.between('2026-02-14', '2026-03-02')).toEqual(['2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28']);
  });

  test('New Year 2027 falls in the four weeks from 2026-12-07, leaving 19 workdays', () => {
    const days = w.next('2026-12-07', 19);
    expect(days[0]).toBe('2026-12-07');
    expect(days.at(-1)).toBe('2026-12-31');
    expect(days).not.toContain('2027-01-01');
    expect(w.between('2026-12-07', '2027-01-04')).toHaveLength(19);
  });

  test('weekday and day arithmetic', () => {
    expect([weekday('2026-12-07'), weekday('2026-12-13')]).toEqual([1, 7]);
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  });

  test('a working weekend must be a weekend day, and not also a holiday', () => {
    const bad = { ...cn, workingWeekends: [{ date: '2026-12-08', name: 'x' }, { date: '2026-02-15', name: 'y' }] };
    const r = CalendarSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'workingWeekends.0.date: 2026-12-08 is not a weekend day',
      'workingWeekends.1.date: 2026-02-15 is also a holiday',
    ]);
  });

  test('a date that does not exist is refused', () => {
    const r = CalendarSchema.safeParse({ ...cn, holidays: [{ date: '2026-02-30', name: 'z' }] });
    expect(r.error?.issues[0].message).toBe('not a calendar date');
  });
});

describe('a calendar with too few workdays', () => {
  // Every day off from 2026-01-05 (a Monday) for `off` days: the search for workdays gives up
  // past a year and a week per workday asked for (366 + 7 days for one).
  const allOff = (off: number) => new Workdays({ region: 'test', source: 'test', holidays: Array.from({ length: off }, (_, i) => ({ date: addDays('2026-01-05', i), name: 'off' })), workingWeekends: [] });

  test('a workday 373 days on is still found', () => {
    expect(weekday(addDays('2026-01-05', 373))).toBe(3);
    expect(allOff(373).next('2026-01-05', 1)).toEqual([addDays('2026-01-05', 373)]);
  });

  test('none in 366 + 7 days: an error naming the count and the start', () => {
    expect(() => allOff(374).next('2026-01-05', 1)).toThrow(new Error('fewer than 1 workdays in a year from 2026-01-05'));
  });
});

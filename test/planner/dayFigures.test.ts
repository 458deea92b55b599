/**
 * A line's figures from hand-made days, each rule's break counted on the day that breaks it
 * and on no other; the city's figures from two lines, weighted as they say.
 * Demo policy: market ≥ 300 min, day ≤ 570 min, waiting ≤ 45 min, leave from 07:00, band ±40%.
 */
import { describe, expect, test } from 'vitest';
import type { PlannedDay } from '../../src/domain/plan.ts';
import { cityFigures, dayRuleBreaks, lineFigures, type DayRules } from '../../src/planner/dayFigures.ts';

const rules: DayRules = { marketMinutesMin: 300, maxDayMinutes: 570, maxWaitMinutes: 45, leaveEarliest: 7 * 60, bandShare: 0.4 };

function day(date: string, stops: number, over: Partial<PlannedDay> = {}): PlannedDay {
  return {
    date, blocked: false, leaveBase: null, backAtBase: null, lunch: null,
    stops: Array.from({ length: stops }, () => ({}) as PlannedDay['stops'][number]), remote: [],
    returnKm: 0, km: 0, ascentM: 0, litres: 0, yuan: 0, marketMinutes: 0, freeMarketMinutes: 0,
    waitMinutes: 0, lateMinutes: 0, firstShopLateMinutes: 0, backLateMinutes: 0, ...over,
  };
}

const DAYS: PlannedDay[] = [
  day('2026-12-07', 0, { blocked: true }),
  // 9 h, nothing broken.
  day('2026-12-08', 4, { leaveBase: '07:30', backAtBase: '16:30', km: 40, litres: 4, yuan: 30, ascentM: 200, marketMinutes: 320, waitMinutes: 10 }),
  // 9 h 45 min (long), 50 min waiting (long), first shop 5 min late, 3 min past a closing.
  day('2026-12-09', 6, { leaveBase: '07:00', backAtBase: '16:45', km: 60, litres: 6, yuan: 50, ascentM: 300, marketMinutes: 400, waitMinutes: 50, firstShopLateMinutes: 5, lateMinutes: 3 }),
  // Leaves 06:50 (early), 200 market minutes (short); 46 min of waiting is within the minute's slack.
  day('2026-12-10', 1, { leaveBase: '06:50', backAtBase: '12:00', km: 15, litres: 1.5, yuan: 10, ascentM: 50, marketMinutes: 200, waitMinutes: 46 }),
  // An empty workday.
  day('2026-12-11', 0),
  // Back 20 min after 17:30 and 10 h 10 min out; exactly 300 market minutes is enough.
  day('2026-12-14', 5, { leaveBase: '07:40', backAtBase: '17:50', km: 50, litres: 5, yuan: 40, ascentM: 250, marketMinutes: 300, waitMinutes: 20, backLateMinutes: 20, lateMinutes: 2 }),
];
const COUNTS = { visits: 20, remoteVisits: 4, phoneYuan: 6, strayDays: 5, notPlaced: 1 };

describe("a line's figures", () => {
  const f = lineFigures(DAYS, COUNTS, rules);

  test('sums over the days, the blocked one a day off; the share over all visits', () => {
    expect({ workdays: f.workdays, fuelYuan: f.fuelYuan, phoneYuan: f.phoneYuan, yuan: f.yuan, km: f.km, litres: f.litres, ascentM: f.ascentM }).toEqual({
      workdays: 5, fuelYuan: 130, phoneYuan: 6, yuan: 136, km: 165, litres: 16.5, ascentM: 800,
    });
    expect({ visits: f.visits, inPerson: f.inPersonVisits, remote: f.remoteVisits, share: f.inPersonShare, perDay: f.visitsPerDay, spacing: f.spacingErrorDays, late: f.lateMinutes, notPlaced: f.notPlaced }).toEqual({
      visits: 20, inPerson: 16, remote: 4, share: 0.8, perDay: 4, spacing: 0.25, late: 5, notPlaced: 1,
    });
  });

  test('ranges: the empty workday counts in visits, market hours and waiting, not in day length', () => {
    expect(f.inPersonPerDay).toEqual({ min: 0, mean: 16 / 5, max: 6 });
    expect(f.marketHoursPerDay.min).toBe(0);
    expect(f.marketHoursPerDay.max).toBeCloseTo(400 / 60, 12);
    expect(f.marketHoursPerDay.mean).toBeCloseTo(1220 / 60 / 5, 12);
    expect(f.dayHours.min).toBeCloseTo(310 / 60, 12);
    expect(f.dayHours.max).toBeCloseTo(610 / 60, 12);
    expect(f.dayHours.mean).toBeCloseTo(2045 / 60 / 4, 12);
    expect(f.waitMinutesPerDay).toEqual({ mean: 126 / 5, max: 50 });
    // Longest day out against the empty one's none.
    expect(f.dayImbalanceHours).toBeCloseTo(610 / 60, 12);
  });

  test('each break on the days that break it', () => {
    expect({
      empty: f.emptyWorkdays, early: f.earlyLeaveDays, firstShopLate: f.firstShopLateDays, backLate: f.backLateDays,
      shortMarket: f.shortMarketDays, long: f.longDays, longWait: f.longWaitDays, unbalanced: f.unbalancedDays,
    }).toEqual({
      // Band 3.2 ± 40% = 1.92..4.48: 6, 1, 0 and 5 visits are out, 4 is in.
      empty: 1, early: 1, firstShopLate: 1, backLate: 1, shortMarket: 2, long: 2, longWait: 1, unbalanced: 4,
    });
    expect(dayRuleBreaks(f)).toBe(13);
  });

  test('a minute of slack on the day and the wait; none on the market minimum', () => {
    const edge = lineFigures(
      [
        day('2026-12-08', 3, { leaveBase: '07:00', backAtBase: '16:31', marketMinutes: 299.5, waitMinutes: 45 }),
        day('2026-12-09', 3, { leaveBase: '07:00', backAtBase: '16:32', marketMinutes: 300, waitMinutes: 46.5 }),
      ],
      { ...COUNTS, visits: 6 },
      rules,
    );
    expect([edge.longDays, edge.longWaitDays, edge.shortMarketDays, edge.unbalancedDays]).toEqual([1, 1, 1, 0]);
  });

  test('an empty workday is short of market time even where the policy asks for none', () => {
    const empty = lineFigures([day('2026-12-08', 0), day('2026-12-09', 2, { leaveBase: '07:00', backAtBase: '09:00', marketMinutes: 0 })], { ...COUNTS, visits: 2 }, { ...rules, marketMinutesMin: 0 });
    expect([empty.emptyWorkdays, empty.shortMarketDays]).toEqual([1, 1]);
  });

  test('no days: zeros, and a share of 1', () => {
    const none = lineFigures([], { visits: 0, remoteVisits: 0, phoneYuan: 0, strayDays: 0, notPlaced: 0 }, rules);
    expect(none).toMatchObject({ workdays: 0, inPersonShare: 1, visitsPerDay: 0, spacingErrorDays: 0, dayImbalanceHours: 0, waitMinutesPerDay: { mean: 0, max: 0 } });
    expect([none.inPersonPerDay, none.dayHours]).toEqual([{ min: 0, mean: 0, max: 0 }, { min: 0, mean: 0, max: 0 }]);
  });
});

describe("the city's figures", () => {
  const a = lineFigures(DAYS, COUNTS, rules);
  const b = lineFigures([day('2026-12-08', 4, { leaveBase: '07:30', backAtBase: '16:30', km: 40, yuan: 30, marketMinutes: 320, waitMinutes: 10 })], { visits: 4, remoteVisits: 0, phoneYuan: 0, strayDays: 2, notPlaced: 0 }, rules);
  const c = cityFigures([a, b]);

  test('sums and shares over both lines', () => {
    expect({ workdays: c.workdays, km: c.km, yuan: c.yuan, visits: c.visits, inPerson: c.inPersonVisits, empty: c.emptyWorkdays, unbalanced: c.unbalancedDays, long: c.longDays, notPlaced: c.notPlaced }).toEqual({
      workdays: 6, km: 205, yuan: 166, visits: 24, inPerson: 20, empty: 1, unbalanced: 4, long: 2, notPlaced: 1,
    });
    expect(c.inPersonShare).toBeCloseTo(20 / 24, 12);
    expect(c.visitsPerDay).toBe(4);
  });

  test('means weighted by workdays, day length by days out, spacing by visits; extremes over lines', () => {
    expect(c.inPersonPerDay.mean).toBeCloseTo((3.2 * 5 + 4) / 6, 12);
    expect([c.inPersonPerDay.min, c.inPersonPerDay.max]).toEqual([0, 6]);
    expect(c.dayHours.mean).toBeCloseTo((2045 / 60 + 9) / 5, 12);
    expect(c.dayHours.max).toBeCloseTo(610 / 60, 12);
    expect(c.waitMinutesPerDay.mean).toBeCloseTo((126 + 10) / 6, 12);
    expect(c.waitMinutesPerDay.max).toBe(50);
    expect(c.spacingErrorDays).toBeCloseTo((5 + 2) / 24, 12);
    expect(c.dayImbalanceHours).toBeCloseTo(610 / 60 / 2, 12);
  });

  test('lines with no day out and no visit: day length and spacing error 0, not NaN', () => {
    const idle = lineFigures([day('2026-12-11', 0)], { visits: 0, remoteVisits: 0, phoneYuan: 0, strayDays: 0, notPlaced: 0 }, rules);
    const both = cityFigures([idle, idle]);
    expect([both.workdays, both.dayHours.mean, both.spacingErrorDays]).toEqual([2, 0, 0]);
  });

  test('no lines: zeros, and a share of 1', () => {
    expect(cityFigures([])).toMatchObject({ workdays: 0, visits: 0, inPersonShare: 1, visitsPerDay: 0, dayImbalanceHours: 0, inPersonPerDay: { min: 0, mean: 0, max: 0 } });
  });
});

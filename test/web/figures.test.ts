import { describe, expect, it } from 'vitest';
import { cityRows, lineRows, ruleBreaks, sortRows } from '../../src/web/figures.ts';
import { figures } from './fixtures.ts';

describe('city figures beside today', () => {
  it('gives the issue\'s figures in order, with plan / today and no ratio where today is 0', () => {
    const plan = figures({ fuelYuan: 900, km: 1200, litres: 120, inPersonShare: 0.6, marketHoursPerDay: { min: 5, mean: 5.5, max: 6 }, earlyLeaveDays: 1, longDays: 2, emptyWorkdays: 0, dayHours: { min: 6, mean: 8, max: 9.5 } });
    const today = figures({ fuelYuan: 1000, km: 1500, litres: 150, inPersonShare: 1, marketHoursPerDay: { min: 4, mean: 6, max: 7 }, shortMarketDays: 4, emptyWorkdays: 0, dayHours: { min: 7, mean: 9, max: 12 } });
    const rows = cityRows(plan, today);
    expect(rows.map((r) => r.key)).toEqual(['fuelYuan', 'km', 'litres', 'inPersonShare', 'marketHours', 'ruleBreaks', 'emptyWorkdays', 'longestDay']);
    expect(rows[0]).toEqual({ key: 'fuelYuan', unit: '¥', plan: 900, today: 1000, ratio: 0.9 });
    expect(rows[3]).toMatchObject({ plan: 60, today: 100, ratio: 0.6 });
    expect(rows[5]).toMatchObject({ plan: 3, today: 4, ratio: 0.75 });
    expect(rows[6]).toMatchObject({ plan: 0, today: 0, ratio: null });
    expect(rows[7]).toMatchObject({ plan: 9.5, today: 12 });
  });

  it('counts every rule a day broke, one by one', () => {
    expect(ruleBreaks(figures({ earlyLeaveDays: 1, firstShopLateDays: 2, backLateDays: 3, shortMarketDays: 4, longDays: 5, longWaitDays: 6, unbalancedDays: 100 }))).toBe(21);
  });
});

describe('the per-line table', () => {
  const lines = [
    { line: 'L02', manager: '李', figures: figures({ fuelYuan: 80, km: 300, workdays: 5, emptyWorkdays: 1, dayHours: { min: 0, mean: 7, max: 9 }, visitsPerDay: 12 }), baseline: figures({ fuelYuan: 100 }), notPlaced: 0, error: null },
    { line: 'L01', manager: '王', figures: figures({ fuelYuan: 50, km: 100, workdays: 4 }), baseline: figures({ fuelYuan: 0 }), notPlaced: 0, error: null },
    { line: 'L03', manager: '赵', figures: figures({ fuelYuan: 90, km: 0, workdays: 0 }), baseline: figures({ fuelYuan: 100 }), notPlaced: 0, error: 'solve failed' },
  ];

  it('scales km to a month of 20 workdays and leaves no ratio where today burns no fuel', () => {
    const rows = lineRows(lines);
    expect(rows[0]).toEqual({ line: 'L02', manager: '李', fuelRatio: 0.8, kmPerMonth: 1200, emptyDays: 1, longestDayHours: 9, visitsPerDay: 12, error: null });
    expect(rows[1].fuelRatio).toBeNull();
    expect(rows[1].kmPerMonth).toBe(500);
    expect(rows[2]).toMatchObject({ kmPerMonth: 0, error: 'solve failed' });
  });

  it('sorts by any column, both ways, with lines without a ratio last', () => {
    const rows = lineRows(lines);
    expect(sortRows(rows, 'fuelRatio', false).map((r) => r.line)).toEqual(['L02', 'L03', 'L01']);
    expect(sortRows(rows, 'fuelRatio', true).map((r) => r.line)).toEqual(['L03', 'L02', 'L01']);
    expect(sortRows(rows, 'kmPerMonth', true).map((r) => r.line)).toEqual(['L02', 'L01', 'L03']);
    expect(sortRows(rows, 'manager', false).map((r) => r.manager)).toEqual(['李', '王', '赵'].sort((a, b) => a.localeCompare(b)));
  });
});

import { describe, expect, it } from 'vitest';
import { PlanSchema } from '../../src/domain/plan.ts';
import { addDays, weekday as isoWeekday } from '../../src/domain/calendar.ts';
import { PlanExportError, planLookup, planWeek, round } from '../../src/io/exportPlan.ts';
import { LINES, RETAILERS, fixturePlan } from './exportFixture.ts';

function caught(f: () => unknown): PlanExportError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PlanExportError);
    return e as PlanExportError;
  }
  throw new Error('expected a PlanExportError');
}

describe('the fixture', () => {
  it('is a plan the schema accepts, so the exports are tested on the planner\'s shape', () => {
    expect(() => PlanSchema.parse(fixturePlan())).not.toThrow();
  });
});

describe('planLookup', () => {
  it('finds every line and retailer the plan names', () => {
    const lookup = planLookup(fixturePlan(), RETAILERS, LINES);
    expect(lookup.line('L02').manager).toBe('李娜');
    expect(lookup.retailer('R0104').name).toBe('山里人家');
  });

  it('names every unknown id once, with where it first shows up', () => {
    const plan = fixturePlan();
    plan.lines[0].days[1].stops[0].retailer = 'R9999';
    plan.lines[0].days[1].remote[0].retailer = 'R9999';
    plan.lines[1].days[1].remote[0].retailer = 'R8888';
    plan.lines[1].notPlaced[0].retailer = 'R7777';
    plan.lines[1].line = 'L09';
    const e = caught(() => planLookup(plan, RETAILERS, LINES));
    expect(e.message).toBe(
      'the plan names lines missing from the dataset: L09; the plan names retailers missing from the dataset: ' +
        'R9999 (line L01 on 2025-03-11), R8888 (line L09 on 2025-03-11), R7777 (line L09, not placed)',
    );
    expect(e.unknownRetailers).toEqual(['R9999', 'R8888', 'R7777']);
    expect(e.unknownLines).toEqual(['L09']);
  });

  it('lists the first 20 unknown retailers and counts the rest', () => {
    const plan = fixturePlan();
    plan.lines[0].days[0].remote = Array.from({ length: 23 }, (_, i) => ({ retailer: `X${i + 1}`, mode: 'phone' as const }));
    const e = caught(() => planLookup(plan, RETAILERS, LINES));
    expect(e.message).toMatch(/X20 \(line L01 on 2025-03-04\) … and 3 more$/);
    expect(e.unknownRetailers).toHaveLength(23);
  });
});

describe('dates and numbers', () => {
  it('weekday, plan week and day arithmetic in UTC whatever the machine zone', () => {
    expect(isoWeekday('2025-03-03')).toBe(1);
    expect(isoWeekday('2025-03-09')).toBe(7);
    expect(planWeek('2025-03-03', '2025-03-09')).toBe(1);
    expect(planWeek('2025-03-03', '2025-03-10')).toBe(2);
    expect(addDays('2025-02-24', 6)).toBe('2025-03-02');
  });

  it('rounds half away from zero and never gives -0', () => {
    expect(round(114.07123456, 6)).toBe(114.071235);
    expect(round(2.345, 2)).toBe(2.35);
    expect(round(-2.345, 2)).toBe(-2.35);
    expect(Object.is(round(-0.0000001, 2), 0)).toBe(true);
  });
});

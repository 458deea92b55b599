/** The phone's day names what each in-person visit is for (issue 15): routine, the month's analysis, the quarter's re-evaluation. */
import { expect, test } from 'vitest';
import { CalendarSchema } from '../../src/domain/calendar.ts';
import { dayRows } from '../../src/service/plans/dayView.ts';
import { ManagerDaySchema } from '../../src/service/plans/daySchema.ts';
import { LINES, RETAILERS, fixturePlan } from '../io/exportFixture.ts';
import { demoPolicy } from '../support/smallCity.ts';

test("each stop of a manager's day carries its kind, routine where the plan names none", async () => {
  const plan = fixturePlan();
  plan.lines[0].days[0].stops[0].kind = 'analysis';
  plan.lines[0].days[0].stops[2].kind = 'reevaluation';
  const dataset = { retailers: RETAILERS, lines: LINES, policy: demoPolicy(), calendar: CalendarSchema.parse({ region: 't', source: 't', holidays: [], workingWeekends: [] }), warnings: [] };
  const rows = await dayRows('p1', plan, dataset);
  const day = ManagerDaySchema.parse(JSON.parse(rows.find((r) => r.line === 'L01' && r.date === '2025-03-04')!.body));
  expect(day.stops.map((s) => `${s.retailer} ${s.kind}`)).toEqual(['R0001 analysis', 'R0002 routine', 'R0003 reevaluation']);
});

/**
 * The work standard's other duties in the plan (issue 15): the month's analysis visit to each
 * first-batch retailer, the quarter's re-evaluations of second-batch retailers. The figures
 * are recomputed here from the calendar and the plan's own stops; the plan is read by the
 * independent checker with the calendar (which re-derives both duties).
 */
import { describe, expect, test } from 'vitest';
import { addDays, Workdays } from '../../src/domain/calendar.ts';
import type { LinePlan } from '../../src/domain/plan.ts';
import type { VisitRecord } from '../../src/domain/visitRecord.ts';
import { dutyTask, probeServices, quarterOf, reevaluationsDue, splitDutyVisits } from '../../src/planner/duties.ts';
import { lineTasks } from '../../src/planner/planCity.ts';
import { planHorizon } from '../../src/planner/horizon.ts';
import { TerrainModel, terrainModelParams } from '../../src/travel/terrainModel.ts';
import { checkPlanRules } from '../../checks/planRules.ts';
import { planLineTerrain } from '../support/planLineTerrain.ts';
import { cnCalendar, smallCity, START } from '../support/smallCity.ts';

const calendar = cnCalendar();
const workdays = new Workdays(calendar);
const record = (retailer: string, date: string, kind: VisitRecord['kind'], outcome: VisitRecord['outcome'] = 'done'): VisitRecord => ({
  retailer, date, mode: 'in_person', outcome, ...(outcome === 'failed' ? { reason: 'closed' as const } : {}), ...(kind ? { kind } : {}),
});

describe('dutyTask: the months and quarters of a horizon, and what the records say is done', () => {
  const horizon = planHorizon(calendar, '2026-11-30', 4).days;
  const task = dutyTask(calendar, horizon, horizon, [
    record('A', '2026-11-10', 'analysis'),
    record('B', '2026-11-11', 'analysis', 'failed'),
    record('C', '2026-12-01', 'analysis'), // inside the horizon: the plan's own business
    record('X', '2026-10-15', 'reevaluation'),
    record('Y', '2026-06-01', 'reevaluation'),
    record('Y', '2026-03-01', 'reevaluation'),
    record('Z', '2026-10-20', 'routine'),
  ]);

  test('months: their days in the horizon, whether the plan holds all of them, analyses recorded before it', () => {
    expect(task.months.map((m) => ({ ...m, days: m.days.length }))).toEqual([
      { month: '2026-11', days: 1, wholeMonth: false, doneBefore: ['A'] },
      { month: '2026-12', days: horizon.length - 1, wholeMonth: false, doneBefore: [] },
    ]);
  });

  test("quarters: workdays counted from the calendar, re-evaluations recorded in the quarter, each retailer's last", () => {
    const all = workdays.between('2026-10-01', '2027-01-01').length;
    const elapsed = workdays.between('2026-10-01', addDays(horizon[horizon.length - 1], 1)).length;
    expect(task.quarters).toEqual([{ quarter: '2026-Q4', days: horizon.map((_, d) => d), quarterWorkdays: all, elapsedWorkdays: elapsed, doneBefore: ['X'] }]);
    expect(task.lastReevaluated).toEqual({ X: '2026-10-15', Y: '2026-06-01' });
    expect(quarterOf('2026-12-31')).toEqual({ quarter: '2026-Q4', first: '2026-10-01', next: '2027-01-01' });
    expect(quarterOf('2027-04-01')).toEqual({ quarter: '2027-Q2', first: '2027-04-01', next: '2027-07-01' });
  });

  test("the quarter's share by the plan's end: the count (at most the line's eligible), pro rata, rounded up", () => {
    const policy = smallCity(7).policy;
    expect(reevaluationsDue({ quarterWorkdays: 62, elapsedWorkdays: 58 }, 40, policy)).toBe(15); // 14.03 up
    expect(reevaluationsDue({ quarterWorkdays: 62, elapsedWorkdays: 20 }, 40, policy)).toBe(5); // 4.84 up
    expect(reevaluationsDue({ quarterWorkdays: 62, elapsedWorkdays: 62 }, 10, policy)).toBe(10);
    expect(reevaluationsDue({ quarterWorkdays: 60, elapsedWorkdays: 20 }, 40, policy)).toBe(5); // exactly 5
  });
});

describe('splitDutyVisits: each duty visit a customer of its own, on its day', () => {
  const city = smallCity(7);
  const shop = (id: string, cls: 'modern1' | 'modern2') => ({ ...city.retailers[0], id, class: cls });
  // Fortnightly: in person on days 3 and 13, or on 4 and 14 (dearer), or remote on 13.
  const fortnightly = (id: string) => ({
    retailer: shop(id, 'modern2'),
    remoteMode: 'phone' as const,
    patterns: [
      { days: [3, 13], inPersonMask: (1 << 3) | (1 << 13), remoteDays: [], strayDays: 0, cost: 0 },
      { days: [4, 14], inPersonMask: (1 << 4) | (1 << 14), remoteDays: [], strayDays: 2, cost: 10 },
      { days: [3, 13], inPersonMask: 1 << 3, remoteDays: [13], strayDays: 0, cost: 3 },
    ],
  });

  test('the retailer keeps its patterns with that day, less it; the duty visit lasts its own minutes', () => {
    const a = fortnightly('A');
    const plan = { analysis: new Map(), reevaluation: new Map([['A', { mask: (1 << 20) - 1, target: 12 }]]) };
    const split = splitDutyVisits(plan, [a], [7], city.policy, [(1 << 3) | (1 << 13)]);
    // The probe's days, the nearer its aim: 13. Left: the pattern in person on 3 and 13, less 13.
    expect(split.services.map((s) => s.patterns.map((p) => p.inPersonMask))).toEqual([[1 << 3], [1 << 13]]);
    expect(split.index).toEqual([7, 7]);
    expect(split.services[1].inPersonMinutes).toBe(city.policy.reevaluationVisitMinutes.value);
    expect([...split.kinds]).toEqual([[1, 'reevaluation']]);
    // The pattern remote on 13 is gone with it; the one on 4 and 14 too.
    expect(split.services[0].patterns[0].days).toEqual([3, 13]);
  });

  test('no day takes more than two re-evaluations while others are open to the retailer', () => {
    const shops = ['A', 'B', 'C', 'D', 'E'].map(fortnightly);
    const plan = { analysis: new Map(), reevaluation: new Map(shops.map((s) => [s.retailer.id, { mask: (1 << 20) - 1, target: 3 }])) };
    // The probe routed all five on 3 and 13: the fifth goes to its other pattern's day 4.
    const split = splitDutyVisits(plan, shops, [0, 1, 2, 3, 4], city.policy, shops.map(() => (1 << 3) | (1 << 13)));
    const days = split.services.filter((_, k) => split.kinds.has(k)).map((s) => Math.log2(s.patterns[0].inPersonMask));
    expect(days).toEqual([3, 13, 3, 13, 4]);
    expect(split.services[4].patterns.map((p) => p.days)).toEqual([[4, 14]]);
  });

  test("a month's analyses go on their first in-person days, at most a fair share on one", () => {
    const weekly = (id: string, first: number) => ({
      retailer: shop(id, 'modern1'),
      remoteMode: null,
      patterns: [0, 1].map((shift) => {
        const days = [first + shift, first + shift + 5, first + shift + 10, first + shift + 15];
        return { days, inPersonMask: days.reduce((m, d) => m | (1 << d), 0), remoteDays: [], strayDays: shift, cost: 5 * shift };
      }),
    });
    const shops = ['A', 'B', 'C', 'D'].map((id) => weekly(id, 1));
    const month = (1 << 20) - 2; // days 1 to 19
    const plan = { analysis: new Map(shops.map((s) => [s.retailer.id, [month]])), reevaluation: new Map() };
    // The probe put all four on day 1 (their cheapest phase); days 1 and 2 are on offer: two each.
    const split = splitDutyVisits(plan, shops, [0, 1, 2, 3], city.policy, shops.map((s) => s.patterns[0].inPersonMask));
    const duty = split.services.filter((_, k) => split.kinds.get(k) === 'analysis').map((s) => Math.log2(s.patterns[0].inPersonMask));
    expect(duty).toEqual([1, 1, 2, 2]);
    // Each retailer keeps only its patterns with no in-person day of the month before its analysis.
    expect(split.services.slice(0, 4).map((s) => s.patterns.map((p) => p.strayDays))).toEqual([[0], [0], [1], [1]]);
  });
});

describe('probeServices: the first solve carries the duties\' minutes spread over the visits', () => {
  const city = smallCity(7);
  const service = (id: string, cls: 'modern1' | 'modern2' | 'ordinary', visits: number[]) => ({
    retailer: { ...city.retailers[0], id, class: cls },
    remoteMode: null,
    patterns: [{ days: visits, inPersonMask: visits.reduce((m, d) => m | (1 << d), 0), remoteDays: [], strayDays: 0, cost: 0 }],
  });
  test("an analysis's 15 extra minutes over a weekly terminal's four visits, a re-evaluation's 25 on a fortnightly shop's two; others as they are", () => {
    const weekly = service('A', 'modern1', [1, 6, 11, 16]);
    const fortnightly = service('B', 'modern2', [3, 13]);
    const other = service('C', 'ordinary', [5]);
    const plan = { analysis: new Map([['A', [(1 << 20) - 2]]]), reevaluation: new Map([['B', { mask: (1 << 20) - 1, target: 3 }]]) };
    const probed = probeServices(plan, [weekly, fortnightly, other], city.policy);
    expect(probed.map((s) => s.inPersonMinutes)).toEqual([25 + 15 / 4, 15 + 25 / 2, undefined]);
    // Two months' analyses: twice the extra minutes.
    const twoMonths = { analysis: new Map([['A', [0b11110, 0b11110 << 5]]]), reevaluation: new Map() };
    expect(probeServices(twoMonths, [weekly], city.policy)[0].inPersonMinutes).toBe(25 + 30 / 4);
  });
});

describe('a four-week plan of the small city carries its duties', () => {
  const city = smallCity(7);
  const model = new TerrainModel(city.terrain, terrainModelParams(city.policy));
  const days = workdays.between(START, addDays(START, 28));
  const plan = (history: VisitRecord[] = []) =>
    lineTasks({ dataset: { ...city, warnings: [] }, start: START, weeks: 4, seed: 1, history }, { iterationsPerLine: 300 }, 1).map((t) => planLineTerrain(t, model));
  const stopsOf = (lp: LinePlan, kind: string) => lp.days.flatMap((d) => d.stops.filter((s) => (s.kind ?? 'routine') === kind).map((s) => ({ date: d.date, ...s })));
  const quarterDue = (eligible: number) => {
    const target = Math.min(city.policy.reevaluationsPerQuarter.value, eligible);
    return Math.ceil((target * workdays.between('2026-10-01', addDays(days[days.length - 1], 1)).length) / workdays.between('2026-10-01', '2027-01-01').length);
  };
  const lines = plan();

  test('every rule and both duties hold (independent checker, with the calendar)', () => {
    expect(checkPlanRules({ lines }, city, { travel: model, days, weeks: 4, calendar }).violations).toEqual([]);
  });

  test("each first-batch retailer's first in-person visit of the month is its analysis, at the policy's length", () => {
    for (const lp of lines) {
      const modern1 = city.retailers.filter((r) => r.line === lp.line && r.class === 'modern1');
      const analyses = stopsOf(lp, 'analysis');
      expect(analyses.map((a) => a.retailer).sort()).toEqual(modern1.map((r) => r.id).sort());
      for (const a of analyses) {
        const first = lp.days.find((d) => d.stops.some((s) => s.retailer === a.retailer))!;
        expect(first.date).toBe(a.date);
        const [h0, m0] = a.start.split(':').map(Number);
        const [h1, m1] = a.depart.split(':').map(Number);
        expect(h1 * 60 + m1 - (h0 * 60 + m0)).toBe(city.policy.analysisVisitMinutes.value);
      }
      expect(lp.duties?.analysis).toEqual([{ month: '2026-11', retailers: modern1.length, doneBefore: 0, planned: modern1.length, missing: 0, wholeMonth: false }]);
    }
  });

  test("the quarter's re-evaluations due by the plan's end, second-batch retailers in person, spread over the weeks", () => {
    for (const lp of lines) {
      const modern2 = city.retailers.filter((r) => r.line === lp.line && r.class === 'modern2');
      const re = stopsOf(lp, 'reevaluation');
      const due = quarterDue(modern2.length);
      expect(re).toHaveLength(due);
      expect(new Set(re.map((r) => r.retailer)).size).toBe(due);
      for (const r of re) expect(modern2.some((m) => m.id === r.retailer)).toBe(true);
      // Not all in one week.
      expect(new Set(re.map((r) => Math.floor(days.indexOf(r.date) / 5))).size).toBeGreaterThan(1);
      expect(lp.duties?.reevaluation).toEqual([
        expect.objectContaining({ quarter: '2026-Q4', dueByPlanEnd: due, doneBefore: 0, planned: due, eligible: modern2.length, onCourse: true }),
      ]);
    }
  });

  test('the checker names a missing analysis, an analysis out of place and a quarter behind', () => {
    const lp: LinePlan = structuredClone(lines[0]);
    const analysis = lp.days.flatMap((d) => d.stops.map((s) => ({ date: d.date, s }))).find((x) => x.s.kind === 'analysis')!;
    const later = lp.days.find((d) => d.date > analysis.date && d.stops.some((s) => s.retailer === analysis.s.retailer))!;
    delete analysis.s.kind;
    later.stops.find((s) => s.retailer === analysis.s.retailer)!.kind = 'analysis';
    const re = lp.days.flatMap((d) => d.stops).find((s) => s.kind === 'reevaluation')!;
    delete re.kind;
    const modern2 = city.retailers.filter((r) => r.line === lp.line && r.class === 'modern2').length;
    const due = quarterDue(modern2);
    const v = checkPlanRules({ lines: [lp] }, city, { travel: model, days, weeks: 4, calendar }).violations;
    // The shortened visits are timed for their old kinds, so the checker also finds their lengths wrong.
    expect(v.filter((x) => !x.includes('visit lasts'))).toEqual([
      `${lp.line}: 0 re-evaluations recorded and ${due - 1} planned in the quarter from 2026-10-01, under the ${due} due by ${days[days.length - 1]} (${Math.min(15, modern2)} a quarter, ${workdays.between('2026-10-01', addDays(days[days.length - 1], 1)).length} of ${workdays.between('2026-10-01', '2027-01-01').length} workdays)`,
      `${lp.line} ${analysis.date} ${analysis.s.retailer}: the first in-person visit of 2026-11 is routine, expected the monthly analysis`,
      `${lp.line} ${later.date} ${analysis.s.retailer}: an analysis visit after the first in-person visit in 2026-11`,
    ].sort((a, b) => (a.includes('re-evaluations') ? 1 : b.includes('re-evaluations') ? -1 : a.localeCompare(b))));
  });

  test('with history: those re-evaluated this quarter count and are not chosen again; never re-evaluated first, then the oldest', () => {
    const modern2 = city.retailers.filter((r) => r.line === 'L001' && r.class === 'modern2').map((r) => r.id);
    const [d1, d2, ...rest] = modern2;
    const old = rest.slice(0, rest.length - 2); // re-evaluated long ago, oldest first in this list
    const history = [
      record(d1, '2026-10-12', 'reevaluation'),
      record(d2, '2026-10-13', 'reevaluation'),
      ...old.map((id, k) => record(id, `2026-0${1 + (k % 9)}-1${k % 10}`, 'reevaluation')),
    ];
    const lp = plan(history)[0];
    expect(checkPlanRules({ lines: [lp] }, city, { travel: model, days, weeks: 4, calendar, records: history }).violations).toEqual([]);
    const due = quarterDue(modern2.length);
    const chosen = stopsOf(lp, 'reevaluation').map((s) => s.retailer);
    expect(chosen).toHaveLength(due - 2);
    expect(chosen).not.toContain(d1);
    expect(chosen).not.toContain(d2);
    // The two never re-evaluated, then the oldest by their last date.
    const never = rest.slice(rest.length - 2);
    const lastOf = new Map(history.map((h) => [h.retailer, h.date]));
    const expected = [...never, ...old.sort((a, b) => lastOf.get(a)!.localeCompare(lastOf.get(b)!))].slice(0, due - 2);
    expect([...chosen].sort()).toEqual([...expected].sort());
    expect(lp.duties?.reevaluation[0]).toMatchObject({ doneBefore: 2, planned: due - 2, onCourse: true });
  });
});

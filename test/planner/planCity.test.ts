import { describe, expect, test } from 'vitest';
import type { LinePlan, Plan } from '../../src/domain/plan.ts';
import type { PlanRequest } from '../../src/planner/api.ts';
import { cityFigures } from '../../src/planner/dayFigures.ts';
import { lineTasks, mergePlan } from '../../src/planner/planCity.ts';
import { frequencyOf } from '../../checks/planRules.ts';
import { smallCity } from '../support/smallCity.ts';

const city = smallCity(3);
const dataset = { retailers: city.retailers, lines: city.lines, policy: city.policy, calendar: city.calendar, warnings: [] };
const base: PlanRequest = { dataset, start: '2026-11-02', weeks: 4, seed: 1 };
const empty = cityFigures([]);
const linePlan = (line: string, tag: string): LinePlan => ({ line, manager: tag, figures: empty, baseline: empty, notPlaced: [], days: [] });
const previous: Plan = { start: '2026-11-02', weeks: 4, seed: 1, figures: empty, baseline: empty, ratios: { yuan: 0, fuelYuan: 0, km: 0, litres: 0 }, lines: city.lines.map((l) => linePlan(l.line, 'old')) };

describe('city planner tasks', () => {
  test('one task per line with its own retailers, in the lines order', () => {
    const tasks = lineTasks(base, {}, 2);
    expect(tasks.map((t) => t.line.line)).toEqual(city.lines.map((l) => l.line));
    for (const t of tasks) expect(t.retailers.every((r) => r.line === t.line.line)).toBe(true);
    expect(tasks[0].dates).toHaveLength(20);
  });

  test('the budget is shared by visits due (to the power 1.5); a one-line re-plan gets its share of the default, at least 2 s', () => {
    const all = lineTasks({ ...base, timeLimitMs: 10_000 }, {}, 2);
    const visits = all.map((t) => t.retailers.reduce((s, r) => s + frequencyOf(r, city.policy), 0) ** 1.5);
    const total = visits.reduce((a, b) => a + b, 0);
    all.forEach((t, i) => expect(t.timeLimitMs).toBeCloseTo((10_000 * 0.8 * 2 * visits[i]) / total, 6));
    const one = lineTasks({ ...base, previous, lines: [city.lines[0].line] }, {}, 2);
    expect(one).toHaveLength(1);
    expect(one[0].timeLimitMs).toBeCloseTo(Math.max(2000, (60_000 * 1) / city.lines.length) * 0.8, 6);
  });

  test('blocked days and closed shops become day indices of their own line', () => {
    const [a, b] = city.lines.map((l) => l.line);
    const shop = city.retailers.find((r) => r.line === b)!.id;
    const tasks = lineTasks({ ...base, blocked: [{ line: a, date: '2026-11-04' }], closed: [{ retailer: shop, date: '2026-11-05' }] }, {}, 2);
    expect(tasks[0].blocked).toEqual([2]);
    expect(tasks[1].blocked).toEqual([]);
    expect(tasks[1].closed).toEqual({ [shop]: [3] });
    expect(tasks[0].closed).toEqual({});
  });

  test('unknown lines and a re-plan over another horizon are refused', () => {
    expect(() => lineTasks({ ...base, lines: ['L999'] }, {}, 2)).toThrow('unknown line(s): L999');
    expect(() => lineTasks({ ...base, start: '2026-11-09', previous, lines: [city.lines[0].line] }, {}, 2)).toThrow(
      "a re-plan of some lines keeps the previous plan's horizon (2026-11-02, 4 weeks), not 2026-11-09, 4 weeks",
    );
  });
});

describe('merging', () => {
  test('a re-plan of one line keeps every other line of the previous plan as it was', () => {
    const [a] = city.lines.map((l) => l.line);
    const merged = mergePlan({ ...base, previous, lines: [a] }, [linePlan(a, 'new')]);
    expect(merged.lines.map((l) => [l.line, l.manager])).toEqual(city.lines.map((l) => [l.line, l.line === a ? 'new' : 'old']));
  });

  test('without a previous plan, the lines are the ones planned', () => {
    const planned = city.lines.map((l) => linePlan(l.line, 'x'));
    expect(mergePlan(base, planned).lines).toBe(planned);
  });
});

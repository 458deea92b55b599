/**
 * The rules checker itself, on hand-made plans: a clean one, then one rule broken at a time,
 * each with its exact message. Legs come from the travel model (the ground truth); times are
 * written by hand with room to spare, so only the broken rule speaks.
 */
import { describe, expect, test } from 'vitest';
import type { Line } from '../../src/domain/line.ts';
import type { LinePlan, PlannedDay, PlannedStop } from '../../src/domain/plan.ts';
import type { Policy } from '../../src/domain/policy.ts';
import type { Retailer } from '../../src/domain/retailer.ts';
import { cityFigures } from '../../src/planner/dayFigures.ts';
import { TerrainModel, terrainModelParams } from '../../src/travel/terrainModel.ts';
import { checkPlanRules, historyFromRecords, type RetailerHistory, type RulesContext, type RulesDataset } from '../../checks/planRules.ts';
import { cnCalendar, demoPolicy, demoTerrain } from '../support/smallCity.ts';

const policy = demoPolicy();
const model = new TerrainModel(demoTerrain(), terrainModelParams(policy));
const line: Line = { line: 'L001', county: '浉河区', manager: '张三', baseLon: 114.06556, baseLat: 32.12278, vehicle: 'car', litresPer100Km: 8 };
const base = { lon: line.baseLon, lat: line.baseLat, urban: true };

const shop = (id: string, dLon: number, dLat: number, over: Partial<Retailer>): Retailer => ({
  id, name: `店${id}`, lon: line.baseLon + dLon, lat: line.baseLat + dLat, county: '浉河区', township: '', urban: true,
  format: 'grocery', class: 'ordinary', supplyStopped: false, mustInPerson: false, vulnerable: false, line: 'L001',
  opensMin: 7 * 60, closesMin: 21 * 60, orderWeekday: 1, ordering: 'computer', phone: '13800000000', elevationM: 80, ...over,
});
// A weekly key account, a monthly grocery, an entertainment venue opening 13:00, a shop with no phone.
const RA = shop('RA', 0.005, 0.002, { class: 'modern1' });
const RB = shop('RB', -0.004, 0.006, {});
const RC = shop('RC', 0.008, -0.005, { class: 'modern2', format: 'entertainment', opensMin: 13 * 60, closesMin: 23 * 60 + 30 });
const RD = shop('RD', 0.02, 0.01, { phone: '' });
// Monthly groceries, two for each of Tuesday to Friday, so that every workday is a market day.
const EXTRA = ['RE', 'RF', 'RG', 'RH', 'RI', 'RJ', 'RK', 'RL'].map((id, k) => shop(id, 0.003 + 0.001 * k, -0.003 + 0.0015 * (k % 3), {}));
const [RE, RF, RG, RH, RI, RJ, RK, RL] = EXTRA;
const data = (over: Partial<RulesDataset> = {}): RulesDataset => ({ retailers: [RA, RB, RC, RD, ...EXTRA], lines: [line], policy, ...over });

const days = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'];
// Last visits: RA a week ago (due Monday ±1), RB 18 workdays ago (monthly), RC 10 ago (fortnightly, due Monday), RD 19 ago.
const history: Record<string, RetailerHistory> = {
  RA: { lastVisitOffset: -5, lastRemoteRun: 0 },
  RB: { lastVisitOffset: -18, lastRemoteRun: 0 },
  RC: { lastVisitOffset: -10, lastRemoteRun: 0 },
  RD: { lastVisitOffset: -19, lastRemoteRun: 0 },
  // Each due on its own day: Tuesday (1) to Friday (4).
  ...Object.fromEntries(EXTRA.map((r, k) => [r.id, { lastVisitOffset: 1 + Math.floor(k / 2) - 20, lastRemoteRun: 0 }])),
};
const ctx = (over: Partial<RulesContext> = {}): RulesContext => ({ travel: model, days, history, ...over });

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
interface StopTimes { r: Retailer; arrive: string; start?: string; depart: string }

/** A day over the given stops, legs measured by the model. */
function day(date: string, stops: StopTimes[], times: { leave: string; lunch: string | null; back: string }): PlannedDay {
  const legs = model.legsSync([base, ...stops.map((s) => s.r), base]);
  const planned: PlannedStop[] = stops.map((s, k) => ({
    retailer: s.r.id, arrive: s.arrive, start: s.start ?? s.arrive, depart: s.depart,
    legKm: round(legs[k].metres / 1000, 2), legMinutes: round(legs[k].seconds / 60, 1),
  }));
  return {
    ...empty(date), leaveBase: times.leave, backAtBase: times.back, lunch: times.lunch, stops: planned,
    returnKm: round(legs[stops.length].metres / 1000, 2), km: legs.reduce((s, l) => s + l.metres, 0) / 1000,
  };
}
function empty(date: string): PlannedDay {
  return {
    date, blocked: false, leaveBase: null, backAtBase: null, lunch: null, stops: [], remote: [], returnKm: 0, km: 0, ascentM: 0, litres: 0,
    yuan: 0, marketMinutes: 0, freeMarketMinutes: 0, waitMinutes: 0, lateMinutes: 0, firstShopLateMinutes: 0, backLateMinutes: 0,
  };
}
const figures = cityFigures([]);

/** Two monthly shops at 08:00 and 09:00, lunch, free market time, back 14:30. */
const pair = (date: string, a: Retailer, b: Retailer) =>
  day(date, [{ r: a, arrive: '08:00', depart: '08:10' }, { r: b, arrive: '09:00', depart: '09:10' }], { leave: '07:50', lunch: '11:30', back: '14:30' });

/**
 * Monday: RA, RB, lunch, RC at opening (market 08:00–14:2x less lunch); Tuesday to Friday two
 * shops each, and RD served online on Tuesday: 11 in-person visits, 2.2 a day, within ±40%.
 */
function cleanPlan(): { lines: LinePlan[] } {
  const monday = day(days[0], [
    { r: RA, arrive: '08:00', depart: '08:25' },
    { r: RB, arrive: '09:30', depart: '09:40' },
    { r: RC, arrive: '13:00', depart: '13:15' },
  ], { leave: '07:50', lunch: '11:30', back: '14:30' });
  const tuesday = { ...pair(days[1], RE, RF), remote: [{ retailer: 'RD', mode: 'online' as const }] };
  const rest = [pair(days[2], RG, RH), pair(days[3], RI, RJ), pair(days[4], RK, RL)];
  const lp: LinePlan = { line: 'L001', manager: '张三', figures, baseline: figures, notPlaced: [], days: [monday, tuesday, ...rest] };
  return { lines: [lp] };
}
const check = (plan = cleanPlan(), d = data(), c = ctx()) => checkPlanRules(plan, d, c).violations;
/** The clean plan with its Monday's stops or times changed. */
function monday(edit: (d: PlannedDay) => void) {
  const plan = cleanPlan();
  edit(plan.lines[0].days[0]);
  return plan;
}
const stopOf = (d: PlannedDay, id: string) => d.stops.find((s) => s.retailer === id) as PlannedStop;

describe('rules checker on hand-made plans', () => {
  test('a clean plan has no violation; the grid builds the same model', () => {
    expect(check()).toEqual([]);
    expect(check(cleanPlan(), data(), ctx({ travel: demoTerrain() }))).toEqual([]);
  });

  describe('rule 1: frequency', () => {
    test('a visit more than due', () => {
      const plan = cleanPlan();
      plan.lines[0].days[3].remote.push({ retailer: 'RB', mode: 'phone' });
      expect(check(plan)).toEqual(['L001 RB: 2 visits, expected 1 (last visit 18 workdays before the start, every 20 workdays)']);
    });

    test('a visit outside its window', () => {
      // RC last seen 6 workdays ago: due Friday ±2, so Monday is too early.
      const h = { ...history, RC: { lastVisitOffset: -6, lastRemoteRun: 0 } };
      expect(check(cleanPlan(), data(), ctx({ history: h }))).toEqual(['L001 2026-12-07 RC: visit 1 on workday 1, outside workdays 3 to 5 (ideal 5, ±2)']);
    });

    test('more than 20 workdays since the last visit', () => {
      const plan = cleanPlan();
      plan.lines[0].days[1].remote = [];
      plan.lines[0].days[4].remote = [{ retailer: 'RD', mode: 'online' }];
      expect(check(plan)).toEqual(['L001 2026-12-11 RD: 23 workdays after the last visit 19 workdays before the start, over 20']);
    });

    test('a failed visit is no visit: history from records', () => {
      const h = historyFromRecords([
        { retailer: 'RB', date: '2026-11-30', mode: 'in_person', outcome: 'done' },
        { retailer: 'RB', date: '2026-12-04', mode: 'in_person', outcome: 'failed', reason: 'closed' },
        { retailer: 'RD', date: '2026-12-03', mode: 'phone', outcome: 'done' },
        { retailer: 'RD', date: '2026-12-07', mode: 'in_person', outcome: 'done' },
      ], cnCalendar(), '2026-12-07');
      expect(h).toEqual({ RB: { lastVisitOffset: -5, lastRemoteRun: 0 }, RD: { lastVisitOffset: -2, lastRemoteRun: 1 } });
    });

    test('four weeks with no history: the count and even spacing', () => {
      // 20 workdays: RC (fortnightly) is due twice, 10 workdays apart ±2 from some start; here 15
      // apart (no start puts both within 2 days of it), and RA/RB/RD not at all.
      const weeks = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'].flatMap((m) => [0, 1, 2, 3, 4].map((k) => `2026-11-${String(Number(m.slice(8)) + k).padStart(2, '0')}`));
      const plan = cleanPlan();
      const lp = plan.lines[0];
      lp.days = weeks.map(empty);
      lp.days[0].remote = [{ retailer: 'RC', mode: 'phone' }];
      lp.days[15] = day(weeks[15], [{ r: RC, arrive: '13:00', depart: '13:15' }], { leave: '12:50', lunch: '11:30', back: '18:20' });
      lp.days[15].backAtBase = '17:30';
      lp.days[15].lunch = '13:20';
      const idle = weeks.filter((_, k) => k !== 15).map((d) => `L001 ${d}: a workday with no market time (no in-person visit)`);
      expect(check(plan, data(), ctx({ days: weeks, history: {} }))).toEqual([
        ...idle.slice(0, 15),
        'L001 2026-11-23 RC: first shop reached at 13:00, after 08:30',
        'L001 2026-11-23: 208 market minutes (13:00–17:28 less lunch), under 300',
        ...idle.slice(15),
        "L001 2026-11-23: 1 in-person visits, outside 0 to 0.1 (±40% of the line's mean 0.1)",
        'L001 RA: 0 visits, expected 4 (4 per 4 weeks over 20 workdays)',
        'L001 RB: 0 visits, expected 1 (1 per 4 weeks over 20 workdays)',
        'L001 RC: visits on workdays 1, 16 are not evenly spaced (every 10 workdays from some start, ±2)',
        'L001 RD: 0 visits, expected 1 (1 per 4 weeks over 20 workdays)',
        ...EXTRA.map((r) => `L001 ${r.id}: 0 visits, expected 1 (1 per 4 weeks over 20 workdays)`),
      ]);
      // 14 apart is within the tolerance: from a start on workday 2, ideals 2 and 12.
      lp.days[14] = { ...lp.days[15], date: weeks[14] };
      lp.days[15] = empty(weeks[15]);
      expect(check(plan, data(), ctx({ days: weeks, history: {} })).filter((v) => v.includes(' RC'))).toEqual(['L001 2026-11-20 RC: first shop reached at 13:00, after 08:30']);
    });
  });

  describe('rule 2: modes', () => {
    test('no phone, must in person, no online ordering', () => {
      const phone = cleanPlan();
      phone.lines[0].days[1].remote = [{ retailer: 'RD', mode: 'phone' }];
      expect(check(phone)).toEqual(['L001 2026-12-08 RD: phone visit, but no phone number']);
      expect(check(cleanPlan(), data({ retailers: [RA, RB, RC, { ...RD, mustInPerson: true, ordering: 'other' }, ...EXTRA] }))).toEqual([
        'L001 2026-12-08 RD: online visit, but must_in_person',
        'L001 2026-12-08 RD: online visit, but orders by other',
      ]);
      const key = cleanPlan();
      key.lines[0].days[1].remote.push({ retailer: 'RA', mode: 'phone' });
      expect(check(key, data(), ctx({ history: { ...history, RA: { lastVisitOffset: -4, lastRemoteRun: 0 } } }))).toEqual([
        'L001 2026-12-08 RA: phone visit, but class modern1 is visited in person',
        'L001 RA: 2 visits, expected 1 (last visit 4 workdays before the start, every 5 workdays)',
      ]);
    });

    test('remote twice in a row, counting history', () => {
      const h = { ...history, RD: { lastVisitOffset: -19, lastRemoteRun: 1 } };
      expect(check(cleanPlan(), data(), ctx({ history: h }))).toEqual(['L001 2026-12-08 RD: remote visit 2 in a row, over 1']);
    });

    test('in-person share', () => {
      const p: Policy = { ...policy, inPersonShareMin: { ...policy.inPersonShareMin, value: 0.95 } };
      expect(check(cleanPlan(), data({ policy: p }))).toEqual(['L001: 11 of 12 visits in person (91.7%), under 95%']);
    });
  });

  describe('rule 3: days', () => {
    test('blocked day with a visit, closed shop visited', () => {
      const plan = cleanPlan();
      plan.lines[0].days[1].blocked = true;
      expect(check(plan, data(), ctx({ blocked: [{ line: 'L001', date: '2026-12-08' }] }))).toEqual([
        'L001 2026-12-08 RE: in_person visit on a blocked day',
        'L001 2026-12-08 RF: in_person visit on a blocked day',
        'L001 2026-12-08 RD: online visit on a blocked day',
      ]);
      expect(check(cleanPlan(), data(), ctx({ blocked: [{ line: 'L001', date: '2026-12-09' }] }))).toEqual([
        'L001 2026-12-09: marked blocked false, expected true',
        'L001 2026-12-09 RG: in_person visit on a blocked day',
        'L001 2026-12-09 RH: in_person visit on a blocked day',
      ]);
      expect(check(cleanPlan(), data(), ctx({ closed: [{ retailer: 'RB', date: '2026-12-07' }] }))).toEqual(['L001 2026-12-07 RB: in-person visit while the shop is closed all day']);
    });

    test('leaving early, first shop late, back late', () => {
      expect(check(monday((d) => (d.leaveBase = '06:50')))).toEqual(['L001 2026-12-07: leaves base at 06:50, before 07:00']);
      expect(check(monday((d) => {
        Object.assign(d.stops[0], { arrive: '08:35', start: '08:35', depart: '09:00' });
        d.backAtBase = '14:40';
      }))).toEqual(['L001 2026-12-07 RA: first shop reached at 08:35, after 08:30']);
      expect(check(monday((d) => (d.backAtBase = '17:40')))).toEqual(['L001 2026-12-07: back at base at 17:40, after 17:30', 'L001 2026-12-07: out 9.83 h (07:50–17:40), over 9.5 h']);
    });

    test('opening, closing, visit length, start before arrival', () => {
      expect(check(monday((d) => Object.assign(stopOf(d, 'RC'), { arrive: '12:50', start: '12:50', depart: '13:05' })))).toEqual(['L001 2026-12-07 RC: starts 12:50, before opening 13:00']);
      expect(check(monday((d) => (stopOf(d, 'RB').start = '09:28')))).toEqual(['L001 2026-12-07 RB: starts 09:28, before arriving 09:30', 'L001 2026-12-07 RB: visit lasts 12 min, expected 10 (routine visit, class ordinary)']);
      expect(check(monday((d) => (stopOf(d, 'RA').depart = '08:15')))).toEqual(['L001 2026-12-07 RA: visit lasts 15 min, expected 25 (routine visit, class modern1)']);
      // A duty visit lasts its own policy length: the analysis's 40 minutes, not the class's 25.
      expect(check(monday((d) => (stopOf(d, 'RA').kind = 'analysis')))).toEqual(['L001 2026-12-07 RA: visit lasts 25 min, expected 40 (analysis visit, class modern1)']);
      // And only the class it is for gets one.
      expect(check(monday((d) => (stopOf(d, 'RB').kind = 'reevaluation')))).toEqual([
        'L001 2026-12-07 RB: visit lasts 10 min, expected 40 (reevaluation visit, class ordinary)',
        'L001 2026-12-07 RB: reevaluation visit to a ordinary retailer, only modern2 gets one',
      ]);
      expect(check(cleanPlan(), data({ retailers: [RA, { ...RB, closesMin: 9 * 60 + 35 }, RC, RD, ...EXTRA] }))).toEqual(['L001 2026-12-07 RB: departs 09:40, after closing 09:35']);
      expect(check(cleanPlan(), data({ retailers: [RA, { ...RB, closesMin: 9 * 60 + 20 }, RC, RD, ...EXTRA] }))).toEqual(['L001 2026-12-07 RB: arrives 09:30, after closing 09:20']);
    });

    test('arriving faster than the drive', () => {
      expect(check(monday((d) => Object.assign(stopOf(d, 'RB'), { arrive: '08:26', start: '08:26', depart: '08:36' })))).toEqual(['L001 2026-12-07 RB: arrives 08:26, before 08:27 (2.4 min drive after leaving RA 08:25)']);
      expect(check(monday((d) => (d.leaveBase = '07:59')))).toEqual([]);
      expect(check(monday((d) => (d.backAtBase = '13:16')))).toEqual([
        'L001 2026-12-07: back at base at 13:16, before 13:17 (2.3 min drive after leaving RC 13:15)',
        'L001 2026-12-07: 254 market minutes (08:00–13:14 less lunch), under 300',
      ]);
    });

    test('legs, return and km against the travel model', () => {
      expect(check(monday((d) => (d.stops[1].legKm += 0.2)))).toEqual([expect.stringMatching(/^L001 2026-12-07 RB: legKm [\d.]+, travel model says [\d.]+$/)]);
      expect(check(monday((d) => (d.stops[0].legMinutes += 0.3)))).toEqual([expect.stringMatching(/^L001 2026-12-07 RA: legMinutes [\d.]+, travel model says [\d.]+$/)]);
      expect(check(monday((d) => (d.returnKm += 1)))).toEqual([expect.stringMatching(/^L001 2026-12-07: returnKm [\d.]+, travel model says [\d.]+$/)]);
      expect(check(monday((d) => (d.km += 1)))).toEqual([expect.stringMatching(/^L001 2026-12-07: km [\d.]+, legs and return sum to [\d.]+$/)]);
    });
  });

  describe('rule 4: lunch', () => {
    test('missing, outside its window, over a visit', () => {
      expect(check(monday((d) => (d.lunch = null)))).toEqual(['L001 2026-12-07: no lunch, though the market time runs to 14:28']);
      expect(check(monday((d) => (d.lunch = '11:00')))).toEqual(['L001 2026-12-07: lunch at 11:00, outside 11:30–13:30']);
      expect(check(monday((d) => (d.lunch = '12:30')))).toEqual(['L001 2026-12-07 RC: visit 13:00–13:15 overlaps lunch 12:30–13:30']);
    });

    test('no time for lunch and the drive between two stops', () => {
      // RB until 12:05, lunch 12:05–13:05, RC at 13:05: the drive has no room (driving before lunch would be fine).
      const plan = monday((d) => {
        Object.assign(stopOf(d, 'RB'), { arrive: '11:55', start: '11:55', depart: '12:05' });
        Object.assign(stopOf(d, 'RC'), { arrive: '13:05', start: '13:05', depart: '13:20' });
        d.lunch = '12:05';
      });
      expect(check(plan)).toEqual(['L001 2026-12-07 RC: arrives 13:05, before 13:09 (4.5 min drive and 60 min lunch after leaving RB 12:05)']);
      expect(check(monday((d) => (d.lunch = '12:00')))).toEqual([]);
    });
  });

  describe('rule 3: a day a person can keep', () => {
    test('out longer than 9.5 hours', () => {
      expect(check(monday((d) => (d.backAtBase = '17:25')))).toEqual(['L001 2026-12-07: out 9.58 h (07:50–17:25), over 9.5 h']);
      expect(check(monday((d) => (d.backAtBase = '17:20')))).toEqual([]);
    });

    test('waiting for shops to open: lunch in the wait not counted, nor what a light day spends in the market anyway', () => {
      // RC reached 10:30, lunch 11:30-12:30 in the wait, visit at 13:00: 90 minutes waiting. The
      // visits span 08:00-13:18 less lunch, 258 minutes: short of 300 market minutes, the wait is
      // market time; with a 200-minute market minimum, 58 minutes of it are waiting.
      const short: Policy = { ...policy, marketMinutesMin: { ...policy.marketMinutesMin, value: 200 } };
      const late = monday((d) => (stopOf(d, 'RC').arrive = '10:30'));
      expect(check(late)).toEqual([]);
      expect(check(late, data({ policy: short }))).toEqual(['L001 2026-12-07: waits 58 min for shops to open beyond its market hours, over 45']);
      // Reached 11:45 with lunch on arrival: 75 minutes there, lunch 60 of them, 15 waiting.
      const onArrival = monday((d) => {
        stopOf(d, 'RC').arrive = '11:45';
        d.lunch = '11:45';
      });
      expect(check(onArrival, data({ policy: short }))).toEqual([]);
    });
  });

  describe('rule 8: every workday a market day', () => {
    // Wednesday's two shops by phone instead: no market that day, and Monday's 3 now over 1.8 ± 40%.
    const idleWednesday = () => {
      const plan = cleanPlan();
      plan.lines[0].days[2] = { ...empty(days[2]), remote: [{ retailer: 'RG', mode: 'phone' }, { retailer: 'RH', mode: 'phone' }] };
      return plan;
    };
    const unbalanced = "L001 2026-12-07: 3 in-person visits, outside 1.1 to 2.5 (±40% of the line's mean 1.8)";

    test('an empty workday', () => {
      expect(check(idleWednesday())).toEqual(['L001 2026-12-09: a workday with no market time (no in-person visit)', unbalanced]);
    });

    test('a day without stops that still drives, and a blocked day that drives', () => {
      const plan = idleWednesday();
      Object.assign(plan.lines[0].days[2], { leaveBase: '07:50', backAtBase: '08:30', km: 5 });
      expect(check(plan)).toEqual([
        'L001 2026-12-09: a workday with no market time (no in-person visit)',
        'L001 2026-12-09: no stops, but leaves base 07:50, back 08:30, 5 km',
        unbalanced,
      ]);
      const blocked = idleWednesday();
      Object.assign(blocked.lines[0].days[2], { blocked: true, remote: [], km: 3.5 });
      expect(check(blocked, data(), ctx({ blocked: [{ line: 'L001', date: days[2] }], history: { ...history, RG: { lastVisitOffset: -10, lastRemoteRun: 0 }, RH: { lastVisitOffset: -10, lastRemoteRun: 0 } } }))).toEqual([
        'L001 2026-12-09: no stops, but leaves base -, back -, 3.5 km on a blocked day',
      ]);
    });
  });

  test('rule 9: in-person visits within the band around the line mean', () => {
    // RE moves from Tuesday to Monday: 4 and 1 against a mean of 2.2 (1.3 to 3.1).
    const plan = cleanPlan();
    const [mon, tue] = plan.lines[0].days;
    plan.lines[0].days[0] = day(days[0], [
      { r: RA, arrive: '08:00', depart: '08:25' },
      { r: RB, arrive: '09:30', depart: '09:40' },
      { r: RE, arrive: '10:00', depart: '10:10' },
      { r: RC, arrive: '13:00', depart: '13:15' },
    ], { leave: mon.leaveBase as string, lunch: mon.lunch, back: mon.backAtBase as string });
    plan.lines[0].days[1] = { ...day(days[1], [{ r: RF, arrive: '08:00', depart: '08:10' }], { leave: '07:50', lunch: '11:30', back: '14:30' }), remote: tue.remote };
    expect(check(plan)).toEqual([
      "L001 2026-12-07: 4 in-person visits, outside 1.3 to 3.1 (±40% of the line's mean 2.2)",
      "L001 2026-12-08: 1 in-person visits, outside 1.3 to 3.1 (±40% of the line's mean 2.2)",
    ]);
  });

  test('rule 5: market minutes', () => {
    // Back 13:45: the market ends at 13:43 (the drive home), less lunch: 283 minutes.
    expect(check(monday((d) => (d.backAtBase = '13:45')))).toEqual(['L001 2026-12-07: 283 market minutes (08:00–13:43 less lunch), under 300']);
  });

  test('rule 6: the reserve for unplanned visits', () => {
    // Visits of 100 minutes fill the market: 20% of 300 needs 60 free minutes.
    const p: Policy = { ...policy, inPersonMinutesByClass: { ...policy.inPersonMinutesByClass, value: { modern1: 100, modern2: 100, ordinary: 100, violating: 100 } } };
    const plan = cleanPlan();
    plan.lines[0].days[0] = day(days[0], [
      { r: RA, arrive: '08:00', depart: '09:40' },
      { r: RB, arrive: '09:45', depart: '11:25' },
      { r: RC, arrive: '13:00', depart: '14:40' },
    ], { leave: '07:50', lunch: '11:30', back: '14:50' });
    // The other days' two visits of 100 minutes leave their reserve.
    for (let k = 1; k < 5; k++) {
      const [a, b] = plan.lines[0].days[k].stops.map((x) => EXTRA.find((r) => r.id === x.retailer) as Retailer);
      const remote = plan.lines[0].days[k].remote;
      plan.lines[0].days[k] = { ...day(days[k], [{ r: a, arrive: '08:00', depart: '09:40' }, { r: b, arrive: '09:45', depart: '11:25' }], { leave: '07:50', lunch: '11:30', back: '14:30' }), remote };
    }
    expect(check(plan, data({ policy: p }))).toEqual([expect.stringMatching(/^L001 2026-12-07: 4\d min free for unplanned visits, under 60 \(20% of 300 visit minutes\)$/)]);
  });

  test('rule 7: unplaced visits and failed lines', () => {
    const plan = cleanPlan();
    plan.lines[0].notPlaced.push({ retailer: 'RB', reason: 'no day in its visit window is open for both the shop and the line' });
    expect(check(plan)).toEqual(['L001 RB: not placed (no day in its visit window is open for both the shop and the line)']);
    const failed = cleanPlan();
    failed.lines[0] = { ...failed.lines[0], days: [], error: 'line L001 failed: boom' };
    expect(check(failed)).toEqual(['L001: line failed: line L001 failed: boom']);
    const short = cleanPlan();
    short.lines[0].days.pop();
    expect(check(short)).toEqual([
      'L001: plans days 2026-12-07, 2026-12-08, 2026-12-09, 2026-12-10, expected the horizon\'s 2026-12-07, 2026-12-08, 2026-12-09, 2026-12-10, 2026-12-11',
      'L001 RK: 0 visits, expected 1 (last visit 16 workdays before the start, every 20 workdays)',
      'L001 RL: 0 visits, expected 1 (last visit 16 workdays before the start, every 20 workdays)',
    ]);
  });
});

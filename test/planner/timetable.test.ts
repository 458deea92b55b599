import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { PolicySchema } from '../../src/domain/policy.ts';
import { timetable, type TimedShop } from '../../src/planner/timetable.ts';

// Demo policy: leave from 07:00, first shop by 08:30, lunch 60 min from 11:30 to 13:30,
// back by 17:30, at most 9.5 hours out, 5 market hours, 20% reserve after each visit.
const policy = PolicySchema.parse(JSON.parse(readFileSync(new URL('../../data/demo/policy.json', import.meta.url), 'utf8')));
const shop = (opensMin: number, closesMin: number, visitMinutes: number): TimedShop => ({ opensMin, closesMin, visitMinutes });
const h = (hh: number, mm = 0) => hh * 60 + mm;

describe('day timetable', () => {
  test('leaves to arrive at the first shop as it opens, keeps the reserve, lunches at the first departure from 11:30', () => {
    // Three shops 30 min apart and 30 min from base; visits of 100 min (reserve 20 min).
    const shops = [shop(h(8), h(20), 100), shop(h(7), h(20), 100), shop(h(7), h(20), 100)];
    const tt = timetable([0, 1, 2], shops, (a, b) => (a === b ? 0 : 30), policy);
    expect(tt.leaveBase).toBe(h(7, 30)); // 08:00 opening − 30 min
    expect(tt.stops.map((s) => [s.arrive, s.depart])).toEqual([
      [h(8), h(9, 40)],
      [h(10, 30), h(12, 10)], // 09:40 + 20 reserve + 30 drive
      [h(14, 0), h(15, 40)], // 12:10 + 20 reserve = 12:30 lunch until 13:30, + 30 drive
    ]);
    expect(tt.lunchStart).toBe(h(12, 30));
    // Market 08:00 → 16:00 (after the last reserve) less lunch: 7 h, nothing free to add.
    expect(tt.marketMinutes).toBe(7 * 60);
    expect(tt.freeMarketMinutes).toBe(0);
    expect(tt.backAtBase).toBe(h(16, 30));
    expect([tt.lateMinutes, tt.firstShopLateMinutes, tt.backLateMinutes, tt.lunchLateMinutes]).toEqual([0, 0, 0, 0]);
  });

  test('a light day keeps free market time up to 5 hours, lunch inside it', () => {
    // One 50-minute visit at 08:00 (60 with reserve): market would end at 09:00.
    const tt = timetable([0], [shop(h(8), h(20), 50)], () => 30, policy);
    expect(tt.freeMarketMinutes).toBe(240);
    // 09:00 + 240 free runs past 11:30, so lunch (60) sits inside: market ends 14:00.
    expect(tt.lunchStart).toBe(h(11, 30));
    expect(tt.marketMinutes).toBe(300);
    expect(tt.backAtBase).toBe(h(14, 30));
  });

  test('free time never pushes the return past 17:30', () => {
    // A shop opening at 12:00, 60 min from base: visit 10 (+2 reserve) ends 12:12, lunch to 13:12.
    // Five market hours would run to 18:00; the drive home caps them at 16:30 to be back at 17:30.
    const tt = timetable([0], [shop(h(12), h(20), 10)], () => 60, policy);
    expect(tt.lunchStart).toBe(h(12, 12));
    expect(tt.freeMarketMinutes).toBe(198);
    expect(tt.marketMinutes).toBe(h(16, 30) - h(12) - 60);
    expect(tt.backAtBase).toBe(h(17, 30));
    expect(tt.backLateMinutes).toBe(0);
    expect(tt.firstShopLateMinutes).toBe(h(12) - h(8, 30));
  });

  test('arriving after closing time counts as late', () => {
    const tt = timetable([0, 1], [shop(h(7), h(20), 10), shop(h(7), h(8, 10), 10)], (a, b) => (a === 0 || b === 0 ? 10 : 60), policy);
    // Leave 07:00; first shop 07:10-07:20 (+2 reserve); second reached 08:22, visit ends 08:32: 22 min past 08:10.
    expect(tt.leaveBase).toBe(h(7));
    expect(tt.stops[1].lateMinutes).toBe(22);
    expect(tt.lateMinutes).toBe(22);
  });

  test('free time stops where the day would pass its longest: back after 9.5 hours, short of 5 market hours', () => {
    // A shop 2 hours out, opening 07:00: leave 07:00, visit 09:00-09:10 (+2 reserve). Five market
    // hours and lunch would bring the manager home at 17:00, ten hours out: free time stops at 14:30.
    const tt = timetable([0], [shop(h(7), h(20), 10)], () => 120, policy);
    expect(tt.leaveBase).toBe(h(7));
    expect(tt.backAtBase).toBe(h(16, 30));
    expect(tt.marketMinutes).toBe(270);
    expect(tt.freeMarketMinutes).toBe(258);
  });
});

describe('lunch on arrival', () => {
  test('a shop reached at 13:00 whose visit would run past 13:30 gets lunch first', () => {
    const shops = [shop(h(7), h(20), 50), shop(h(7), h(20), 40)];
    // Leave 07:00, arrive 07:30, visit to 08:20, reserve 10 → 08:30; then a 4.5-hour drive.
    const tt = timetable([0, 1], shops, (x, y) => (x === 0 && y === 1 ? 30 : x === 1 && y === 2 ? 270 : 30), policy);
    // Arrive 13:00; finishing first would end at 13:48 > 13:30: lunch 13:00–14:00, visit from 14:00.
    expect(tt.lunchStart).toBe(h(13));
    expect(tt.stops[1]).toMatchObject({ arrive: h(13), start: h(14), depart: h(14, 40) });
    expect(tt.lunchLateMinutes).toBe(0);
  });
});

describe('an afternoon shop', () => {
  // A shop 30 minutes out opening 07:00 (10-minute visit), then one opening 13:00, 159 minutes on.
  const shops = [shop(h(7), h(20), 10), shop(h(13), h(20), 40)];
  const travel = (x: number, y: number) => (x === 0 && y === 1 ? 30 : x === 1 && y === 2 ? 159 : 30);

  test('the manager leaves later to wait less, still at the first shop by 08:30; lunch is taken in the wait', () => {
    // Leave 08:00, first shop 08:30-08:40 (+2 reserve), arrive 11:21: lunch 11:30-12:30 in the
    // wait, visit 13:00-13:40. Waiting 11:21-11:30 and 12:30-13:00: 39 minutes, all of them within
    // the five market hours this light day spends in the market anyway.
    const tt = timetable([0, 1], shops, travel, policy);
    expect(tt.leaveBase).toBe(h(8));
    expect(tt.stops.map((s) => [s.arrive, s.start])).toEqual([[h(8, 30), h(8, 30)], [h(11, 21), h(13)]]);
    expect(tt.lunchStart).toBe(h(11, 30));
    expect(tt.lunchLateMinutes).toBe(0);
    expect(tt.waitMinutes).toBe(0);
  });

  test('waiting counts beyond the market hours the day must fill', () => {
    // The visits span 08:30-13:48 less lunch, 258 minutes: with a 60-minute market minimum all 39 count.
    const short = { ...policy, marketMinutesMin: { ...policy.marketMinutesMin, value: 60 } };
    expect(timetable([0, 1], shops, travel, short).waitMinutes).toBe(39);
    // With 240, the first 240 are market time anyway: 18 of the 39 count.
    expect(timetable([0, 1], shops, travel, { ...policy, marketMinutesMin: { ...policy.marketMinutesMin, value: 240 } }).waitMinutes).toBe(18);
  });
});

test('a shop opening after a whole lunch is visited after it: lunch in the wait from arrival', () => {
  // Arrive 12:00 at a 13:00 shop with a short visit: the visit could end before 13:30, but the
  // hour of waiting becomes lunch (12:00-13:00), so nothing is counted as waiting.
  const shops = [shop(h(7), h(20), 10), shop(h(13), h(20), 10)];
  const tt = timetable([0, 1], shops, (x, y) => (x === 0 && y === 1 ? 30 : x === 1 && y === 2 ? h(12) - h(7, 42) : 30), policy);
  expect(tt.lunchStart).toBe(h(12));
  expect(tt.stops[1]).toMatchObject({ arrive: h(12), start: h(13), depart: h(13, 10) });
  expect(tt.waitMinutes).toBe(0);
});

describe('shops opening late in the morning or after lunch', () => {
  // A first shop 30 min out (07:00–20:00, 10-minute visit, 2 minutes' reserve), then a drive of
  // `far` minutes to a second shop opening at `opens` with a 10-minute visit.
  const day = (opens: number, far: number) =>
    timetable([0, 1], [shop(h(7), h(20), 10), shop(opens, h(20), 10)], (x, y) => (x === 1 && y === 2 ? far : 30), policy);

  test('a shop opening before a whole lunch fits from 11:30 is waited for, and lunch comes after', () => {
    // Leave 08:00, on from the first shop at 08:42, arrive 10:22 at an 11:00 shop.
    const tt = day(h(11), 100);
    expect(tt.stops[1]).toMatchObject({ arrive: h(10, 22), start: h(11), depart: h(11, 10) });
    expect(tt.lunchStart).toBe(h(11, 30));
  });

  test('a shop opening at 12:30, as a lunch from 11:30 ends, is visited after lunch taken in the wait', () => {
    const tt = day(h(12, 30), 100);
    expect(tt.stops[1]).toMatchObject({ arrive: h(10, 22), start: h(12, 30), depart: h(12, 40) });
    expect(tt.lunchStart).toBe(h(11, 30));
  });

  test('an afternoon shop reached as it opens is visited at once when the visit ends by 13:30; lunch after it', () => {
    // Leave 07:00, on at 07:42, arrive 12:30 as it opens: no wait to lunch in. Visit to 12:40 (+2 reserve).
    const tt = day(h(12, 30), h(12, 30) - h(7, 42));
    expect(tt.stops[1]).toMatchObject({ arrive: h(12, 30), start: h(12, 30), depart: h(12, 40) });
    expect(tt.lunchStart).toBe(h(12, 42));
  });
});

describe('lunch at its edges', () => {
  // A first shop 30 min out (07:00–20:00, 10-minute visit, 2 minutes' reserve), then a drive of
  // `far` minutes to a second shop open all day with a 60-minute visit (72 with its reserve).
  const shops = [shop(h(7), h(20), 10), shop(h(7), h(20), 60)];
  const day = (far: number, p = policy) => timetable([0, 1], shops, (x, y) => (x === 1 && y === 2 ? far : 30), p);

  test('a visit that would end its reserve at 13:30 exactly comes first; a minute later, lunch does', () => {
    // Leave 07:00, first shop 07:30–07:40, on at 07:42. Arrive 12:18: 12:18 + 72 = 13:30.
    const onTime = day(h(12, 18) - h(7, 42));
    expect(onTime.stops[1]).toMatchObject({ arrive: h(12, 18), start: h(12, 18), depart: h(13, 18) });
    expect([onTime.lunchStart, onTime.lunchLateMinutes]).toEqual([h(13, 30), 0]);
    const later = day(h(12, 19) - h(7, 42));
    expect(later.stops[1]).toMatchObject({ arrive: h(12, 19), start: h(13, 19), depart: h(14, 19) });
    expect(later.lunchStart).toBe(h(12, 19));
  });

  test('arriving at 13:30 exactly with no lunch yet: lunch on arrival, on time', () => {
    const tt = day(h(13, 30) - h(7, 42));
    expect(tt.stops[1]).toMatchObject({ arrive: h(13, 30), start: h(14, 30), depart: h(15, 30) });
    expect([tt.lunchStart, tt.lunchLateMinutes]).toEqual([h(13, 30), 0]);
  });

  test('arriving after 13:30 with no lunch yet: the visit first, and lunch late by what it overruns', () => {
    const tt = day(h(13, 40) - h(7, 42));
    expect(tt.stops[1]).toMatchObject({ arrive: h(13, 40), start: h(13, 40), depart: h(14, 40) });
    expect([tt.lunchStart, tt.lunchLateMinutes]).toEqual([h(14, 52), h(14, 52) - h(13, 30)]);
  });

  test('a morning day with a long drive home lunches before it, from 11:30', () => {
    // One shop, 08:00 opening, 100-minute visit (120 with reserve), 30 min out and 120 back;
    // a 60-minute market minimum is met by the visit: no free time, back via lunch.
    const short = { ...policy, marketMinutesMin: { ...policy.marketMinutesMin, value: 60 } };
    const tt = timetable([0], [shop(h(8), h(20), 100)], (x, y) => (x === 0 && y === 1 ? 30 : 120), short);
    expect([tt.leaveBase, tt.freeMarketMinutes, tt.lunchStart, tt.backAtBase, tt.marketMinutes]).toEqual([h(7, 30), 0, h(11, 30), h(14, 30), 120]);
  });
});

describe('lunch once a day, from 11:30', () => {
  test('a visit whose reserve ends at 11:30 exactly is followed by lunch, and a later long visit needs no second one', () => {
    // Leave 07:30, a 175-minute visit from 08:00 ends 10:55, its 35 minutes' reserve at 11:30:
    // lunch to 12:30, then a shop 10 min on, whose 60-minute visit runs past 13:30.
    const tt = timetable([0, 1], [shop(h(8), h(20), 175), shop(h(7), h(20), 60)], (x, y) => (x === 1 && y === 2 ? 10 : 30), policy);
    expect(tt.lunchStart).toBe(h(11, 30));
    expect(tt.stops[1]).toMatchObject({ arrive: h(12, 40), start: h(12, 40), depart: h(13, 40) });
  });

  test('a morning day back at the base at 11:30 exactly stops for no lunch', () => {
    // A 60-minute market minimum; one 150-minute visit from 08:00 (180 with reserve), 30 min home.
    const short = { ...policy, marketMinutesMin: { ...policy.marketMinutesMin, value: 60 } };
    const tt = timetable([0], [shop(h(8), h(20), 150)], () => 30, short);
    expect([tt.lunchStart, tt.backAtBase, tt.marketMinutes]).toEqual([null, h(11, 30), 180]);
    // Also when free market time ends at 11:30 at a shop next to the base (no drive home).
    const next = timetable([0], [shop(h(8), h(20), 100)], (x) => (x === 0 ? 30 : 0), { ...policy, marketMinutesMin: { ...policy.marketMinutesMin, value: 210 } });
    expect([next.freeMarketMinutes, next.lunchStart, next.backAtBase, next.marketMinutes]).toEqual([90, null, h(11, 30), 210]);
  });

  test('market time ending at 11:30 exactly: lunch after it, before the drive back, not taken out of it', () => {
    // A 210-minute market minimum; one 100-minute visit from 08:00 (120 with reserve), then 90 free to 11:30.
    const tt = timetable([0], [shop(h(8), h(20), 100)], () => 30, { ...policy, marketMinutesMin: { ...policy.marketMinutesMin, value: 210 } });
    expect([tt.freeMarketMinutes, tt.lunchStart, tt.backAtBase, tt.marketMinutes]).toEqual([90, h(11, 30), h(13), 210]);
  });
});

test('a day with no stops: at the base from 07:00, nothing else', () => {
  expect(timetable([], [], () => 0, policy)).toEqual({
    leaveBase: h(7), stops: [], backAtBase: h(7), lunchStart: null, freeMarketMinutes: 0, marketMinutes: 0,
    waitMinutes: 0, lateMinutes: 0, firstShopLateMinutes: 0, backLateMinutes: 0, lunchLateMinutes: 0,
  });
});

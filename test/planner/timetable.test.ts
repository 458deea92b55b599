import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { PolicySchema } from '../../src/domain/policy.ts';
import { timetable, type TimedShop } from '../../src/planner/timetable.ts';

// Demo policy: leave from 06:30, first shop by 08:30, lunch 60 min from 11:30 to 13:30,
// back by 17:30, 5 market hours, 20% reserve after each visit.
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
    // First shop 07:00-07:10 (+2 reserve); second reached 08:12, visit ends 08:22: 12 min past 08:10.
    expect(tt.stops[1].lateMinutes).toBe(12);
    expect(tt.lateMinutes).toBe(12);
  });
});

describe('lunch on arrival', () => {
  test('a shop reached at 13:00 whose visit would run past 13:30 gets lunch first', () => {
    const shops = [shop(h(7), h(20), 50), shop(h(7), h(20), 40)];
    // Leave 06:30, arrive 07:00 (opens 07:00), visit to 07:50, reserve 10 → 08:00; then a 5-hour drive.
    const tt = timetable([0, 1], shops, (x, y) => (x === 0 && y === 1 ? 30 : x === 1 && y === 2 ? 300 : 30), policy);
    // Arrive 13:00; finishing first would end at 13:48 > 13:30: lunch 13:00–14:00, visit from 14:00.
    expect(tt.lunchStart).toBe(h(13));
    expect(tt.stops[1]).toMatchObject({ arrive: h(13), start: h(14), depart: h(14, 40) });
    expect(tt.lunchLateMinutes).toBe(0);
  });
});

test('lunch is taken while waiting for an afternoon shop to open', () => {
  // Arrive 10:21 at a shop opening 13:00: lunch 11:30–12:30 in the wait, visit 13:00–13:40.
  const shops = [shop(h(7), h(20), 10), shop(h(13), h(20), 40)];
  const tt = timetable([0, 1], shops, (x, y) => (x === 0 && y === 1 ? 30 : x === 1 && y === 2 ? h(10, 21) - h(7, 12) : 30), policy);
  expect(tt.stops[1]).toMatchObject({ arrive: h(10, 21), start: h(13), depart: h(13, 40) });
  expect(tt.lunchStart).toBe(h(11, 30));
  expect(tt.lunchLateMinutes).toBe(0);
});

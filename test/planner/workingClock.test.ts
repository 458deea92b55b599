/**
 * The working clock (lunch taken off each shop's day) and the departure it gives: the latest
 * leaving that waits no more than it must, between 07:00 and the time that reaches the first
 * shop by 08:30 (or as it opens, if later). The demo policy's hours.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { PolicySchema } from '../../src/domain/policy.ts';
import { departure, workingWindow, type TimedShop } from '../../src/planner/workingClock.ts';
import { outsideBand } from '../../src/planner/dayBand.ts';

const policy = PolicySchema.parse(JSON.parse(readFileSync(new URL('../../data/demo/policy.json', import.meta.url), 'utf8')));
const shop = (opensMin: number, closesMin: number, visitMinutes: number): TimedShop => ({ opensMin, closesMin, visitMinutes });
const h = (hh: number, mm = 0) => hh * 60 + mm;

describe('working window of a shop', () => {
  test("a visit keeps the 20% reserve; lunch comes off the closing time", () => {
    expect(workingWindow(shop(h(8), h(20), 30), policy)).toEqual({ service: 36, ready: h(8), due: h(20) - 30 - 60 });
  });

  test('a shop opening once a whole lunch fits (12:30 on, after 11:30 + 60 min) opens a lunch earlier', () => {
    expect(workingWindow(shop(h(13), h(22), 40), policy).ready).toBe(h(12));
    expect(workingWindow(shop(h(12, 30), h(22), 40), policy).ready).toBe(h(11, 30));
    expect(workingWindow(shop(h(12, 29), h(22), 40), policy).ready).toBe(h(12, 29));
  });
});

describe('departure from the base', () => {
  const drive = (minutes: number) => (a: number, b: number) => (a === b ? 0 : minutes);

  test('leaves to arrive as the first shop opens, when that is before 08:30', () => {
    expect(departure([0], [shop(h(8), h(20), 30)], drive(30), policy)).toBe(h(7, 30));
  });

  test('never before 07:00, even for a shop that opens at dawn', () => {
    expect(departure([0], [shop(h(6), h(20), 30)], drive(30), policy)).toBe(h(7));
  });

  test('a first shop that cannot be reached by 08:30 even leaving at 07:00: leave at 07:00', () => {
    expect(departure([0], [shop(h(8), h(20), 30)], drive(100), policy)).toBe(h(7));
    // Exactly on the edge: 08:30 − 90 min is 07:00.
    expect(departure([0], [shop(h(8), h(20), 30)], drive(90), policy)).toBe(h(7));
  });

  test('a first shop opening after 08:30: leave to arrive as it opens', () => {
    expect(departure([0], [shop(h(9), h(20), 30)], drive(30), policy)).toBe(h(8, 30));
  });

  test('a later shop whose window forces waiting moves the departure as late as 08:30 allows', () => {
    // First shop open from 07:00, 30 min away; the second opens 10:00, 30 min further.
    // Leaving 07:00 would wait at the second; the latest leave reaching the first by 08:30 is 08:00.
    const shops = [shop(h(7), h(20), 30), shop(h(10), h(20), 30)];
    expect(departure([0, 1], shops, drive(30), policy)).toBe(h(8));
    // The order matters: the shop opening at 10:00 first means leaving to arrive at 10:00.
    expect(departure([1, 0], shops, drive(30), policy)).toBe(h(9, 30));
  });
});

describe("a day's visits against the band around the line's mean", () => {
  test('within ±share of the mean is inside, edges included; beyond is outside', () => {
    expect([outsideBand(6, 10, 0.4), outsideBand(14, 10, 0.4), outsideBand(10, 10, 0.4)]).toEqual([false, false, false]);
    expect([outsideBand(5, 10, 0.4), outsideBand(15, 10, 0.4)]).toEqual([true, true]);
  });

  test('a workday with no visits is outside whenever the line has any, whatever the share', () => {
    expect(outsideBand(0, 1, 1)).toBe(true);
    expect(outsideBand(0, 0, 0.4)).toBe(false);
  });
});

/** The rescue schedule: due when the penalised search stalls; windows and pauses that double; rounds, not budget. */
import { describe, expect, test } from 'vitest';
import { FIRST_PAUSE, FIRST_WINDOW, RescueSchedule } from '../../src/solver/rescueSchedule.ts';

describe('rescue schedule', () => {
  test('a rescue is due after `patience` rounds without headway: one round per customer, 100 at least', () => {
    expect(new RescueSchedule(40, 10).patience).toBe(100);
    expect(new RescueSchedule(250, 10).patience).toBe(250);
    const s = new RescueSchedule(40, 10);
    expect(s.due(99)).toBe(false);
    expect(s.due(100)).toBe(true);
  });

  test('a fall of the least violation by 1% or more is headway and restarts the count; a smaller one is not', () => {
    const s = new RescueSchedule(40, 10);
    s.observe(50, 9.91);
    expect(s.due(100)).toBe(true);
    s.observe(60, 9.89);
    expect(s.due(159)).toBe(false);
    expect(s.due(160)).toBe(true);
    // Headway is measured from the last mark (9.89), not from the start.
    s.observe(70, 9.8);
    expect(s.due(160)).toBe(true);
  });

  test('each window is twice the last', () => {
    const s = new RescueSchedule(40, 10);
    expect([s.start(), s.start(), s.start()]).toEqual([FIRST_WINDOW, 2 * FIRST_WINDOW, 4 * FIRST_WINDOW]);
  });

  test('after a failed rescue the penalised search has its pause, twice as long each time', () => {
    const s = new RescueSchedule(40, 10);
    s.start();
    s.failed(6100);
    expect(s.due(6100 + FIRST_PAUSE - 1)).toBe(false);
    expect(s.due(6100 + FIRST_PAUSE)).toBe(true);
    s.start();
    s.failed(20_000);
    expect(s.due(20_000 + 2 * FIRST_PAUSE - 1)).toBe(false);
    expect(s.due(20_000 + 2 * FIRST_PAUSE)).toBe(true);
  });

  test('after a pause, a rescue still waits for the search to stall', () => {
    const s = new RescueSchedule(40, 10);
    s.start();
    s.failed(6100);
    s.observe(6200, 5);
    expect(s.due(6299)).toBe(false);
    expect(s.due(6300)).toBe(true);
  });

  test('on a large instance the pause is at least `patience`: the resumed search has as long to show headway', () => {
    const s = new RescueSchedule(1000, 10);
    s.start();
    s.failed(8000);
    expect(s.due(8000 + 999)).toBe(false);
    expect(s.due(8000 + 1000)).toBe(true);
    s.start();
    s.failed(20_000);
    expect(s.due(20_000 + 1999)).toBe(false);
    expect(s.due(20_000 + 2000)).toBe(true);
  });
});

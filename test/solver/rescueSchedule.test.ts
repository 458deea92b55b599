/** The rescue schedule: rounds from the start, windows and pauses that double, whatever the budget. */
import { describe, expect, test } from 'vitest';
import { FIRST_RESCUE, FIRST_WINDOW, RescueSchedule } from '../../src/solver/rescueSchedule.ts';

describe('rescue schedule', () => {
  test('the first rescue is due at its round, not before', () => {
    expect(new RescueSchedule(10, 50).due(9)).toBe(false);
    expect(new RescueSchedule(10, 50).due(10)).toBe(true);
    expect(new RescueSchedule().due(FIRST_RESCUE - 1)).toBe(false);
    expect(new RescueSchedule().due(FIRST_RESCUE)).toBe(true);
    expect(new RescueSchedule().start()).toBe(FIRST_WINDOW);
  });

  test('each window is twice the last', () => {
    const s = new RescueSchedule(10, 50);
    expect([s.start(), s.start(), s.start()]).toEqual([50, 100, 200]);
  });

  test('after a failed rescue the penalised search has its pause, one and a half first rounds, then twice as long each time', () => {
    const s = new RescueSchedule(10, 50);
    s.start();
    s.failed(60);
    expect(s.due(74)).toBe(false);
    expect(s.due(75)).toBe(true);
    s.start();
    s.failed(175);
    expect(s.due(204)).toBe(false);
    expect(s.due(205)).toBe(true);
  });
});

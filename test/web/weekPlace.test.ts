import { describe, expect, it } from 'vitest';
import { dateAtPlace, mondayOf, placeInHorizon, weekday } from '../../src/web/weekPlace.ts';

describe("a day's place in a horizon", () => {
  it('names weekdays from Monday and finds the Monday of a week, across a month and a year', () => {
    expect(['2026-11-30', '2026-12-01', '2026-12-05', '2026-12-06'].map(weekday)).toEqual([0, 1, 5, 6]);
    expect(['2026-12-03', '2026-11-30', '2027-01-03'].map(mondayOf)).toEqual(['2026-11-30', '2026-11-30', '2026-12-28']);
  });

  it('counts from the Monday of the first week, so a horizon starting on Wednesday keeps weekdays', () => {
    expect(placeInHorizon('2026-12-02', '2026-12-02')).toBe(2);
    expect(placeInHorizon('2026-12-08', '2026-12-02')).toBe(8);
    expect(dateAtPlace(8, '2026-12-16')).toBe('2026-12-22');
    expect(dateAtPlace(placeInHorizon('2026-12-31', '2026-12-28'), '2027-03-29')).toBe('2027-04-01');
  });
});

import { describe, expect, test } from 'vitest';
import { merge, SEG, Segment, type SegmentValue } from '../../src/solver/segments.ts';
import { Random } from '../../src/solver/random.ts';

const seg = (duration: number, timeWarp: number, early: number, late: number, busy = duration): SegmentValue => ({ duration, timeWarp, early, late, busy });

describe('duration segment merge', () => {
  test('fits: B reached inside its window', () => {
    // A: service 10, window [0, 50]; B: service 5, window [30, 40]; 15 apart.
    // Starting A at s, B is reached at s + 25: must be in [30, 40] → s ∈ [5, 15].
    // Duration 10 + 15 + 5 = 30, no waiting, no warp.
    expect(merge(seg(10, 0, 0, 50), seg(5, 0, 30, 40), 15)).toEqual(seg(30, 0, 5, 15));
  });

  test('waits: B opens long after A closes', () => {
    // A: service 10, window [0, 5]; B: service 5, window [100, 120]; 15 apart.
    // Start A at 5 at the latest, reach B at 30, wait 70, serve until 105:
    // duration 10 + 15 + 70 + 5 = 100, window of A's start collapses to [5, 5].
    expect(merge(seg(10, 0, 0, 5), seg(5, 0, 100, 120), 15)).toEqual(seg(100, 0, 5, 5, 30));
  });

  test('warps: B closes before A can reach it', () => {
    // A: service 10, window [50, 60]; B: service 5, window [0, 40]; 15 apart.
    // Start A at 50 at the earliest, reach B at 75, 35 after it closes: time warp 35.
    // Duration 30 (the warp is not counted as time spent), start window [50, 50].
    expect(merge(seg(10, 0, 50, 60), seg(5, 0, 0, 40), 15)).toEqual(seg(30, 35, 50, 50));
  });

  test('carries warp and duration of both parts', () => {
    // A has warp 3 and duration 20 (start in [0, 10]); B has warp 2, duration 8, start in [40, 45].
    // Reach B 20 - 3 + 5 = 22 after A's start: wait max(40 - 22 - 10, 0) = 8,
    // duration 20 + 8 + 5 + 8 = 41, warp 3 + 2 = 5, start window [max(18, 0) - 8, min(23, 10)] = [10, 10].
    expect(merge(seg(20, 3, 0, 10), seg(8, 2, 40, 45), 5)).toEqual(seg(41, 5, 10, 10, 33));
  });

  test('is associative (random segments)', () => {
    const rng = new Random(7);
    const rnd = (): SegmentValue => {
      const early = Math.round(rng.next() * 100);
      return seg(Math.round(rng.next() * 30), Math.round(rng.next() * 5), early, early + Math.round(rng.next() * 50));
    };
    for (let i = 0; i < 500; i++) {
      const a = rnd(), b = rnd(), c = rnd();
      const e1 = Math.round(rng.next() * 20), e2 = Math.round(rng.next() * 20);
      const left = merge(merge(a, b, e1), c, e2);
      const right = merge(a, merge(b, c, e2), e1);
      expect(left.duration).toBeCloseTo(right.duration, 9);
      expect(left.timeWarp).toBeCloseTo(right.timeWarp, 9);
      expect(left.early).toBeCloseTo(right.early, 9);
      expect(left.late).toBeCloseTo(right.late, 9);
      expect(left.busy).toBeCloseTo(right.busy, 9);
    }
  });

  test('waiting is duration less travel and service, and counts as warp above the maximum', () => {
    // Depot [0, 0], then a shop 10 away open from 100 (service 20), then home 10 away:
    // the route leaves at 0, waits 90, and is back at 130. Travel + service 40, waiting 90.
    const s = new Segment();
    s.setNode(0, 0, 0);
    s.appendNode(10, 20, 100, 200);
    s.appendNode(10, 0, 0, 1000);
    expect([s.duration, s.busy, s.timeWarp]).toEqual([130, 40, 0]);
    expect(s.totalTimeWarp(Infinity, Infinity, 0)).toBe(0);
    expect(s.totalTimeWarp(Infinity, 45, 0)).toBe(45);
    expect(s.totalTimeWarp(120, 45, 0)).toBe(55);
    // A route that must last 100 anyway fills 100 - 40 = 60 of its wait: only 30 count.
    expect(s.totalTimeWarp(Infinity, 0, 100)).toBe(30);
    expect(s.totalTimeWarp(Infinity, 30, 100)).toBe(0);
    expect(s.totalTimeWarp(Infinity, 0, 200)).toBe(0);
  });
});

test('a segment appended from the route arrays is the one stored at its slot, waiting included', () => {
  // Two stored segments with different busy times; the second, appended 15 away, waits 70.
  const a = seg(10, 1, 0, 5, 8);
  const b = seg(5, 2, 100, 120, 4);
  const arr = new Float64Array(3 * SEG);
  const s = new Segment();
  s.set(a.duration, a.timeWarp, a.early, a.late, a.busy);
  s.store(arr, 1);
  s.set(b.duration, b.timeWarp, b.early, b.late, b.busy);
  s.store(arr, 2);
  s.load(arr, 1);
  s.appendFrom(15, arr, 2);
  const got: SegmentValue = { duration: s.duration, timeWarp: s.timeWarp, early: s.early, late: s.late, busy: s.busy };
  expect(got).toEqual(merge(a, b, 15));
  expect(got.busy).toBe(8 + 15 + 4);
  // Waiting is duration less busy time: what a maximum wait is judged on.
  expect(s.totalTimeWarp(Infinity, 10, 0)).toBe(got.timeWarp + (got.duration - got.busy - 10));
});

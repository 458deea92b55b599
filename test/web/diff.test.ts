import { describe, expect, it } from 'vitest';
import { diffLine, movesByDay } from '../../src/web/diff.ts';
import { day, linePlan } from './fixtures.ts';

describe('the diff of two plans of a line', () => {
  it('finds no move between a plan and itself, whatever the order of stops', () => {
    const a = linePlan([day('2026-12-07', ['R1', 'R2'], ['R3:phone']), day('2026-12-08', ['R4'])]);
    const b = linePlan([day('2026-12-07', ['R2', 'R1'], ['R3:phone']), day('2026-12-08', ['R4'])]);
    expect(diffLine(a, b)).toEqual([]);
  });

  it('names the old day, the new one and why: a blocked day, a closed shop, a failed visit, new records, or the re-plan', () => {
    const before = linePlan([
      day('2026-12-07', ['R1', 'R2', 'R3'], ['R9:phone']),
      day('2026-12-08', ['R4', 'R5']),
      day('2026-12-09', ['R6']),
    ]);
    const after = linePlan(
      [
        day('2026-12-07', ['R3'], ['R9:phone']),
        day('2026-12-08', [], [], { blocked: true }),
        day('2026-12-09', ['R6', 'R4', 'R1'], ['R5:online', 'R2:phone']),
      ],
      { replan: { from: null, blocked: ['2026-12-08'], closed: [{ retailer: 'R1', date: '2026-12-07' }] } },
    );
    const moves = diffLine(before, after, [
      { retailer: 'R2', date: '2026-12-07', outcome: 'failed', reason: 'owner_away' },
      { retailer: 'R6', date: '2026-12-07', outcome: 'unplanned' },
    ]);
    expect(moves).toEqual([
      { retailer: 'R1', from: '2026-12-07', to: '2026-12-09', fromMode: 'in_person', toMode: 'in_person', reason: 'closed' },
      { retailer: 'R2', from: '2026-12-07', to: '2026-12-09', fromMode: 'in_person', toMode: 'phone', reason: 'failed' },
      { retailer: 'R4', from: '2026-12-08', to: '2026-12-09', fromMode: 'in_person', toMode: 'in_person', reason: 'blocked' },
      { retailer: 'R5', from: '2026-12-08', to: '2026-12-09', fromMode: 'in_person', toMode: 'online', reason: 'blocked' },
    ]);
    expect(movesByDay(moves)).toEqual(new Map([['2026-12-07', { out: 2, in: 0 }], ['2026-12-09', { out: 0, in: 4 }], ['2026-12-08', { out: 2, in: 0 }]]));
  });

  it('pairs a retailer\'s visits in date order and reports what was added or dropped', () => {
    const before = linePlan([day('2026-12-07', ['R1']), day('2026-12-08', []), day('2026-12-09', ['R1']), day('2026-12-10', ['R2'])]);
    const after = linePlan([day('2026-12-07', ['R1']), day('2026-12-08', ['R1']), day('2026-12-09', []), day('2026-12-10', []), day('2026-12-11', ['R3'])]);
    const moves = diffLine(before, after, [{ retailer: 'R2', date: '2026-12-04', outcome: 'done' }]);
    expect(moves).toEqual([
      { retailer: 'R1', from: '2026-12-09', to: '2026-12-08', fromMode: 'in_person', toMode: 'in_person', reason: 'reoptimised' },
      { retailer: 'R2', from: '2026-12-10', to: null, fromMode: 'in_person', toMode: null, reason: 'history' },
      { retailer: 'R3', from: null, to: '2026-12-11', fromMode: null, toMode: 'in_person', reason: 'reoptimised' },
    ]);
  });
});

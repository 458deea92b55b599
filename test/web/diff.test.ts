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
      { retailer: 'R1', from: '2026-12-07', vacated: '2026-12-07', to: '2026-12-09', fromMode: 'in_person', toMode: 'in_person', reason: 'closed' },
      { retailer: 'R2', from: '2026-12-07', vacated: '2026-12-07', to: '2026-12-09', fromMode: 'in_person', toMode: 'phone', reason: 'failed' },
      { retailer: 'R4', from: '2026-12-08', vacated: '2026-12-08', to: '2026-12-09', fromMode: 'in_person', toMode: 'in_person', reason: 'blocked' },
      { retailer: 'R5', from: '2026-12-08', vacated: '2026-12-08', to: '2026-12-09', fromMode: 'in_person', toMode: 'online', reason: 'blocked' },
    ]);
    expect(movesByDay(moves)).toEqual(new Map([['2026-12-07', { out: 2, in: 0 }], ['2026-12-09', { out: 0, in: 4 }], ['2026-12-08', { out: 2, in: 0 }]]));
  });

  it('pairs a retailer\'s visits in date order and reports what was added or dropped', () => {
    const before = linePlan([day('2026-12-07', ['R1']), day('2026-12-08', []), day('2026-12-09', ['R1']), day('2026-12-10', ['R2'])]);
    const after = linePlan([day('2026-12-07', ['R1']), day('2026-12-08', ['R1']), day('2026-12-09', []), day('2026-12-10', []), day('2026-12-11', ['R3'])]);
    const moves = diffLine(before, after, [{ retailer: 'R2', date: '2026-12-04', outcome: 'done' }]);
    expect(moves).toEqual([
      { retailer: 'R1', from: '2026-12-09', vacated: '2026-12-09', to: '2026-12-08', fromMode: 'in_person', toMode: 'in_person', reason: 'reoptimised' },
      { retailer: 'R2', from: '2026-12-10', vacated: '2026-12-10', to: null, fromMode: 'in_person', toMode: null, reason: 'history' },
      { retailer: 'R3', from: null, vacated: null, to: '2026-12-11', fromMode: null, toMode: 'in_person', reason: 'reoptimised' },
    ]);
  });
});

describe('the diff of this week and last', () => {
  // Last week: Monday 30 November to Friday 4 December; this week: 7 to 11 December.
  const lastWeek = linePlan([
    day('2026-11-30', ['R3', 'R6']),
    day('2026-12-01', ['R1', 'R2', 'R7']),
    day('2026-12-02', ['R4', 'R8']),
    day('2026-12-03', ['R3']),
    day('2026-12-04', ['R5']),
  ], { plan: 'last' });
  const thisWeek = linePlan([
    day('2026-12-07', ['R3', 'R5']),
    day('2026-12-08', ['R1', 'R6']),
    day('2026-12-09', [], [], { blocked: true }),
    day('2026-12-10', ['R4', 'R7'], ['R2:phone']),
    day('2026-12-11', ['R3', 'R9']),
  ], { plan: 'this' });
  const records = [
    { retailer: 'R5', date: '2026-12-04', outcome: 'failed' as const, reason: 'shop_closed' },
    { retailer: 'R6', date: '2026-12-01', outcome: 'done' as const },
    { retailer: 'R7', date: '2026-12-01', outcome: 'done' as const },
  ];

  it('matches visits by weekday: Tuesday last week and Tuesday this week are not a move, Tuesday and Thursday are', () => {
    expect(diffLine(lastWeek, thisWeek, records)).toEqual([
      // Monday's R6 was done on Tuesday instead: a record last week's plan did not foresee.
      { retailer: 'R6', from: '2026-11-30', vacated: '2026-12-07', to: '2026-12-08', fromMode: 'in_person', toMode: 'in_person', reason: 'history' },
      // R7 was done on Tuesday as planned: no news, so the plan moved it.
      { retailer: 'R2', from: '2026-12-01', vacated: '2026-12-08', to: '2026-12-10', fromMode: 'in_person', toMode: 'phone', reason: 'reoptimised' },
      { retailer: 'R7', from: '2026-12-01', vacated: '2026-12-08', to: '2026-12-10', fromMode: 'in_person', toMode: 'in_person', reason: 'reoptimised' },
      // This Wednesday is blocked.
      { retailer: 'R4', from: '2026-12-02', vacated: '2026-12-09', to: '2026-12-10', fromMode: 'in_person', toMode: 'in_person', reason: 'blocked' },
      { retailer: 'R8', from: '2026-12-02', vacated: '2026-12-09', to: null, fromMode: 'in_person', toMode: null, reason: 'blocked' },
      // R3 keeps Monday; its Thursday visit went to Friday.
      { retailer: 'R3', from: '2026-12-03', vacated: '2026-12-10', to: '2026-12-11', fromMode: 'in_person', toMode: 'in_person', reason: 'reoptimised' },
      // Friday's visit failed last week.
      { retailer: 'R5', from: '2026-12-04', vacated: '2026-12-11', to: '2026-12-07', fromMode: 'in_person', toMode: 'in_person', reason: 'failed' },
      { retailer: 'R9', from: null, vacated: null, to: '2026-12-11', fromMode: null, toMode: 'in_person', reason: 'reoptimised' },
    ]);
  });

  it("counts the moves on this week's days", () => {
    expect(movesByDay(diffLine(lastWeek, thisWeek, records))).toEqual(new Map([
      ['2026-12-07', { out: 1, in: 1 }],
      ['2026-12-08', { out: 2, in: 1 }],
      ['2026-12-10', { out: 1, in: 3 }],
      ['2026-12-09', { out: 2, in: 0 }],
      ['2026-12-11', { out: 1, in: 2 }],
    ]));
  });

  it('compares plans of several weeks week by week, whichever is shown', () => {
    const cycle = linePlan([day('2026-11-24', ['R1']), day('2026-12-01', ['R1'])]);
    const next = linePlan([day('2026-12-08', ['R1']), day('2026-12-17', ['R1'])]);
    expect(diffLine(cycle, next)).toEqual([
      { retailer: 'R1', from: '2026-12-01', vacated: '2026-12-15', to: '2026-12-17', fromMode: 'in_person', toMode: 'in_person', reason: 'reoptimised' },
    ]);
    // The other way round: the next cycle compared against, this one shown.
    expect(diffLine(next, cycle)).toEqual([
      { retailer: 'R1', from: '2026-12-17', vacated: '2026-12-03', to: '2026-12-01', fromMode: 'in_person', toMode: 'in_person', reason: 'reoptimised' },
    ]);
  });
});

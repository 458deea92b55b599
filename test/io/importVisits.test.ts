import { describe, expect, test } from 'vitest';
import { importVisits } from '../../src/io/importVisits.ts';

const csv = (text: string) => new TextEncoder().encode(text);

describe('visit history import', () => {
  test('reads done, failed and unplanned visits; an empty reason is none', async () => {
    const rows = await importVisits(
      csv('retailer,date,mode,outcome,reason\nR00001,2026-11-30,in_person,done,\nR00002,2026-12-01,phone,failed,owner_away\nR00003,2026-12-02,in_person,unplanned,\n'),
      'csv',
    );
    expect(rows).toEqual([
      { retailer: 'R00001', date: '2026-11-30', mode: 'in_person', outcome: 'done' },
      { retailer: 'R00002', date: '2026-12-01', mode: 'phone', outcome: 'failed', reason: 'owner_away' },
      { retailer: 'R00003', date: '2026-12-02', mode: 'in_person', outcome: 'unplanned' },
    ]);
  });

  test('names every bad row and field, and imports nothing', async () => {
    const bad = csv('retailer,date,mode,outcome,reason\nR1,2026-13-01,car,done,\nR2,2026-12-01,in_person,failed,\n');
    await expect(importVisits(bad, 'csv')).rejects.toThrow(
      [
        'visits.csv line 2, column date: "2026-13-01": not a calendar date',
        'visits.csv line 2, column mode: "car": Invalid option: expected one of "in_person"|"phone"|"online"',
        'visits.csv line 3, column reason: "": a failed visit needs a reason',
      ].join('\n'),
    );
  });

  test('an optional kind column says which visits were the month\'s analysis or the quarter\'s re-evaluation', async () => {
    const rows = await importVisits(
      csv('retailer,date,mode,outcome,reason,kind\nR00001,2026-11-30,in_person,done,,analysis\nR00002,2026-12-01,in_person,done,,reevaluation\nR00003,2026-12-02,phone,done,,\n'),
      'csv',
    );
    expect(rows.map((r) => r.kind ?? '-')).toEqual(['analysis', 'reevaluation', '-']);
    // A routine visit may be by phone: only the month's analysis and the re-evaluation must be in person.
    const routine = await importVisits(csv('retailer,date,mode,outcome,reason,kind\nR00004,2026-12-03,phone,done,,routine\n'), 'csv');
    expect(routine).toEqual([{ retailer: 'R00004', date: '2026-12-03', mode: 'phone', outcome: 'done', kind: 'routine' }]);
    const bad = csv('retailer,date,mode,outcome,reason,kind\nR1,2026-12-01,phone,done,,analysis\nR2,2026-12-01,in_person,done,,audit\n');
    await expect(importVisits(bad, 'csv')).rejects.toThrow(
      [
        'visits.csv line 2, column kind: "analysis": a analysis visit is in person',
        'visits.csv line 3, column kind: "audit": Invalid option: expected one of "routine"|"analysis"|"reevaluation"',
      ].join('\n'),
    );
  });
});

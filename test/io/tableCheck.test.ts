import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import { importLines, importRetailers } from '../../src/io/index.ts';
import { FileProblems } from '../../src/io/problemLog.ts';
import { TableCheck, type TableRule } from '../../src/io/tableCheck.ts';
import { importError } from './helpers.ts';

const row = (line: number, cells: Record<string, string>) => ({ line, cells: new Map(Object.entries(cells)) });
const checker = (rule: TableRule<unknown>) => {
  const log = new FileProblems('t.csv', Infinity);
  return { log, check: new TableCheck<unknown>({ rule, log, place: 'line' }) };
};

describe('TableCheck', () => {
  test('a file missing a column is one problem, and the reader is told to stop at its first row', () => {
    const { log, check } = checker({ schema: z.object({ a: z.string(), b: z.string() }) as never, columns: ['a', 'b'] });
    check.columns(new Set(['a']), []);
    expect(check.row(2, row(2, { a: 'x' }), [])).toBe(false);
    expect(log.kept).toEqual([{ file: 't.csv', reason: 'missing column b', kind: 'file' }]);
  });

  test('a rule that throws names the row and the rest are still checked', () => {
    const schema = z.object({ a: z.string() }).transform((r) => {
      if (r.a === 'boom') throw new Error('the rule broke');
      return r;
    });
    const log = new FileProblems('t.csv', Infinity);
    const got: unknown[] = [];
    const withValue = new TableCheck<unknown>({ rule: { schema: schema as never, columns: ['a'] }, log, place: 'line', onValue: (v) => got.push(v) });
    withValue.columns(new Set(['a']), []);
    expect(withValue.row(2, row(2, { a: 'boom' }), [])).toBe(true);
    expect(withValue.row(3, row(3, { a: 'fine' }), [])).toBe(true);
    expect(log.kept).toEqual([{ file: 't.csv', line: 2, place: 'line', kind: 'value', reason: 'could not be checked: the rule broke' }]);
    expect(got).toEqual([{ a: 'fine' }]);
  });

  test('a rule\'s problem about the whole row is still reported, under column "" with value "" (no rule of ours has one yet)', () => {
    const schema = z.object({ a: z.string(), b: z.string() }).refine((r) => r.a !== r.b, { message: 'a and b must differ' });
    const { log, check } = checker({ schema: schema as never, columns: ['a', 'b'] });
    check.columns(new Set(['a', 'b']), []);
    check.row(2, row(2, { a: 'x', b: 'x' }), []);
    expect(log.kept).toEqual([{ file: 't.csv', line: 2, place: 'line', column: '', value: '', kind: 'value', reason: 'a and b must differ' }]);
  });
});

describe('a file that cannot be read', () => {
  test('is one whole-file problem carrying only what the planner is told (no detail when the reader gave none)', async () => {
    const e = await importError(importRetailers(new TextEncoder().encode('{"type":"Feature"}'), 'geojson'));
    expect(e.problems).toStrictEqual([{ file: 'retailers.geojson', reason: 'expected a GeoJSON FeatureCollection', kind: 'file' }]);
    const l = await importError(importLines(new TextEncoder().encode('[]'), 'geojson'));
    expect(l.problems).toStrictEqual([{ file: 'lines.geojson', reason: 'expected a GeoJSON FeatureCollection', kind: 'file' }]);
  });
});

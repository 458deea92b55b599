import { describe, expect, test } from 'vitest';
import { formatProblem, ImportError } from '../../src/io/index.ts';

describe('ImportError and its message', () => {
  test('the forms of a problem line', () => {
    expect(formatProblem({ file: 'retailers.csv', reason: 'no rows' })).toBe('retailers.csv: no rows');
    expect(formatProblem({ file: 'retailers.csv', line: 7, column: 'lon', value: 'abc', reason: 'expected a longitude in degrees' })).toBe(
      'retailers.csv line 7, column lon: "abc": expected a longitude in degrees',
    );
    expect(formatProblem({ file: 'r.geojson', line: 2, place: 'feature', reason: 'expected a Feature' })).toBe('r.geojson feature 2: expected a Feature');
    expect(formatProblem({ file: 'policy.json', path: 'lunch.value.minutes', value: '"60"', reason: 'expected number' })).toBe('policy.json at lunch.value.minutes: "60": expected number');
    expect(formatProblem({ file: 'policy.json', path: 'phoneMinutes.value', value: '-1', reason: 'too small' })).toBe('policy.json at phoneMinutes.value: -1: too small');
  });

  test('a long value is cut, a quote inside is escaped', () => {
    const long = '长'.repeat(100);
    expect(formatProblem({ file: 'f.csv', line: 2, column: 'name', value: long, reason: 'expected at most 100 characters' })).toBe(
      `f.csv line 2, column name: "${'长'.repeat(59)}…": expected at most 100 characters`,
    );
    expect(formatProblem({ file: 'f.csv', line: 2, column: 'id', value: 'a"b', reason: 'x' })).toBe('f.csv line 2, column id: "a\\"b": x');
  });

  test('an ImportError is an Error with its problems and warnings', () => {
    const e = new ImportError([{ file: 'a.csv', reason: 'no rows' }], [{ file: 'b.csv', line: 2, column: 'line', value: 'L1', reason: 'no retailer is on this line' }]);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ImportError');
    expect(e.message).toBe('a.csv: no rows');
    expect(e.warnings).toHaveLength(1);
  });
});

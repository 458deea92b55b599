import { describe, expect, test } from 'vitest';
import { formatProblem, ImportError, MESSAGE_PROBLEM_LIMIT, problemsMessage } from '../../src/io/index.ts';

describe('ImportError and its message', () => {
  test('the forms of a problem line', () => {
    expect(formatProblem({ file: 'retailers.csv', reason: 'no rows' })).toBe('retailers.csv: no rows');
    expect(formatProblem({ file: 'retailers.csv', line: 7, column: 'lon', value: 'abc', reason: 'expected a longitude in degrees' })).toBe(
      'retailers.csv line 7, column lon: "abc": expected a longitude in degrees',
    );
    expect(formatProblem({ file: 'r.geojson', line: 2, place: 'feature', reason: 'expected a Feature' })).toBe('r.geojson feature 2: expected a Feature');
    expect(formatProblem({ file: 'policy.json', path: 'lunch.value.minutes', value: '"60"', reason: 'expected number' })).toBe('policy.json at lunch.value.minutes: "60": expected number');
    expect(formatProblem({ file: 'policy.json', path: 'phoneMinutes.value', value: '-1', reason: 'too small' })).toBe('policy.json at phoneMinutes.value: -1: too small');
    // A column without a line (a header written twice) takes no comma.
    expect(formatProblem({ file: 'r.csv', column: 'id', kind: 'header', reason: 'written twice' })).toBe('r.csv column id: written twice');
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

  test('the message lists the first problems and says how many more there are', () => {
    const problems = Array.from({ length: MESSAGE_PROBLEM_LIMIT + 2 }, (_, i) => ({ file: 'r.csv', line: i + 2, column: 'lon', value: 'x', reason: 'bad' }));
    const lines = problemsMessage(problems).split('\n');
    expect(lines).toHaveLength(MESSAGE_PROBLEM_LIMIT + 1);
    expect(lines[0]).toBe('r.csv line 2, column lon: "x": bad');
    expect(lines[MESSAGE_PROBLEM_LIMIT - 1]).toBe(`r.csv line ${MESSAGE_PROBLEM_LIMIT + 1}, column lon: "x": bad`);
    expect(lines[MESSAGE_PROBLEM_LIMIT]).toBe(`… and 2 more problems (${MESSAGE_PROBLEM_LIMIT + 2} in all)`);
    // Problems kept short of the total (an importer's limit): the rest are counted, one is singular.
    expect(problemsMessage(problems.slice(0, 1), 2)).toBe('r.csv line 2, column lon: "x": bad\n… and 1 more problem (2 in all)');
    expect(problemsMessage(problems.slice(0, 3), 3).split('\n')).toHaveLength(3);
  });

  test('the counts are by file, kind and column (or the JSON path\'s first key), in the order first seen', () => {
    const e = new ImportError([
      { file: 'r.csv', line: 2, column: 'lon', value: 'x', reason: 'bad' },
      { file: 'r.csv', line: 3, column: 'id', value: 'A', kind: 'duplicate', reason: 'duplicate of line 2' },
      { file: 'r.csv', line: 4, column: 'lon', value: 'y', kind: 'value', reason: 'bad' },
      { file: 'r.csv', line: 5, column: 'lat', value: 'y', reason: 'bad' },
      { file: 'l.csv', line: 2, column: 'lon', value: 'x', reason: 'bad' },
      { file: 'p.json', path: 'lunch.value.minutes', value: '1', kind: 'document', reason: 'bad' },
      { file: 'p.json', path: 'lunch[0]', value: '1', kind: 'document', reason: 'bad' },
      { file: 'p.json', path: 'phoneMinutes', value: '1', kind: 'document', reason: 'bad' },
      { file: 'c.json', kind: 'file', reason: 'not JSON' },
      { file: 'c.json', kind: 'file', reason: 'still not JSON' },
    ]);
    expect(e.total).toBe(10);
    expect(e.counts).toEqual([
      { file: 'r.csv', kind: 'value', column: 'lon', problems: 2 },
      { file: 'r.csv', kind: 'duplicate', column: 'id', problems: 1 },
      { file: 'r.csv', kind: 'value', column: 'lat', problems: 1 },
      { file: 'l.csv', kind: 'value', column: 'lon', problems: 1 },
      { file: 'p.json', kind: 'document', column: 'lunch', problems: 2 },
      { file: 'p.json', kind: 'document', column: 'phoneMinutes', problems: 1 },
      { file: 'c.json', kind: 'file', problems: 2 },
    ]);
    // A whole-file count has no column key at all, not one set to undefined.
    expect(Object.keys(e.counts.at(-1)!)).toEqual(['file', 'kind', 'problems']);
  });
});

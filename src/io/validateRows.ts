import type { z } from 'zod';
import type { ImportProblem } from './importError.ts';
import type { RawTable } from './table.ts';

/** A row that passed its schema, with where it came from (cross-row checks name lines). */
export interface ValidRow<T> {
  line: number;
  value: T;
}

export interface Validated<T> {
  rows: ValidRow<T>[];
  problems: ImportProblem[];
  /** False when the file as a whole is unusable (unreadable, columns missing, no rows). */
  usable: boolean;
}

/**
 * Every row of a raw table through a domain row schema, collecting every problem rather
 * than stopping at the first: a planner fixes the whole file in one pass.
 *
 * Whole-file problems come alone, once: a missing column is one message, not one per row.
 */
export function validateRows<T>(table: RawTable, schema: z.ZodType<T, Record<string, string>>, columns: readonly string[]): Validated<T> {
  const { file, place } = table;
  const fileProblems = table.problems.filter((p) => p.line === undefined);
  if (fileProblems.length > 0) return { rows: [], problems: fileProblems, usable: false };

  // Nothing to import is said once, before columns: an empty file has no header to check.
  if (table.rows.length === 0) {
    const problems = table.problems.length > 0 ? [...table.problems] : [{ file, reason: 'no rows' }];
    return { rows: [], problems, usable: false };
  }
  const missing = columns.filter((c) => !table.columns.has(c));
  if (missing.length > 0) {
    return { rows: [], problems: [{ file, reason: `missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}` }], usable: false };
  }
  const problems = [...table.problems];

  const rows: ValidRow<T>[] = [];
  for (const row of table.rows) {
    const input: Record<string, string> = {};
    const skip = new Set(row.reported);
    for (const c of columns) {
      const cell = row.cells.get(c);
      // Only GeoJSON rows can lack a cell: a property some features carry and this one not.
      if (cell === undefined && !skip.has(c)) {
        problems.push({ file, line: row.line, place, column: c, reason: 'missing property' });
        skip.add(c);
      }
      input[c] = cell ?? '';
    }
    let result: ReturnType<typeof schema.safeParse>;
    try {
      result = schema.safeParse(input);
    } catch (e) {
      // A schema bug must not turn an upload into a 500: name the row, keep checking the rest.
      problems.push({ file, line: row.line, place, reason: `could not be checked: ${(e as Error).message}` });
      continue;
    }
    if (result.success) {
      if (skip.size === 0) rows.push({ line: row.line, value: result.data });
      continue;
    }
    for (const issue of result.error.issues) {
      const column = String(issue.path[0] ?? '');
      if (skip.has(column)) continue;
      problems.push({ file, line: row.line, place, column, value: row.cells.get(column) ?? '', reason: issue.message });
    }
  }
  return { rows, problems: sortProblems(problems, columns), usable: true };
}

/** By line, then in the order of the columns, so a message reads like the file. */
export function sortProblems(problems: ImportProblem[], columns: readonly string[]): ImportProblem[] {
  const order = (c: string | undefined) => {
    const i = c === undefined ? -1 : columns.indexOf(c);
    return i < 0 ? columns.length : i;
  };
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || order(a.p.column) - order(b.p.column) || a.i - b.i)
    .map(({ p }) => p);
}

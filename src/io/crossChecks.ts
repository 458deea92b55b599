import type { ImportProblem } from './importError.ts';
import type { RawTable } from './table.ts';

/**
 * The cross-row checks work on the raw cells, not only on rows that passed their schema,
 * so a duplicate id is reported together with a bad coordinate in the same row, in the
 * same pass. Blank keys are left to the schema, which already names them.
 */
export interface KeyedRow {
  line: number;
  key: string;
}

export function keysOf(table: RawTable, column: string): KeyedRow[] {
  return table.rows.map((r) => ({ line: r.line, key: r.cells.get(column) ?? '' })).filter((k) => k.key !== '');
}

/**
 * Keys that appear more than once: each repeat names the line of the first, so a planner
 * sees both rows (`line 9, column id: "R0001": duplicate of line 3`).
 */
export function duplicateKeys(table: RawTable, column: string): ImportProblem[] {
  const first = new Map<string, number>();
  const problems: ImportProblem[] = [];
  for (const { line, key } of keysOf(table, column)) {
    const seen = first.get(key);
    if (seen === undefined) first.set(key, line);
    else problems.push({ file: table.file, line, place: table.place, column, value: key, reason: `duplicate of ${table.place} ${seen}` });
  }
  return problems;
}

/** Rows whose key is not among `known` (retailers on a line the lines file lacks). */
export function unknownKeys(table: RawTable, column: string, known: ReadonlySet<string>, reason: string): ImportProblem[] {
  return keysOf(table, column)
    .filter((k) => !known.has(k.key))
    .map(({ line, key }) => ({ file: table.file, line, place: table.place, column, value: key, reason }));
}

/** Keeps only the problems not already reported for the same cell (the schema's come first). */
export function newProblems(existing: readonly ImportProblem[], added: readonly ImportProblem[]): ImportProblem[] {
  const seen = new Set(existing.map(cellKey));
  return added.filter((p) => !seen.has(cellKey(p)));
}

function cellKey(p: ImportProblem): string {
  return `${p.file}\u0000${p.line}\u0000${p.column}`;
}

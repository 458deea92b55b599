import type { ImportProblem } from './importError.ts';

/** The file formats a planner may upload a table in. */
export const TABLE_FORMATS = ['csv', 'xlsx', 'geojson'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** One data row as text, keyed by column name, with where it sits in the file. */
export interface RawRow {
  /** Spreadsheet row (header = 1), or the 1-based feature number for GeoJSON. */
  line: number;
  cells: Map<string, string>;
  /** Columns whose problem the reader already reported (a GeoJSON geometry): not reported again. */
  reported?: Set<string>;
}

/**
 * A table read from any format, before validation: text cells only, so CSV, XLSX and
 * GeoJSON all go through the same row schema and give the same messages.
 */
export interface RawTable {
  file: string;
  place: 'line' | 'feature';
  /** Column names found in the file (normalised: trimmed, lower case). */
  columns: Set<string>;
  rows: RawRow[];
  /** What the reader itself found wrong: unreadable file, bad header, bad geometry. */
  problems: ImportProblem[];
}

/** Header text → column name: spaces around it and a stray BOM dropped, lower case. */
export function columnName(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().toLowerCase();
}

/**
 * Reads a header row into column name → cell position, naming a column written twice
 * (which value would win is a guess the importer refuses to make).
 */
export function readHeader(file: string, headers: readonly string[], headerLine: number): { positions: Map<string, number>; problems: ImportProblem[] } {
  const positions = new Map<string, number>();
  const problems: ImportProblem[] = [];
  headers.forEach((h, i) => {
    const name = columnName(h);
    if (name === '') return;
    if (positions.has(name)) {
      problems.push({ file, line: headerLine, column: name, reason: 'column appears more than once' });
    } else {
      positions.set(name, i);
    }
  });
  return { positions, problems };
}

/** True for a row a spreadsheet shows as empty; such rows are skipped, not errors. */
export function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/**
 * Builds the table from rows of cell text (CSV and XLSX share this): the first non-blank
 * row is the header, blank rows are skipped, a short row reads as empty trailing cells.
 */
export function tableFromGrid(file: string, grid: readonly { line: number; cells: readonly string[] }[]): RawTable {
  const table: RawTable = { file, place: 'line', columns: new Set(), rows: [], problems: [] };
  const start = grid.findIndex((r) => !isBlank(r.cells));
  if (start < 0) return table;
  const header = readHeader(file, grid[start].cells, grid[start].line);
  table.problems.push(...header.problems);
  table.columns = new Set(header.positions.keys());
  for (const r of grid.slice(start + 1)) {
    if (isBlank(r.cells)) continue;
    const cells = new Map<string, string>();
    for (const [name, i] of header.positions) cells.set(name, (r.cells[i] ?? '').trim());
    table.rows.push({ line: r.line, cells });
  }
  return table;
}

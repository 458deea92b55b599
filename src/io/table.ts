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
 * What a reader hands on as it goes, so that no format keeps a whole table in memory:
 * the columns once known, then each data row with what the reader itself found wrong in
 * it (a GeoJSON geometry). CSV, XLSX and GeoJSON all go through the same checker and
 * give the same messages.
 */
export interface TableSink {
  /** The file's column names (normalised) and the header's own problems. */
  columns(names: ReadonlySet<string>, problems: readonly ImportProblem[]): void;
  /** A data row (undefined when the reader could make none of it); false stops the reading. */
  row(line: number, row: RawRow | undefined, problems: readonly ImportProblem[]): boolean;
}

/** A problem with the whole file that ends its reading: unreadable, too large, not a table. */
export class FileProblem extends Error {
  override readonly name = 'FileProblem';
  /** What a library said (an exceljs TypeError): for the log, never for the planner. */
  readonly detail: string | undefined;

  constructor(reason: string, detail?: string) {
    super(reason);
    this.detail = detail;
  }
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
      problems.push({ file, line: headerLine, column: name, kind: 'header', reason: 'column appears more than once' });
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
 * Rows of cell text (CSV records, worksheet rows) → columns, then rows: the first
 * non-blank row is the header, blank rows are skipped, a short row reads as empty
 * trailing cells.
 */
export class GridReader {
  readonly #file: string;
  readonly #sink: TableSink;
  #positions: Map<string, number> | undefined;
  #stopped = false;

  constructor(file: string, sink: TableSink) {
    this.#file = file;
    this.#sink = sink;
  }

  /** One grid row; false once the sink wants no more. */
  push(line: number, cells: readonly string[]): boolean {
    if (this.#stopped) return false;
    if (isBlank(cells)) return true;
    if (!this.#positions) {
      const header = readHeader(this.#file, cells, line);
      this.#positions = header.positions;
      this.#sink.columns(new Set(header.positions.keys()), header.problems);
      return true;
    }
    const row = new Map<string, string>();
    for (const [name, i] of this.#positions) row.set(name, (cells[i] ?? '').trim());
    if (!this.#sink.row(line, { line, cells: row }, [])) this.#stopped = true;
    return !this.#stopped;
  }
}

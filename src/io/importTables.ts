import { LINE_COLUMNS, LineRowSchema, type Line } from '../domain/line.ts';
import { RETAILER_COLUMNS, RetailerRowSchema, type Retailer } from '../domain/retailer.ts';
import { duplicateKeys, newProblems } from './crossChecks.ts';
import { ImportError, type ImportProblem } from './importError.ts';
import { readTable } from './readTable.ts';
import type { RawTable } from './table.ts';
import { sortProblems, validateRows } from './validateRows.ts';

/** A table file checked on its own: its rows, the raw table for cross-file checks, its problems. */
export interface CheckedTable<T> {
  values: T[];
  table: RawTable;
  problems: ImportProblem[];
  usable: boolean;
}

export interface TableOptions {
  /** The name problems give the file; by default `retailers.<format>` or `lines.<format>`. */
  file?: string;
}

/** Reads and checks a retailers file without throwing; {@link importRetailers} throws. */
export async function checkRetailers(bytes: Uint8Array, format: string, options: TableOptions = {}): Promise<CheckedTable<Retailer>> {
  const file = options.file ?? `retailers.${format}`;
  const table = await readTable(file, bytes, format, { lon: 'lon', lat: 'lat', elevation: 'elevation_m' });
  return check(table, RetailerRowSchema, RETAILER_COLUMNS, 'id');
}

/** Reads and checks a lines file without throwing; {@link importLines} throws. A GeoJSON Point is the base. */
export async function checkLines(bytes: Uint8Array, format: string, options: TableOptions = {}): Promise<CheckedTable<Line>> {
  const file = options.file ?? `lines.${format}`;
  const table = await readTable(file, bytes, format, { lon: 'base_lon', lat: 'base_lat' });
  return check(table, LineRowSchema, LINE_COLUMNS, 'line');
}

function check<T>(table: RawTable, schema: Parameters<typeof validateRows<T>>[1], columns: readonly string[], key: string): CheckedTable<T> {
  const v = validateRows(table, schema, columns);
  if (!v.usable) return { values: [], table, problems: v.problems, usable: false };
  const problems = sortProblems([...v.problems, ...newProblems(v.problems, duplicateKeys(table, key))], columns);
  return { values: problems.length === 0 ? v.rows.map((r) => r.value) : [], table, problems, usable: true };
}

/**
 * A retailers file (CSV, XLSX or GeoJSON) → retailers, all or nothing.
 * @throws {ImportError} listing every bad row and field.
 */
export async function importRetailers(bytes: Uint8Array, format: 'csv' | 'xlsx' | 'geojson', options?: TableOptions): Promise<Retailer[]> {
  const checked = await checkRetailers(bytes, format, options);
  if (checked.problems.length > 0) throw new ImportError(checked.problems);
  return checked.values;
}

/**
 * A lines file (CSV, XLSX or GeoJSON) → lines, all or nothing.
 * @throws {ImportError} listing every bad row and field.
 */
export async function importLines(bytes: Uint8Array, format: 'csv' | 'xlsx' | 'geojson', options?: TableOptions): Promise<Line[]> {
  const checked = await checkLines(bytes, format, options);
  if (checked.problems.length > 0) throw new ImportError(checked.problems);
  return checked.values;
}

import { LINE_COLUMNS, LineRowSchema, type Line } from '../domain/line.ts';
import { RETAILER_COLUMNS, RetailerRowSchema, type Retailer } from '../domain/retailer.ts';
import type { PointColumns } from './geojsonRows.ts';
import { ImportError } from './importError.ts';
import { NO_LIMITS, type ImportLimits } from './importLimits.ts';
import { ProblemLog } from './problemLog.ts';
import { readTable } from './readTable.ts';
import { FileProblem } from './table.ts';
import { TableCheck, type Reference, type TableRule } from './tableCheck.ts';

export const RETAILER_RULE: TableRule<Retailer> = { schema: RetailerRowSchema, columns: RETAILER_COLUMNS, key: 'id' };
export const LINE_RULE: TableRule<Line> = { schema: LineRowSchema, columns: LINE_COLUMNS, key: 'line' };
/** A retailer's GeoJSON Point is the shop; a line's is its base. */
export const RETAILER_POINT: PointColumns = { lon: 'lon', lat: 'lat', elevation: 'elevation_m' };
export const LINE_POINT: PointColumns = { lon: 'base_lon', lat: 'base_lat' };

/** A table file to check: its name (which names it in problems), bytes and format. */
export interface TableFile {
  name: string;
  bytes: Uint8Array;
  format: string;
}

/**
 * Streams one table file through its rule into `log` (its problems under the file's
 * name); valid rows go to `onValue` as they are read. Returns the checker, which knows
 * the file's keys and whether it could be read at all.
 */
export async function checkTable<T>(
  file: TableFile,
  rule: TableRule<T>,
  point: PointColumns,
  log: ProblemLog,
  limits: ImportLimits,
  opts: { ref?: Reference; onValue?: (value: T, line: number) => void; collect?: string } = {},
): Promise<TableCheck<T>> {
  const fileLog = log.file(file.name);
  const check = new TableCheck<T>({ rule, log: fileLog, place: file.format === 'geojson' ? 'feature' : 'line', ...opts });
  try {
    await readTable(file.name, file.bytes, file.format, point, check, limits);
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    fileLog.fail({ file: file.name, reason: e.message, ...(e.detail === undefined ? {} : { detail: e.detail }) });
  }
  check.finish();
  return check;
}

export interface TableOptions {
  /** The name problems give the file; by default `retailers.<format>` or `lines.<format>`. */
  file?: string;
  limits?: ImportLimits;
}

/**
 * A retailers file (CSV, XLSX or GeoJSON) → retailers, all or nothing.
 * @throws {ImportError} listing every bad row and field.
 */
export async function importRetailers(bytes: Uint8Array, format: 'csv' | 'xlsx' | 'geojson', options: TableOptions = {}): Promise<Retailer[]> {
  return importTable({ name: options.file ?? `retailers.${format}`, bytes, format }, RETAILER_RULE, RETAILER_POINT, options.limits ?? NO_LIMITS);
}

/**
 * A lines file (CSV, XLSX or GeoJSON) → lines, all or nothing. A GeoJSON Point is the base.
 * @throws {ImportError} listing every bad row and field.
 */
export async function importLines(bytes: Uint8Array, format: 'csv' | 'xlsx' | 'geojson', options: TableOptions = {}): Promise<Line[]> {
  return importTable({ name: options.file ?? `lines.${format}`, bytes, format }, LINE_RULE, LINE_POINT, options.limits ?? NO_LIMITS);
}

/** One table file → its rows, all or nothing. @throws {ImportError} */
export async function importTable<T>(file: TableFile, rule: TableRule<T>, point: PointColumns, limits: ImportLimits): Promise<T[]> {
  const log = new ProblemLog(limits.maxProblems);
  const values: T[] = [];
  await checkTable(file, rule, point, log, limits, { onValue: (v) => values.push(v) });
  if (log.total > 0) {
    const r = log.report();
    throw new ImportError(r.problems, [], r);
  }
  return values;
}

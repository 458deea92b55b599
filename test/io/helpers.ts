import { stringify } from 'csv-stringify/sync';
import { expect } from 'vitest';
import { LINE_COLUMNS } from '../../src/domain/line.ts';
import { RETAILER_COLUMNS } from '../../src/domain/retailer.ts';
import { ImportError } from '../../src/io/index.ts';

export type Row = Record<string, string>;

/** A valid retailers.csv row as text; tests change one field at a time. */
export function retailerRow(over: Row = {}): Row {
  return {
    id: 'R0001', name: '张记烟酒', lon: '114.0712', lat: '32.1234', county: '浉河区', township: '老城街道',
    urban: '1', format: 'tobacco_liquor', class: 'ordinary', supply_stopped: '0', must_in_person: '0',
    vulnerable: '0', line: 'L01', opens: '08:00', closes: '21:00', order_weekday: '2', ordering: 'computer',
    phone: '13800138000', elevation_m: '80', ...over,
  };
}

/** A valid lines.csv row as text. */
export function lineRow(over: Row = {}): Row {
  return { line: 'L01', county: '浉河区', manager: '王磊', base_lon: '114.06', base_lat: '32.13', vehicle: 'car', litres_per_100km: '8', ...over };
}

/** Rows → CSV text with a header, as csv-stringify writes it. */
export function csvText(rows: Row[], columns: readonly string[] = RETAILER_COLUMNS): string {
  return stringify(rows, { header: true, columns: [...columns] });
}

export function csvBytes(rows: Row[], columns: readonly string[] = RETAILER_COLUMNS): Uint8Array {
  return new TextEncoder().encode(csvText(rows, columns));
}

export const linesCsv = (rows: Row[]) => csvBytes(rows, LINE_COLUMNS);

/** The ImportError a promise rejects with (fails the test if it resolves or throws something else). */
export async function importError(p: Promise<unknown>): Promise<ImportError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImportError);
  return e as ImportError;
}

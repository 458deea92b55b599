import ExcelJS from 'exceljs';
import { formatClock } from '../domain/clock.ts';
import { tableFromGrid, type RawTable } from './table.ts';

const DAY_MS = 86_400_000;

/**
 * XLSX bytes → a raw table from the first worksheet, first row the header.
 * Row numbers are the worksheet's own, so they match what Excel shows.
 */
export async function xlsxTable(file: string, bytes: Uint8Array): Promise<RawTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    return { file, place: 'line', columns: new Set(), rows: [], problems: [{ file, reason: `not readable as an XLSX workbook: ${(e as Error).message}` }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { file, place: 'line', columns: new Set(), rows: [], problems: [] };
  const date1904 = workbook.properties?.date1904 === true;
  const grid: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    // row.values is 1-based (index 0 unused); holes are empty cells.
    const values = row.values as ExcelJS.CellValue[];
    for (let c = 1; c < values.length; c++) cells.push(cellText(values[c], date1904));
    grid.push({ line: row.number, cells });
  });
  return tableFromGrid(file, grid);
}

/**
 * One cell → the text a planner sees in it, the same rule for every column:
 * numbers as JavaScript writes them (114.0712, 13800138000), booleans as the 0/1 of
 * the exchange format, a time of day as HH:MM, a date as YYYY-MM-DD, formulas by
 * their computed result, error cells as their code (#N/A) so validation names them.
 */
export function cellText(value: ExcelJS.CellValue | undefined, date1904 = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return dateText(value, date1904);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) {
    const { result, formula, sharedFormula } = value as ExcelJS.CellFormulaValue & { sharedFormula?: string };
    // A workbook saved by a tool that does not compute formulas has no result: show the
    // formula, which no schema accepts, rather than an empty cell that some would.
    if (result === undefined) return `=${formula ?? sharedFormula ?? ''}`;
    return cellText(result as ExcelJS.CellValue, date1904);
  }
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue, date1904);
  return String(value);
}

/**
 * Excel stores times as fractions of a day, and exceljs reads a cell formatted as a
 * time as a Date on Excel's day zero (1899-12-30, or 1904-01-01 in 1904-based books).
 * Such a value is a time of day, HH:MM; seconds are kept only when there are some, so
 * 08:30:20 is shown (and refused) instead of silently becoming 08:30.
 */
function dateText(date: Date, date1904: boolean): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return '';
  const day = date.toISOString().slice(0, 10);
  const timeOnly = day === (date1904 ? '1904-01-01' : '1899-12-30');
  // Excel's binary fractions land a hair off the minute (08:29:59.9999): round to the second.
  const seconds = Math.round((((ms % DAY_MS) + DAY_MS) % DAY_MS) / 1000);
  if (seconds === 0 && !timeOnly) return day;
  const clock = seconds % 60 === 0 ? formatClock(seconds / 60) : `${formatClock(Math.floor(seconds / 60))}:${String(seconds % 60).padStart(2, '0')}`;
  return timeOnly ? clock : `${day} ${clock}`;
}

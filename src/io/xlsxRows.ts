import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatClock } from '../domain/clock.ts';
import { tooManyRows, type ImportLimits } from './importLimits.ts';
import { FileProblem, GridReader, type TableSink } from './table.ts';

const DAY_MS = 86_400_000;
/** A fixed text: what exceljs or unzipper said (a TypeError, a bad signature) goes to the log, not to the planner. */
const NOT_A_WORKBOOK = 'not readable as an XLSX workbook (save it again from Excel as .xlsx)';
const MB = 1024 * 1024;

/** unzipper (exceljs's own zip reader) has no types: the part of its directory reader used here. */
interface ZipDirectory {
  files: { path: string; uncompressedSize: number; offsetToLocalFileHeader: number }[];
  offsetToStartOfCentralDirectory: number;
}
const unzipper = createRequire(import.meta.url)('unzipper') as { Open: { buffer(b: Buffer): Promise<ZipDirectory> } };

/** The read now under way in this thread (readXlsx runs them one after another). */
let alone: Promise<unknown> = Promise.resolve();

/**
 * XLSX bytes → columns and rows of the first worksheet to `sink`, streamed row by row
 * (exceljs's streaming reader), first row the header. Row numbers are the worksheet's
 * own, so they match what Excel shows.
 *
 * The zip's directory is read first: a workbook that says it inflates to more than the
 * limit is refused before anything is inflated (a 20 MB file can hold 400 MB of XML).
 *
 * @throws {FileProblem} not a workbook, inflates too far, or more rows than the limit.
 */
export function readXlsx(file: string, bytes: Uint8Array, sink: TableSink, limits: Pick<ImportLimits, 'maxRows' | 'maxInflatedBytes'>): Promise<void> {
  // One workbook at a time in a thread: each points TMPDIR at its own scratch folder, and two
  // at once would restore each other's (removed) folder for whatever comes next.
  const run = alone.then(() => readXlsxAlone(file, bytes, sink, limits));
  alone = run.catch(() => undefined);
  return run;
}

async function readXlsxAlone(file: string, bytes: Uint8Array, sink: TableSink, limits: Pick<ImportLimits, 'maxRows' | 'maxInflatedBytes'>): Promise<void> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let directory: ZipDirectory;
  try {
    directory = await unzipper.Open.buffer(buf);
  } catch (e) {
    throw new FileProblem(NOT_A_WORKBOOK, (e as Error).message);
  }
  const inflated = directory.files.reduce((n, f) => n + f.uncompressedSize, 0);
  if (inflated > limits.maxInflatedBytes) {
    throw new FileProblem(`the workbook inflates to ${(inflated / MB).toFixed(1)} MB, more than the ${(limits.maxInflatedBytes / MB).toFixed(1)} MB an upload may`);
  }
  if (!directory.files.some((f) => WORKSHEET.test(f.path))) throw new FileProblem(`${NOT_A_WORKBOOK}: it has no worksheet`);

  // exceljs parks a worksheet that comes before the shared strings (as Excel writes them)
  // in a temporary file: give it a folder of its own, removed however the reading ends.
  const scratch = mkdtempSync(join(tmpdir(), 'vp-xlsx-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  const grid = new GridReader(file, sink);
  let rows = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(worksheetsLast(buf, directory)), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    // The first worksheet only, as a planner's file has one.
    for await (const sheet of reader) {
      const date1904 = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties?.model?.date1904 === true;
      for await (const row of sheet) {
        rows += 1;
        if (rows > limits.maxRows) throw new FileProblem(tooManyRows(rows, limits.maxRows, 'rows or more'));
        const cells: string[] = [];
        // row.values is 1-based (index 0 unused); holes are empty cells.
        const values = row.values as ExcelJS.CellValue[];
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c], date1904));
        if (!grid.push(row.number, cells)) break;
      }
      break;
    }
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    throw new FileProblem(NOT_A_WORKBOOK, (e as Error).message);
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(scratch, { recursive: true, force: true });
  }
}

const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/**
 * The zip's local records with the worksheets moved after everything else, copied as they are
 * (nothing inflated), and the central directory after them. Excel and exceljs write the
 * worksheets before the shared strings, and some writers before the workbook part: exceljs's
 * streaming reader parks the first kind in temporary files until the end, and meets the second
 * kind without the workbook's sheet list, which it then fails to read ("reading 'sheets'"). Its
 * parser reads the records in the order they come and stops at the central directory.
 */
function worksheetsLast(buf: Buffer, directory: ZipDirectory): Buffer[] {
  const starts = directory.files.map((f) => f.offsetToLocalFileHeader).sort((a, b) => a - b);
  // A record runs to the next one, the last to the central directory.
  const record = (f: ZipDirectory['files'][number]) => {
    const i = starts.indexOf(f.offsetToLocalFileHeader);
    return buf.subarray(f.offsetToLocalFileHeader, i + 1 < starts.length ? starts[i + 1] : directory.offsetToStartOfCentralDirectory);
  };
  const sheets = directory.files.filter((f) => WORKSHEET.test(f.path));
  const rest = directory.files.filter((f) => !WORKSHEET.test(f.path));
  return [...rest.map(record), ...sheets.map(record), buf.subarray(directory.offsetToStartOfCentralDirectory)];
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

import { CalendarSchema, type Calendar } from '../domain/calendar.ts';
import type { Line } from '../domain/line.ts';
import { PolicySchema, type Policy } from '../domain/policy.ts';
import { RETAILER_COLUMNS, type Retailer } from '../domain/retailer.ts';
import { keysOf, newProblems, unknownKeys } from './crossChecks.ts';
import { DEFAULT_CALENDAR_FILE, DEFAULT_CALENDAR_JSON } from './defaultCalendar.ts';
import { ImportError, type ImportProblem } from './importError.ts';
import { checkLines, checkRetailers } from './importTables.ts';
import { checkDocument, checkJson, type Checked } from './jsonDocument.ts';
import { formatOfName } from './readTable.ts';
import { sortProblems } from './validateRows.ts';

/** One uploaded file: its name (which names it in problems, and gives its format) and bytes. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
  /** Overrides the format the name's extension implies (`csv`, `xlsx`, `geojson`). */
  format?: 'csv' | 'xlsx' | 'geojson';
}

export interface DatasetFiles {
  retailers: UploadedFile;
  lines: UploadedFile;
  policy: UploadedFile;
  /** Default: the shipped China calendar, `data/calendar/cn.json`. */
  calendar?: UploadedFile;
}

/** A planner's data, checked file by file and across files. */
export interface Dataset {
  retailers: Retailer[];
  lines: Line[];
  policy: Policy;
  calendar: Calendar;
  /** Worth a look but not wrong, e.g. a line with no retailers. */
  warnings: ImportProblem[];
}

/**
 * Uploaded files → a dataset, all or nothing: every file is checked, then the files
 * against each other, and if anything is wrong one {@link ImportError} lists it all.
 * No file system here: the service calls this with the bytes of an upload.
 *
 * @throws {ImportError}
 */
export async function importDataset(files: DatasetFiles): Promise<Dataset> {
  const retailers = await checkRetailers(files.retailers.bytes, files.retailers.format ?? formatOfName(files.retailers.name), { file: files.retailers.name });
  const lines = await checkLines(files.lines.bytes, files.lines.format ?? formatOfName(files.lines.name), { file: files.lines.name });
  const policy = checkJson(files.policy.name, files.policy.bytes, PolicySchema);
  const calendar: Checked<Calendar> = files.calendar
    ? checkJson(files.calendar.name, files.calendar.bytes, CalendarSchema)
    : checkDocument(DEFAULT_CALENDAR_FILE, DEFAULT_CALENDAR_JSON, CalendarSchema);

  const problems: ImportProblem[] = [...retailers.problems];
  const warnings: ImportProblem[] = [];
  // Across files only when both tables could be read: against a lines file with missing
  // columns every retailer would be "on an unknown line", which says nothing new.
  if (retailers.usable && lines.usable) {
    const known = new Set(keysOf(lines.table, 'line').map((k) => k.key));
    problems.push(...newProblems(problems, unknownKeys(retailers.table, 'line', known, `no such line in ${lines.table.file}`)));
    const used = new Set(keysOf(retailers.table, 'line').map((k) => k.key));
    warnings.push(...unknownKeys(lines.table, 'line', used, 'no retailer is on this line'));
  }
  // Cross-file problems sit with their row: re-sort the retailers file's problems by line.
  const all = sortProblems(problems, RETAILER_COLUMNS);
  all.push(...lines.problems);
  if (!policy.ok) all.push(...policy.problems);
  if (!calendar.ok) all.push(...calendar.problems);

  if (all.length > 0 || !policy.ok || !calendar.ok) throw new ImportError(all, warnings);
  return { retailers: retailers.values, lines: lines.values, policy: policy.value, calendar: calendar.value, warnings };
}

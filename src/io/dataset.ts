import { CalendarSchema, type Calendar } from '../domain/calendar.ts';
import type { Line } from '../domain/line.ts';
import { PolicySchema, type Policy } from '../domain/policy.ts';
import type { Retailer } from '../domain/retailer.ts';
import { DEFAULT_CALENDAR_FILE, DEFAULT_CALENDAR_JSON } from './defaultCalendar.ts';
import { ImportError, type ImportProblem } from './importError.ts';
import { NO_LIMITS, type ImportLimits } from './importLimits.ts';
import { checkTable, LINE_POINT, LINE_RULE, RETAILER_POINT, RETAILER_RULE } from './importTables.ts';
import { checkDocument, checkJson, type Checked } from './jsonDocument.ts';
import { ProblemLog } from './problemLog.ts';
import { formatOfName } from './readTable.ts';

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

/** A dataset checked with its retailers streamed elsewhere (the service writes them to its store as they come). */
export type CheckedDataset = Omit<Dataset, 'retailers'> & { retailers: number };

export interface CheckOptions {
  limits?: ImportLimits;
  /**
   * Each valid retailer as it is read, while the upload has no problem so far. The
   * caller drops what it got if the check ends in an ImportError.
   */
  onRetailer?: (retailer: Retailer) => void;
}

/**
 * Uploaded files → a dataset, all or nothing: every file is checked, then the files
 * against each other, and if anything is wrong one {@link ImportError} lists it all (or,
 * with limits, the first `maxProblems` shared out over the files, and counts of all).
 * No file system here: the service calls this with the bytes of an upload.
 *
 * @throws {ImportError}
 */
export async function importDataset(files: DatasetFiles, options: Omit<CheckOptions, 'onRetailer'> = {}): Promise<Dataset> {
  const retailers: Retailer[] = [];
  const checked = await checkDataset(files, { ...options, onRetailer: (r) => retailers.push(r) });
  return { ...checked, retailers };
}

/**
 * {@link importDataset} with the retailers streamed to `onRetailer` instead of kept:
 * the lines file is read first, so each retailer row is checked against it as it comes.
 *
 * @throws {ImportError}
 */
export async function checkDataset(files: DatasetFiles, options: CheckOptions = {}): Promise<CheckedDataset> {
  const limits = options.limits ?? NO_LIMITS;
  const log = new ProblemLog(limits.maxProblems);
  // Problems are listed file by file in this order, whatever order the files are read in.
  for (const f of [files.retailers, files.lines, files.policy, files.calendar]) if (f) log.file(f.name);

  const lines: Line[] = [];
  const linesFormat = files.lines.format ?? formatOfName(files.lines.name);
  const lineCheck = await checkTable({ ...files.lines, format: linesFormat }, LINE_RULE, LINE_POINT, log, limits, {
    onValue: (l) => lines.push(l),
  });
  // Across files only when the lines file could be read: against a lines file with missing
  // columns every retailer would be "on an unknown line", which says nothing new.
  const known = lineCheck.usable ? new Set(lineCheck.keys.keys()) : undefined;
  let retailers = 0;
  const retailerCheck = await checkTable({ ...files.retailers, format: files.retailers.format ?? formatOfName(files.retailers.name) }, RETAILER_RULE, RETAILER_POINT, log, limits, {
    ...(known ? { ref: { column: 'line', known, reason: `no such line in ${files.lines.name}` } } : {}),
    collect: 'line',
    onValue: (r) => {
      if (log.total > 0) return;
      retailers += 1;
      options.onRetailer?.(r);
    },
  });

  const warnings: ImportProblem[] = [];
  if (known && retailerCheck.usable) {
    for (const [line, at] of lineCheck.keys) {
      if (warnings.length >= limits.maxProblems) break;
      if (!retailerCheck.collected.has(line)) {
        warnings.push({ file: files.lines.name, line: at, place: linesFormat === 'geojson' ? 'feature' : 'line', column: 'line', value: line, kind: 'reference', reason: 'no retailer is on this line' });
      }
    }
  }

  const policy = checkJson(files.policy.name, files.policy.bytes, PolicySchema);
  const calendar: Checked<Calendar> = files.calendar
    ? checkJson(files.calendar.name, files.calendar.bytes, CalendarSchema)
    : checkDocument(DEFAULT_CALENDAR_FILE, DEFAULT_CALENDAR_JSON, CalendarSchema);
  for (const c of [policy, calendar]) {
    if (!c.ok) for (const p of c.problems) log.file(p.file).add({ ...p, kind: p.path === undefined ? 'file' : 'document' });
  }

  if (log.total > 0 || !policy.ok || !calendar.ok) {
    const r = log.report();
    throw new ImportError(r.problems, warnings, r);
  }
  return { retailers, lines, policy: policy.value, calendar: calendar.value, warnings };
}

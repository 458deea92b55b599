/**
 * One thing wrong with an uploaded file, precise enough for a planner to find it in Excel.
 *
 * - `line`: the row as a spreadsheet shows it (header = 1); for GeoJSON the 1-based
 *   feature number (then `place` is `'feature'`). Absent for a problem with the whole file.
 * - `column`: the column name (or GeoJSON property); `path`: the JSON path in policy or
 *   calendar files. `value`: the raw text as read (for a `path` problem, the value's JSON).
 */
export interface ImportProblem {
  file: string;
  line?: number;
  place?: 'line' | 'feature';
  column?: string;
  path?: string;
  value?: string;
  reason: string;
}

/** How many problems the message lists; the `problems` array always has them all. */
export const MESSAGE_PROBLEM_LIMIT = 50;

const VALUE_SHOWN_MAX = 60;

/**
 * `retailers.csv line 7, column lon: "abc": expected a longitude in degrees`,
 * `retailers.csv: no rows`, `policy.json at lunch.value.minutes: 60.5: expected …`.
 */
export function formatProblem(p: ImportProblem): string {
  let where = p.file;
  if (p.line !== undefined) where += ` ${p.place ?? 'line'} ${p.line}`;
  if (p.column !== undefined) where += `${p.line !== undefined ? ',' : ''} column ${p.column}`;
  if (p.path !== undefined) where += ` at ${p.path}`;
  // A table cell is quoted; a JSON value is shown as the JSON it already is.
  const shown = p.value === undefined ? undefined : p.path !== undefined ? shorten(p.value) : JSON.stringify(shorten(p.value));
  const value = shown === undefined ? '' : ` ${shown}:`;
  return `${where}:${value} ${p.reason}`;
}

function shorten(text: string): string {
  return text.length <= VALUE_SHOWN_MAX ? text : `${text.slice(0, VALUE_SHOWN_MAX - 1)}…`;
}

/**
 * An upload that imported nothing, with every problem found. Thrown by every importer,
 * so a caller has one thing to catch; the service turns it into a 422 with `problems`.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly problems: readonly ImportProblem[];
  /** Things worth a look that did not stop the import on their own (e.g. a line with no retailers). */
  readonly warnings: readonly ImportProblem[];

  constructor(problems: readonly ImportProblem[], warnings: readonly ImportProblem[] = []) {
    super(problemsMessage(problems));
    this.problems = problems;
    this.warnings = warnings;
  }
}

/** One line per problem, the first {@link MESSAGE_PROBLEM_LIMIT} of them. */
export function problemsMessage(problems: readonly ImportProblem[]): string {
  const shown = problems.slice(0, MESSAGE_PROBLEM_LIMIT).map(formatProblem);
  const more = problems.length - shown.length;
  if (more > 0) shown.push(`… and ${more} more problem${more === 1 ? '' : 's'} (${problems.length} in all)`);
  return shown.join('\n');
}

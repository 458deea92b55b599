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
  /** What sort of problem, for the counts an answer carries beside its first problems. */
  kind?: ProblemKind;
  line?: number;
  place?: 'line' | 'feature';
  column?: string;
  path?: string;
  value?: string;
  reason: string;
  /** What a library said about it, for the service's log; never shown to the planner (formatProblem leaves it out). */
  detail?: string;
}

/**
 * - `file`: the whole file (unreadable, too large, no rows, missing columns), reported alone;
 * - `header`: a column written twice; `value`: a cell its column's rule refuses;
 * - `missing`: a GeoJSON feature without a property others carry;
 * - `duplicate`: a key seen on an earlier row; `reference`: a key the other file lacks;
 * - `document`: a policy or calendar value, by JSON path.
 */
export type ProblemKind = 'file' | 'header' | 'value' | 'missing' | 'duplicate' | 'reference' | 'document';

/** How many problems of each kind a file has: what an answer says beside the first problems it lists. */
export interface ProblemCount {
  file: string;
  kind: ProblemKind;
  /** The column (or JSON path's first key) when the problems are about one; absent for whole-file ones. */
  column?: string;
  problems: number;
}

/** How many problems the message lists. */
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
  /** The problems kept: all of them, or the first ones when the importer was given a limit. */
  readonly problems: readonly ImportProblem[];
  /** Things worth a look that did not stop the import on their own (e.g. a line with no retailers). */
  readonly warnings: readonly ImportProblem[];
  /** Every problem found, listed or not. */
  readonly total: number;
  /** Every problem found, by file, kind and column. */
  readonly counts: readonly ProblemCount[];

  constructor(problems: readonly ImportProblem[], warnings: readonly ImportProblem[] = [], found?: { total: number; counts: readonly ProblemCount[] }) {
    super(problemsMessage(problems, found?.total));
    this.problems = problems;
    this.warnings = warnings;
    this.total = found?.total ?? problems.length;
    this.counts = found?.counts ?? countProblems(problems);
  }
}

/** Problems by file, kind and column, in the order each first appears. */
export function countProblems(problems: readonly ImportProblem[]): ProblemCount[] {
  const counts = new Map<string, ProblemCount>();
  for (const p of problems) {
    const kind = p.kind ?? 'value';
    const column = p.column ?? p.path?.split(/[.[]/)[0];
    const key = `${p.file}\u0000${kind}\u0000${column ?? ''}`;
    const c = counts.get(key);
    if (c) c.problems += 1;
    else counts.set(key, { file: p.file, kind, ...(column === undefined ? {} : { column }), problems: 1 });
  }
  return [...counts.values()];
}

/** One line per problem, the first {@link MESSAGE_PROBLEM_LIMIT} of them. */
export function problemsMessage(problems: readonly ImportProblem[], total = problems.length): string {
  const shown = problems.slice(0, MESSAGE_PROBLEM_LIMIT).map(formatProblem);
  const more = total - shown.length;
  if (more > 0) shown.push(`… and ${more} more problem${more === 1 ? '' : 's'} (${total} in all)`);
  return shown.join('\n');
}

import type { z } from 'zod';
import type { ImportProblem } from './importError.ts';
import type { FileProblems } from './problemLog.ts';
import type { RawRow, TableSink } from './table.ts';

/** What a table's rows must satisfy. */
export interface TableRule<T> {
  schema: z.ZodType<T, Record<string, string>>;
  /** The columns the schema reads, in their written order (problems of a row follow it). */
  columns: readonly string[];
  /** Columns a file may have or not (read where it has them), after those. */
  optionalColumns?: readonly string[];
  /** The column whose value is unique (a repeat names the line of the first), if any. */
  key?: string;
}

/** A column whose values must be among another file's keys (retailers on known lines). */
export interface Reference {
  column: string;
  known: ReadonlySet<string>;
  reason: string;
}

/**
 * Checks a table row by row as a reader streams it, collecting every problem into the
 * file's log rather than stopping at the first: a planner fixes the whole file in one
 * pass. Cross-row checks (duplicate keys, references to the other file) read the raw
 * cells, so a duplicate id is reported together with a bad coordinate in the same row.
 *
 * Whole-file problems come alone, once: a missing column is one message, not one per
 * row; a file with no rows says so before its columns are judged.
 */
export class TableCheck<T> implements TableSink {
  readonly #rule: TableRule<T>;
  readonly #log: FileProblems;
  readonly #place: 'line' | 'feature';
  readonly #ref: Reference | undefined;
  readonly #onValue: ((value: T, line: number) => void) | undefined;
  readonly #order: Map<string, number>;
  /** Key → the line it first appears on. */
  readonly keys = new Map<string, number>();
  /** The distinct non-blank values of `collect`, when asked for (the lines retailers use). */
  readonly collected = new Set<string>();
  readonly #collect: string | undefined;
  #missing: string[] = [];
  #rows = 0;

  constructor(opts: {
    rule: TableRule<T>;
    log: FileProblems;
    place: 'line' | 'feature';
    ref?: Reference;
    /** Each row that passed its checks, as it is read (the caller drops them if the upload fails). */
    onValue?: (value: T, line: number) => void;
    collect?: string;
  }) {
    this.#rule = opts.rule;
    this.#log = opts.log;
    this.#place = opts.place;
    this.#ref = opts.ref;
    this.#onValue = opts.onValue;
    this.#collect = opts.collect;
    this.#order = new Map([...opts.rule.columns, ...(opts.rule.optionalColumns ?? [])].map((c, i) => [c, i]));
  }

  /** Data rows read. */
  get rows(): number {
    return this.#rows;
  }

  /** True when the file could be read as a table with its columns: cross-file checks make sense. */
  get usable(): boolean {
    return !this.#log.failed && this.#rows > 0;
  }

  columns(names: ReadonlySet<string>, problems: readonly ImportProblem[]): void {
    for (const p of problems) this.#log.add(p);
    this.#missing = this.#rule.columns.filter((c) => !names.has(c));
  }

  row(line: number, row: RawRow | undefined, readerProblems: readonly ImportProblem[]): boolean {
    const file = this.#log.file;
    const place = this.#place;
    if (row && this.#rows++ === 0 && this.#missing.length > 0) {
      const m = this.#missing;
      this.#log.fail({ file, reason: `missing column${m.length === 1 ? '' : 's'} ${m.join(', ')}` });
      return false;
    }
    const problems: ImportProblem[] = readerProblems.map((p) => ({ ...p, kind: p.kind ?? 'value' }));
    if (!row) {
      this.#addAll(problems);
      return true;
    }
    const input: Record<string, string> = {};
    const skip = new Set(row.reported);
    for (const c of this.#rule.columns) {
      const cell = row.cells.get(c);
      // Only GeoJSON rows can lack a cell: a property some features carry and this one not.
      if (cell === undefined && !skip.has(c)) {
        problems.push({ file, line, place, column: c, kind: 'missing', reason: 'missing property' });
        skip.add(c);
      }
      input[c] = cell ?? '';
    }
    for (const c of this.#rule.optionalColumns ?? []) {
      const cell = row.cells.get(c);
      if (cell !== undefined) input[c] = cell;
    }
    let value: T | undefined;
    try {
      const result = this.#rule.schema.safeParse(input);
      if (result.success) value = result.data;
      else {
        for (const issue of result.error.issues) {
          const column = String(issue.path[0] ?? '');
          if (skip.has(column)) continue;
          problems.push({ file, line, place, column, value: row.cells.get(column) ?? '', kind: 'value', reason: issue.message });
        }
      }
    } catch (e) {
      // A schema bug must not turn an upload into a 500: name the row, keep checking the rest.
      problems.push({ file, line, place, kind: 'value', reason: `could not be checked: ${(e as Error).message}` });
    }

    const reported = (column: string) => problems.some((p) => p.column === column);
    const keyColumn = this.#rule.key;
    const key = keyColumn === undefined ? '' : (row.cells.get(keyColumn) ?? '');
    if (keyColumn !== undefined && key !== '') {
      const first = this.keys.get(key);
      if (first === undefined) this.keys.set(key, line);
      else if (!reported(keyColumn)) problems.push({ file, line, place, column: keyColumn, value: key, kind: 'duplicate', reason: `duplicate of ${place} ${first}` });
    }
    if (this.#ref) {
      const v = row.cells.get(this.#ref.column) ?? '';
      if (v !== '' && !this.#ref.known.has(v) && !reported(this.#ref.column)) {
        problems.push({ file, line, place, column: this.#ref.column, value: v, kind: 'reference', reason: this.#ref.reason });
      }
    }
    if (this.#collect) {
      const v = row.cells.get(this.#collect) ?? '';
      if (v !== '') this.collected.add(v);
    }
    this.#addAll(problems);
    if (problems.length === 0 && skip.size === 0 && value !== undefined) this.#onValue?.(value, line);
    return true;
  }

  /** After the last row: a file with nothing to import says so, unless its problems already explain why. */
  finish(): void {
    if (this.#rows === 0 && this.#log.total === 0) this.#log.fail({ file: this.#log.file, reason: 'no rows' });
  }

  /** A row's problems in the order of its columns (those about no column last), as a planner reads the row. */
  #addAll(problems: ImportProblem[]): void {
    const order = (c: string | undefined) => (c === undefined ? Infinity : (this.#order.get(c) ?? Infinity));
    if (problems.length > 1) problems.sort((a, b) => order(a.column) - order(b.column));
    for (const p of problems) this.#log.add(p);
  }
}

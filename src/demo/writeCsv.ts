import { stringify } from 'csv-stringify/sync';

/** A CSV text with a header row, the given columns in order, `\n` line ends, quoting only where needed. */
export function toCsv<C extends string>(columns: readonly C[], rows: readonly Record<C, string>[]): string {
  return stringify(rows as Record<string, string>[], { header: true, columns: [...columns], record_delimiter: 'unix' });
}

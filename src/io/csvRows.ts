import { parse } from 'csv-parse/sync';
import { decodeText } from './decode.ts';
import { tableFromGrid, type RawTable } from './table.ts';

/**
 * CSV bytes (UTF-8 with or without BOM, or GBK) → a raw table.
 *
 * Every record keeps its index, blank ones included, so the line a problem names is the
 * row Excel shows even when a quoted cell spans several text lines.
 */
export function csvTable(file: string, bytes: Uint8Array): RawTable {
  const { text } = decodeText(bytes);
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false });
  } catch (e) {
    // csv-parse names the text line itself ("… at line 4").
    return { file, place: 'line', columns: new Set(), rows: [], problems: [{ file, reason: `not readable as CSV: ${(e as Error).message}` }] };
  }
  return tableFromGrid(file, records.map((cells, i) => ({ line: i + 1, cells })));
}

import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { ImportLimits } from './importLimits.ts';
import { tooManyRows } from './importLimits.ts';
import { FileProblem, GridReader, type TableSink } from './table.ts';

const STOP = new Error('the sink wants no more rows');

/**
 * CSV bytes (UTF-8 with or without BOM, or GBK) → columns and rows to `sink`, one record
 * at a time: the records are never held together.
 *
 * Every record keeps its index, blank ones included, so the line a problem names is the
 * row Excel shows even when a quoted cell spans several text lines. The row limit is
 * checked first, on the count of line breaks, before any record is parsed.
 *
 * @throws {FileProblem} unreadable, or more rows than the limit.
 */
export function readCsv(file: string, bytes: Uint8Array, sink: TableSink, limits: Pick<ImportLimits, 'maxRows'>): void {
  const lines = lineCount(bytes);
  if (lines > limits.maxRows) throw new FileProblem(tooManyRows(lines, limits.maxRows, 'lines'));
  const grid = new GridReader(file, sink);
  let record = 0;
  try {
    parse(utf8(bytes), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (cells: string[]) => {
        record += 1;
        if (!grid.push(record, cells)) throw STOP;
        return null;
      },
    });
  } catch (e) {
    if (e === STOP) return;
    // csv-parse names the text line itself ("… at line 4").
    throw new FileProblem(`not readable as CSV: ${(e as Error).message}`);
  }
}

/**
 * The bytes as UTF-8 for the parser (see decode.ts): a BOM or valid UTF-8 as they are,
 * anything else read as GBK (decoded as GB18030, its superset).
 */
function utf8(bytes: Uint8Array): Buffer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  return bom || isUtf8(buf) ? buf : Buffer.from(iconv.decode(buf, 'gb18030'), 'utf8');
}

/** Text lines, counting LF and lone-CR endings alike (both end a CSV record); an upper bound on records. */
export function lineCount(bytes: Uint8Array): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = (byte: number) => {
    let n = 0;
    for (let i = buf.indexOf(byte); i >= 0; i = buf.indexOf(byte, i + 1)) n += 1;
    return n;
  };
  if (buf.length === 0) return 0;
  const last = buf[buf.length - 1];
  return Math.max(count(0x0a), count(0x0d)) + (last === 0x0a || last === 0x0d ? 0 : 1);
}

import { readCsv } from './csvRows.ts';
import { readGeojson, type PointColumns } from './geojsonRows.ts';
import type { ImportLimits } from './importLimits.ts';
import { FileProblem, TABLE_FORMATS, type TableFormat, type TableSink } from './table.ts';
import { readXlsx } from './xlsxRows.ts';

/**
 * Bytes in any table format → columns and rows to `sink`. An unknown format is a problem
 * with the file like any other (the format may come from an upload's name), not a crash.
 *
 * @throws {FileProblem} what ends the reading of the whole file.
 */
export async function readTable(file: string, bytes: Uint8Array, format: string, point: PointColumns, sink: TableSink, limits: ImportLimits): Promise<void> {
  switch (format as TableFormat) {
    case 'csv':
      return readCsv(file, bytes, sink, limits);
    case 'xlsx':
      return readXlsx(file, bytes, sink, limits);
    case 'geojson':
      return readGeojson(file, bytes, point, sink, limits);
    default:
      throw new FileProblem(`unknown file format ${JSON.stringify(format)} (expected ${TABLE_FORMATS.join(', ')})`);
  }
}

/** `retailers.xlsx` → `'xlsx'`; `.json` counts as GeoJSON; anything else as itself, refused later. */
export function formatOfName(name: string): string {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return ext === 'json' ? 'geojson' : ext;
}

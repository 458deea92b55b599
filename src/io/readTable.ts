import { csvTable } from './csvRows.ts';
import { geojsonTable, type PointColumns } from './geojsonRows.ts';
import { TABLE_FORMATS, type RawTable, type TableFormat } from './table.ts';
import { xlsxTable } from './xlsxRows.ts';

/**
 * Bytes in any table format → a raw table. An unknown format is a problem with the
 * file like any other (the format may come from an upload's name), not a crash.
 */
export async function readTable(file: string, bytes: Uint8Array, format: string, point: PointColumns): Promise<RawTable> {
  switch (format as TableFormat) {
    case 'csv':
      return csvTable(file, bytes);
    case 'xlsx':
      return xlsxTable(file, bytes);
    case 'geojson':
      return geojsonTable(file, bytes, point);
    default:
      return {
        file,
        place: 'line',
        columns: new Set(),
        rows: [],
        problems: [{ file, reason: `unknown file format ${JSON.stringify(format)} (expected ${TABLE_FORMATS.join(', ')})` }],
      };
  }
}

/** `retailers.xlsx` → `'xlsx'`; `.json` counts as GeoJSON; anything else as itself, refused later. */
export function formatOfName(name: string): string {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return ext === 'json' ? 'geojson' : ext;
}

import { decodeText } from './decode.ts';
import type { ImportProblem } from './importError.ts';
import { tooManyRows, type ImportLimits } from './importLimits.ts';
import { columnName, FileProblem, type RawRow, type TableSink } from './table.ts';

/** Which columns a Point's coordinates fill: retailers lon/lat, lines base_lon/base_lat. */
export interface PointColumns {
  lon: string;
  lat: string;
  /** Filled from a third coordinate when the properties do not carry it. */
  elevation?: string;
}

/**
 * A GeoJSON FeatureCollection of Points → columns and rows to `sink`: each feature a row
 * (numbered from 1, as a map tool lists them), its properties the cells, its coordinates
 * the position columns. The coordinates win over same-named properties: they are what a
 * map shows, and two positions for one shop would be a guess either way. The document is
 * parsed whole (the upload limit bounds it); the columns are every property any feature
 * carries.
 *
 * @throws {FileProblem} not JSON, not a FeatureCollection, more features than the limit.
 */
export function readGeojson(file: string, bytes: Uint8Array, point: PointColumns, sink: TableSink, limits: Pick<ImportLimits, 'maxRows'>): void {
  let doc: unknown;
  try {
    doc = JSON.parse(decodeText(bytes).text);
  } catch (e) {
    throw new FileProblem(`not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new FileProblem('expected a GeoJSON FeatureCollection');
  const features: unknown[] = doc.features;
  if (features.length > limits.maxRows) throw new FileProblem(tooManyRows(features.length, limits.maxRows, 'features'));
  const columns = new Set([point.lon, point.lat]);
  for (const f of features) {
    if (!isObject(f)) continue;
    if (isObject(f.properties)) for (const key of Object.keys(f.properties)) columns.add(columnName(key));
    // A third coordinate fills the elevation column (see featureRow).
    if (point.elevation && isObject(f.geometry) && Array.isArray(f.geometry.coordinates) && f.geometry.coordinates.length === 3) columns.add(point.elevation);
  }
  sink.columns(columns, []);
  for (let i = 0; i < features.length; i++) {
    const problems: ImportProblem[] = [];
    const row = featureRow(file, i + 1, features[i], point, problems);
    if (!sink.row(i + 1, row, problems)) return;
  }
}

function featureRow(file: string, line: number, feature: unknown, point: PointColumns, problems: ImportProblem[]): RawRow | undefined {
  const at = { file, line, place: 'feature' as const };
  if (!isObject(feature) || feature.type !== 'Feature') {
    problems.push({ ...at, reason: 'expected a Feature' });
    return undefined;
  }
  const cells = new Map<string, string>();
  const reported = new Set<string>();
  const props = feature.properties ?? {};
  if (!isObject(props)) {
    problems.push({ ...at, column: 'properties', value: JSON.stringify(props), reason: 'expected an object' });
  } else {
    for (const [key, value] of Object.entries(props)) {
      const name = columnName(key);
      if (name === point.lon || name === point.lat) continue;
      const text = propertyText(value);
      if (text === undefined) {
        problems.push({ ...at, column: name, value: JSON.stringify(value), reason: 'expected text or a number' });
        reported.add(name);
      } else cells.set(name, text.trim());
    }
  }
  const geometry = feature.geometry;
  if (!isObject(geometry) || geometry.type !== 'Point') {
    const type = isObject(geometry) ? String(geometry.type) : String(geometry);
    problems.push({ ...at, column: 'geometry', value: type, reason: 'expected a Point' });
    return { line, cells, reported: reported.add(point.lon).add(point.lat) };
  }
  const c = geometry.coordinates;
  if (!Array.isArray(c) || c.length < 2 || c.length > 3 || !c.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    problems.push({ ...at, column: 'geometry', value: JSON.stringify(c), reason: 'expected coordinates [longitude, latitude]' });
    return { line, cells, reported: reported.add(point.lon).add(point.lat) };
  }
  cells.set(point.lon, String(c[0]));
  cells.set(point.lat, String(c[1]));
  if (point.elevation && c.length === 3 && !cells.has(point.elevation)) cells.set(point.elevation, String(c[2]));
  return { line, cells, reported };
}

/** A property value as cell text, by the same rule as an XLSX cell; undefined for objects. */
function propertyText(value: unknown): string | undefined {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return undefined;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

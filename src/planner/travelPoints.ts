import type { CoordinateSystem } from '../domain/coordinateSystem.ts';
import type { Line } from '../domain/line.ts';
import type { Retailer } from '../domain/retailer.ts';
import { convert } from '../travel/coordinateSystems.ts';
import { BASE_PREFIX, type TravelPoint } from '../travel/travelSource.ts';

/**
 * A line's travel points, base first then its retailers in order, in WGS-84 (what every travel
 * source reads), converted from the dataset's declared system; each named by its id for errors.
 */
export function linePoints(line: Line, retailers: readonly Retailer[], system: CoordinateSystem): TravelPoint[] {
  const at = (lon: number, lat: number): [number, number] => (system === 'WGS-84' ? [lon, lat] : convert([lon, lat], system, 'WGS-84'));
  const [baseLon, baseLat] = at(line.baseLon, line.baseLat);
  return [
    { lon: baseLon, lat: baseLat, urban: true, id: `${BASE_PREFIX}${line.line}` },
    ...retailers.map((r) => {
      const [lon, lat] = at(r.lon, r.lat);
      return { lon, lat, urban: r.urban, id: r.id };
    }),
  ];
}

import { featureCollection, lineString, point } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { importLines, importRetailers } from '../../src/io/index.ts';
import { importError, lineRow, retailerRow } from './helpers.ts';

const json = (doc: unknown) => new TextEncoder().encode(JSON.stringify(doc));

/** A retailer as a map tool exports it: a Point, the other columns as properties (some typed). */
function shop(over: Record<string, unknown> = {}, coords: number[] = [114.0712, 32.1234]) {
  const { lon: _lon, lat: _lat, ...props } = retailerRow();
  return point(coords, { ...props, urban: true, order_weekday: 2, elevation_m: 80, ...over });
}

describe('importRetailers from GeoJSON', () => {
  test('coordinates give lon/lat, properties the rest', async () => {
    const got = await importRetailers(json(featureCollection([shop(), shop({ id: 'R0002', vulnerable: 1 }, [114.1, 32.2])])), 'geojson');
    expect(got.map((r) => [r.id, r.lon, r.lat, r.urban, r.vulnerable, r.orderWeekday])).toEqual([
      ['R0001', 114.0712, 32.1234, true, false, 2],
      ['R0002', 114.1, 32.2, true, true, 2],
    ]);
  });

  test('a third coordinate is the elevation when the properties lack it; coordinates win over lon/lat properties', async () => {
    const f = shop({ lon: 1, lat: 2 }, [114.0712, 32.1234, 152]);
    delete (f.properties as Record<string, unknown>).elevation_m;
    const [r] = await importRetailers(json(featureCollection([f])), 'geojson');
    expect([r.lon, r.lat, r.elevationM]).toEqual([114.0712, 32.1234, 152]);
  });

  test('problems name the feature: bad geometry, out-of-range coordinate, missing and odd properties, duplicates', async () => {
    const noClass = shop({ id: 'R0004' });
    delete (noClass.properties as Record<string, unknown>).class;
    const doc = featureCollection<any>([
      shop(),
      lineString([[114, 32], [114.1, 32.1]], { ...retailerRow({ id: 'R0002' }) }),
      shop({ id: 'R0003' }, [200, 32.1]),
      noClass,
      shop({ id: 'R0001', name: { zh: '张记' } }),
    ]);
    const e = await importError(importRetailers(json(doc), 'geojson'));
    expect(e.message).toBe(
      [
        'retailers.geojson feature 2, column geometry: "LineString": expected a Point',
        'retailers.geojson feature 3, column lon: "200": expected -180 to 180',
        'retailers.geojson feature 4, column class: missing property',
        'retailers.geojson feature 5, column id: "R0001": duplicate of feature 1',
        'retailers.geojson feature 5, column name: "{\\"zh\\":\\"张记\\"}": expected text or a number',
      ].join('\n'),
    );
    expect(e.problems[1]).toEqual({ file: 'retailers.geojson', line: 3, place: 'feature', column: 'lon', value: '200', kind: 'value', reason: 'expected -180 to 180' });
  });

  test('not JSON, not a FeatureCollection, no features', async () => {
    let e = await importError(importRetailers(new TextEncoder().encode('{"type":'), 'geojson'));
    expect(e.message).toMatch(/^retailers\.geojson: not valid JSON: /);
    e = await importError(importRetailers(json(shop()), 'geojson'));
    expect(e.message).toBe('retailers.geojson: expected a GeoJSON FeatureCollection');
    e = await importError(importRetailers(json(featureCollection([])), 'geojson'));
    expect(e.message).toBe('retailers.geojson: no rows');
  });

  test('a property no feature carries is a missing column, once', async () => {
    const f = shop();
    delete (f.properties as Record<string, unknown>).ordering;
    const e = await importError(importRetailers(json(featureCollection([f, f])), 'geojson'));
    expect(e.message).toBe('retailers.geojson: missing column ordering');
  });
});

describe('importLines from GeoJSON', () => {
  test('the Point is the base', async () => {
    const { base_lon: _x, base_lat: _y, ...props } = lineRow();
    const got = await importLines(json(featureCollection([point([114.06, 32.13], { ...props, litres_per_100km: 8 })])), 'geojson');
    expect(got).toEqual([{ line: 'L01', county: '浉河区', manager: '王磊', baseLon: 114.06, baseLat: 32.13, vehicle: 'car', litresPer100Km: 8 }]);
  });

  test('an element that is not a Feature is named, and the features after it are still checked', async () => {
    const doc = { type: 'FeatureCollection', features: [shop(), 'R0002', shop({ id: 'R0003', class: 'vip' })] };
    const e = await importError(importRetailers(json(doc), 'geojson'));
    expect(e.message).toBe(
      ['retailers.geojson feature 2: expected a Feature', 'retailers.geojson feature 3, column class: "vip": expected one of modern1, modern2, ordinary, violating'].join('\n'),
    );
    // A reader's problem is a value problem like the rule's own.
    expect(e.problems.map((p) => p.kind)).toEqual(['value', 'value']);
  });
});

/**
 * Conversions between WGS-84, GCJ-02 and BD-09 (gcoord) against the reference points published
 * with coordtransform (github.com/wandergis/coordtransform, its README and test/app.js: the
 * point 116.404, 39.915 by Tiananmen), and the navigation links built on them.
 */
import { describe, expect, test } from 'vitest';
import { PolicySchema } from '../../src/domain/policy.ts';
import { convert } from '../../src/travel/coordinateSystems.ts';
import { navigationLinks } from '../../src/travel/navigationLinks.ts';
import { demoPolicy } from '../support/smallCity.ts';

const P: [number, number] = [116.404, 39.915];
/** Metres between two [lon, lat] points near 40° N. */
const apart = (a: readonly number[], b: readonly number[]) => Math.hypot((a[0] - b[0]) * 85_390, (a[1] - b[1]) * 111_030);

describe('coordinate systems', () => {
  test.each([
    ['WGS-84', 'GCJ-02', [116.41024449916938, 39.91640428150164]],
    ['GCJ-02', 'WGS-84', [116.39775550083061, 39.91359571849836]],
    ['GCJ-02', 'BD-09', [116.41036949371029, 39.92133699351021]],
    ['BD-09', 'GCJ-02', [116.39762729119315, 39.90865673957631]],
  ] as const)('%s → %s matches the published point within a millimetre', (from, to, want) => {
    expect(apart(convert(P, from, to), want)).toBeLessThan(0.001);
  });

  test('WGS-84 → GCJ-02 → WGS-84 comes back within 5 m in the demo region', () => {
    const here: [number, number] = [114.874, 31.6232];
    const gcj = convert(here, 'WGS-84', 'GCJ-02');
    expect(apart(gcj, here)).toBeGreaterThan(100); // the offset is real: hundreds of metres
    expect(apart(convert(gcj, 'GCJ-02', 'WGS-84'), here)).toBeLessThan(5);
    expect(apart(convert(convert(here, 'WGS-84', 'BD-09'), 'BD-09', 'WGS-84'), here)).toBeLessThan(5);
  });

  test('a policy declares the system; an unknown one is refused, naming the entry', () => {
    expect(demoPolicy().coordinateSystem.value).toBe('WGS-84');
    const bad = PolicySchema.safeParse({ ...demoPolicy(), coordinateSystem: { value: 'EPSG:3857', reason: 'web mercator metres' } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path).toEqual(['coordinateSystem', 'value']);
    expect(bad.error!.issues[0].message).toBe('Invalid option: expected one of "WGS-84"|"GCJ-02"|"BD-09"');
  });
});

describe('navigation links', () => {
  test('AMap gets GCJ-02 and Baidu BD-09, converted from the dataset system; the name is encoded', () => {
    const links = navigationLinks({ lon: P[0], lat: P[1], name: '张记烟酒店' }, { lon: 116.4, lat: 39.9, name: '县局' }, 'WGS-84');
    expect(links.amap.app).toBe('amapuri://route/plan/?dlat=39.916404&dlon=116.410244&dname=%E5%BC%A0%E8%AE%B0%E7%83%9F%E9%85%92%E5%BA%97&dev=0&t=0&sourceApplication=visitplanner');
    expect(links.amap.web).toBe('https://uri.amap.com/navigation?to=116.410244,39.916404,%E5%BC%A0%E8%AE%B0%E7%83%9F%E9%85%92%E5%BA%97&mode=car&policy=1&coordinate=gaode&callnative=1&src=visitplanner');
    const bd = convert(P, 'WGS-84', 'BD-09');
    expect(links.baidu.app).toBe(`baidumap://map/direction?destination=latlng:${bd[1].toFixed(6)},${bd[0].toFixed(6)}|name:%E5%BC%A0%E8%AE%B0%E7%83%9F%E9%85%92%E5%BA%97&coord_type=bd09ll&mode=driving&src=webapp.visitplanner.day`);
    expect(links.baidu.web).toMatch(/^https:\/\/api\.map\.baidu\.com\/direction\?origin=latlng:39\.\d{6},116\.\d{6}\|name:%E5%8E%BF%E5%B1%80&destination=latlng:/);
  });

  test('coordinates already in GCJ-02 go to AMap unchanged and to Baidu by the GCJ-02 → BD-09 formula', () => {
    const links = navigationLinks({ lon: P[0], lat: P[1], name: 'x' }, { lon: P[0], lat: P[1], name: 'y' }, 'GCJ-02');
    expect(links.amap.app).toContain('dlat=39.915000&dlon=116.404000');
    expect(links.baidu.app).toContain('destination=latlng:39.921337,116.410369|name:x');
  });
});

import type { CoordinateSystem } from '../domain/coordinateSystem.ts';
import { convert } from './coordinateSystems.ts';

/** Baidu's URI API asks every caller to name itself: `webapp.<company>.<app>`. */
const BAIDU_SRC = 'webapp.visitplanner.day';
const AMAP_SRC = 'visitplanner';

/** Links that open navigation to a shop: the app's own scheme, and a web page that hands off to it. */
export interface NavigationLinks {
  readonly amap: { readonly app: string; readonly web: string };
  readonly baidu: { readonly app: string; readonly web: string };
}

const fixed = (x: number) => x.toFixed(6);

/**
 * AMap (高德) and Baidu navigation to `to`, driving, from where the phone is (the app) or from
 * `from` (Baidu's web page needs an origin: the previous stop). Coordinates are given in the
 * app's own system, converted from the dataset's: GCJ-02 for AMap (`dev=0`,
 * `coordinate=gaode`: no further offset), BD-09 for Baidu (`coord_type=bd09ll`).
 * Public schemes: AMap `amapuri://route/plan/` and `uri.amap.com/navigation`; Baidu
 * `baidumap://map/direction` and `api.map.baidu.com/direction`.
 */
export function navigationLinks(
  to: { readonly lon: number; readonly lat: number; readonly name: string },
  from: { readonly lon: number; readonly lat: number; readonly name: string },
  system: CoordinateSystem,
): NavigationLinks {
  const [gLon, gLat] = convert([to.lon, to.lat], system, 'GCJ-02');
  const [bLon, bLat] = convert([to.lon, to.lat], system, 'BD-09');
  const [fbLon, fbLat] = convert([from.lon, from.lat], system, 'BD-09');
  const name = encodeURIComponent(to.name);
  const bdTo = `latlng:${fixed(bLat)},${fixed(bLon)}|name:${name}`;
  const bdFrom = `latlng:${fixed(fbLat)},${fixed(fbLon)}|name:${encodeURIComponent(from.name)}`;
  return {
    amap: {
      app: `amapuri://route/plan/?dlat=${fixed(gLat)}&dlon=${fixed(gLon)}&dname=${name}&dev=0&t=0&sourceApplication=${AMAP_SRC}`,
      web: `https://uri.amap.com/navigation?to=${fixed(gLon)},${fixed(gLat)},${name}&mode=car&policy=1&coordinate=gaode&callnative=1&src=${AMAP_SRC}`,
    },
    baidu: {
      app: `baidumap://map/direction?destination=${bdTo}&coord_type=bd09ll&mode=driving&src=${BAIDU_SRC}`,
      web: `https://api.map.baidu.com/direction?origin=${bdFrom}&destination=${bdTo}&coord_type=bd09ll&mode=driving&output=html&src=${BAIDU_SRC}`,
    },
  };
}

/**
 * The coordinate systems a dataset may declare its coordinates in: WGS-84 (GPS, OSM, OSRM),
 * GCJ-02 (China's official offset system: AMap, Tencent) and BD-09 (Baidu's offset of GCJ-02).
 */
export const COORDINATE_SYSTEMS = ['WGS-84', 'GCJ-02', 'BD-09'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

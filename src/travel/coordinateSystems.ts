import { createRequire } from 'node:module';

/** The part of gcoord used here (CommonJS whose bundled types declare an ES default export TypeScript cannot reach from ESM). */
interface Gcoord {
  readonly WGS84: string;
  readonly GCJ02: string;
  readonly BD09: string;
  transform(position: [number, number], from: string, to: string): [number, number];
}
const gcoord = createRequire(import.meta.url)('gcoord') as Gcoord;

import type { CoordinateSystem } from '../domain/coordinateSystem.ts';

/*
 * Conversions between WGS-84, GCJ-02 and BD-09 are gcoord's (the published formulas;
 * GCJ-02 → WGS-84 is its approximate inverse, within a few metres).
 */

const CRS = { 'WGS-84': gcoord.WGS84, 'GCJ-02': gcoord.GCJ02, 'BD-09': gcoord.BD09 } as const;

/**
 * [lon, lat] from one system to another.
 * @example convert([116.404, 39.915], 'GCJ-02', 'BD-09') // [116.41036949371029, 39.92133699351022]
 */
export function convert(lonLat: readonly [number, number], from: CoordinateSystem, to: CoordinateSystem): [number, number] {
  if (from === to) return [lonLat[0], lonLat[1]];
  const [lon, lat] = gcoord.transform([lonLat[0], lonLat[1]], CRS[from], CRS[to]);
  return [lon, lat];
}

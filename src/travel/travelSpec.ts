import type { Policy } from '../domain/policy.ts';
import { OsrmSource } from './osrm/osrmSource.ts';
import type { OsrmOptions } from './osrm/osrmOptions.ts';
import type { TerrainGrid } from './terrainGrid.ts';
import { TerrainModel, terrainModelParams } from './terrainModel.ts';
import type { TravelSource } from './travelSource.ts';

/**
 * Which travel source a run uses, as plain data: it crosses to the planner's workers and is
 * chosen by configuration (`--travel terrain|osrm --osrm-url`, the service's OSRM_URL).
 */
export type TravelSpec = { readonly kind: 'terrain' } | { readonly kind: 'osrm'; readonly osrm: OsrmOptions };

export const TERRAIN: TravelSpec = { kind: 'terrain' };

/** The source a spec names. Both read the terrain grid: the model drives on it, OSRM's climbing is measured on it. */
export function travelSource(spec: TravelSpec, grid: TerrainGrid, policy: Policy): TravelSource {
  const model = new TerrainModel(grid, terrainModelParams(policy));
  return spec.kind === 'terrain' ? model : new OsrmSource(spec.osrm, grid, model);
}

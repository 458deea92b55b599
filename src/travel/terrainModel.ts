import type { Policy } from '../domain/policy.ts';
import { greatCircleMetres } from './greatCircle.ts';
import { heightAt, MOUNTAIN_FROM_M, PLAIN_BELOW_M, type TerrainGrid } from './terrainGrid.ts';
import type { DayRoute, Leg, TravelMatrix, TravelPoint, TravelSource } from './travelSource.ts';

/** The numbers the embedded model drives by, all from the policy (so a planner can tune them). */
export interface TerrainModelParams {
  /** Road speeds, km/h. */
  readonly speedKmh: { readonly urban: number; readonly plain: number; readonly hill: number; readonly mountain: number };
  /** Road length over straight length by terrain class. */
  readonly circuity: { readonly plain: number; readonly hill: number; readonly mountain: number };
  /** The steepest grade a road climbs; a steeper straight line costs switchbacks. */
  readonly maxRoadGrade: number;
  /** Spacing of the height samples along a leg, metres: about one grid cell. */
  readonly sampleStepM: number;
}

export function terrainModelParams(policy: Policy): TerrainModelParams {
  return {
    speedKmh: policy.speedKmhByTerrain.value,
    circuity: policy.circuityByTerrain.value,
    maxRoadGrade: policy.maxRoadGrade.value,
    sampleStepM: 1000,
  };
}

/** One leg's figures both ways: road length and time are symmetric, climbing is not. */
interface LegFigures {
  metres: number;
  seconds: number;
  ascentForwardM: number;
  ascentBackwardM: number;
}

/**
 * The embedded travel model: great-circle distance cut into ~1 km pieces; each piece's
 * road length is its straight length times the circuity of its terrain class, but at least
 * its climb over the steepest road grade; speed by terrain class, town speed for the piece
 * next to a town shop; ascent summed from the elevation grid along the way.
 */
export class TerrainModel implements TravelSource {
  readonly name = 'terrain' as const;
  readonly #grid: TerrainGrid;
  readonly #p: TerrainModelParams;
  /** Metres per second, indexed plain 0, hill 1, mountain 2, urban 3. */
  readonly #speed: Float64Array;
  readonly #circuity: Float64Array;
  readonly #leg: LegFigures = { metres: 0, seconds: 0, ascentForwardM: 0, ascentBackwardM: 0 };

  constructor(grid: TerrainGrid, params: TerrainModelParams) {
    this.#grid = grid;
    this.#p = params;
    const s = params.speedKmh;
    this.#speed = Float64Array.of(s.plain / 3.6, s.hill / 3.6, s.mountain / 3.6, s.urban / 3.6);
    const c = params.circuity;
    this.#circuity = Float64Array.of(c.plain, c.hill, c.mountain);
  }

  async matrix(points: readonly TravelPoint[]): Promise<TravelMatrix> {
    return this.matrixSync(points);
  }

  /** Straight legs: the model knows no roads, so no steps to navigate by. */
  async route(points: readonly TravelPoint[]): Promise<DayRoute> {
    return { roads: false, legs: this.legsSync(points) };
  }

  matrixSync(points: readonly TravelPoint[]): TravelMatrix {
    checkPoints(points);
    const n = points.length;
    const metres = new Float64Array(n * n);
    const seconds = new Float64Array(n * n);
    const ascentM = new Float64Array(n * n);
    const leg = this.#leg;
    for (let i = 0; i < n; i++) {
      const a = points[i];
      for (let j = i + 1; j < n; j++) {
        const b = points[j];
        this.#measure(a.lon, a.lat, a.urban, b.lon, b.lat, b.urban, leg);
        const ij = i * n + j;
        const ji = j * n + i;
        metres[ij] = metres[ji] = leg.metres;
        seconds[ij] = seconds[ji] = leg.seconds;
        ascentM[ij] = leg.ascentForwardM;
        ascentM[ji] = leg.ascentBackwardM;
      }
    }
    return { size: n, metres, seconds, ascentM };
  }

  legsSync(points: readonly TravelPoint[]): Leg[] {
    checkPoints(points);
    const out: Leg[] = [];
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k];
      const b = points[k + 1];
      const leg: LegFigures = { metres: 0, seconds: 0, ascentForwardM: 0, ascentBackwardM: 0 };
      this.#measure(a.lon, a.lat, a.urban, b.lon, b.lat, b.urban, leg);
      out.push({ metres: leg.metres, seconds: leg.seconds, ascentM: leg.ascentForwardM, path: [[a.lon, a.lat], [b.lon, b.lat]] });
    }
    return out;
  }

  #measure(lon1: number, lat1: number, urban1: boolean, lon2: number, lat2: number, urban2: boolean, out: LegFigures): void {
    const straight = greatCircleMetres(lon1, lat1, lon2, lat2);
    const pieces = Math.max(1, Math.ceil(straight / this.#p.sampleStepM));
    const pieceM = straight / pieces;
    const maxGrade = this.#p.maxRoadGrade;
    const grid = this.#grid;
    let metres = 0;
    let seconds = 0;
    let up = 0;
    let down = 0;
    let h0 = heightAt(grid, lon1, lat1);
    for (let k = 1; k <= pieces; k++) {
      const t = k / pieces;
      const h1 = k === pieces ? heightAt(grid, lon2, lat2) : heightAt(grid, lon1 + (lon2 - lon1) * t, lat1 + (lat2 - lat1) * t);
      const dh = h1 - h0;
      if (dh > 0) up += dh;
      else down -= dh;
      const mid = (h0 + h1) / 2;
      const cls = mid < PLAIN_BELOW_M ? 0 : mid < MOUNTAIN_FROM_M ? 1 : 2;
      const road = Math.max(pieceM * this.#circuity[cls], Math.abs(dh) / maxGrade);
      const townPiece = (k === 1 && urban1) || (k === pieces && urban2);
      metres += road;
      seconds += road / this.#speed[townPiece ? 3 : cls];
      h0 = h1;
    }
    out.metres = metres;
    out.seconds = seconds;
    out.ascentForwardM = up;
    out.ascentBackwardM = down;
  }
}

/** A NaN coordinate would make every leg to it 0 m long: refuse it, naming the point. */
function checkPoints(points: readonly TravelPoint[]): void {
  points.forEach((p, i) => {
    if (!Number.isFinite(p.lon) || !Number.isFinite(p.lat)) {
      const name = (p as { id?: string }).id;
      throw new Error(`travel point ${i}${name ? ` (${name})` : ''}: coordinates ${p.lon}, ${p.lat} are not finite`);
    }
  });
}

/** A place a manager drives to: a retailer or a base, in WGS-84 (what OSM, OSRM and the terrain grid use). */
export interface TravelPoint {
  readonly lon: number;
  readonly lat: number;
  /** Town streets are slower than the open road. */
  readonly urban: boolean;
  /** The retailer's id, or `base:<line>` for a line's base: errors name it. */
  readonly id?: string;
}

/** The id of a line's base as a travel point. */
export const BASE_PREFIX = 'base:';

/**
 * Travel figures between every ordered pair of points, row-major (`[from * size + to]`).
 * Distance and time are road figures; ascent is the metres climbed on the way (not descended).
 */
export interface TravelMatrix {
  readonly size: number;
  readonly metres: Float64Array;
  readonly seconds: Float64Array;
  readonly ascentM: Float64Array;
}

/** One manoeuvre of a road route, as OSRM's v5 API gives it (the fields osrm-text-instructions reads). */
export interface RouteStep {
  readonly distance: number;
  readonly duration: number;
  readonly name: string;
  readonly ref?: string;
  readonly mode: string;
  readonly maneuver: {
    readonly type: string;
    readonly modifier?: string;
    readonly bearing_before: number;
    readonly bearing_after: number;
    readonly location: readonly [number, number];
    readonly exit?: number;
  };
  readonly intersections?: readonly unknown[];
  readonly rotary_name?: string;
  readonly destinations?: string;
  readonly exits?: string;
}

/**
 * One leg of a day's drive. `path` is [lon, lat] pairs in WGS-84; a model without roads gives
 * the straight line and no steps.
 */
export interface Leg {
  readonly metres: number;
  readonly seconds: number;
  readonly ascentM: number;
  readonly path: ReadonlyArray<readonly [number, number]>;
  readonly steps?: readonly RouteStep[];
}

/** A day's drive through its points in order: the legs between consecutive points. */
export interface DayRoute {
  /** True where the legs follow real roads (with their steps); false for straight legs. */
  readonly roads: boolean;
  readonly legs: Leg[];
}

/**
 * Where travel figures come from: the embedded terrain model (no server) or a road engine.
 * Matrices are asked per line (a few hundred points), never for a whole city. Points are WGS-84.
 */
export interface TravelSource {
  readonly name: 'terrain' | 'osrm';
  matrix(points: readonly TravelPoint[]): Promise<TravelMatrix>;
  route(points: readonly TravelPoint[]): Promise<DayRoute>;
}

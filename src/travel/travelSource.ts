/** A place a manager drives to: a retailer or a base. */
export interface TravelPoint {
  readonly lon: number;
  readonly lat: number;
  /** Town streets are slower than the open road. */
  readonly urban: boolean;
}

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

/** One leg of a day's drive. `path` is [lon, lat] pairs; a model without roads gives the straight line. */
export interface Leg {
  readonly metres: number;
  readonly seconds: number;
  readonly ascentM: number;
  readonly path: ReadonlyArray<readonly [number, number]>;
}

/**
 * Where travel figures come from: the embedded terrain model (no server) or a road engine.
 * Matrices are asked per line (a few hundred points), never for a whole city.
 */
export interface TravelSource {
  readonly name: string;
  matrix(points: readonly TravelPoint[]): Promise<TravelMatrix>;
  /** Legs between consecutive points. */
  legs(points: readonly TravelPoint[]): Promise<Leg[]>;
}

import type { TerrainGrid } from '../terrainGrid.ts';
import type { TerrainModel } from '../terrainModel.ts';
import { ascentAlong } from '../ascent.ts';
import { TravelError } from '../travelError.ts';
import { BASE_PREFIX, type DayRoute, type Leg, type RouteStep, type TravelMatrix, type TravelPoint, type TravelSource } from '../travelSource.ts';
import { RouteAnswerSchema, TableAnswerSchema, type RouteAnswer, type TableAnswer } from './osrmAnswers.ts';
import { osrmGet, OsrmRefusal } from './osrmHttp.ts';
import type { OsrmOptions } from './osrmOptions.ts';
import type { z } from 'zod';

/** Height samples along a road every 250 m: a road's bends and switchbacks are shorter than a grid cell. */
const ROAD_SAMPLE_M = 250;
/** The most negative distance OSRM's rounding gives between two points on one segment. */
const NEGATIVE_ROUNDING_M = -1;

/**
 * Travel over real roads from an `osrm-routed`: `/table` for a line's matrix (chunked by rows
 * where the line has `maxTableSize` points or more), `/route` with steps and full geometry for
 * a day's legs. OSRM knows no heights: a day route's climbing is its geometry read on the
 * terrain grid; a matrix's is the straight line's (as the terrain model's: `/table` gives no
 * geometry, and asking 170,000 routes for it would defeat the table).
 */
export class OsrmSource implements TravelSource {
  readonly name = 'osrm' as const;
  readonly #opts: OsrmOptions;
  readonly #grid: TerrainGrid;
  readonly #straight: TerrainModel;

  constructor(opts: OsrmOptions, grid: TerrainGrid, straight: TerrainModel) {
    this.#opts = opts;
    this.#grid = grid;
    this.#straight = straight;
  }

  async matrix(points: readonly TravelPoint[]): Promise<TravelMatrix> {
    const n = points.length;
    const metres = new Float64Array(n * n);
    const seconds = new Float64Array(n * n);
    if (n === 0) return { size: 0, metres, seconds, ascentM: new Float64Array(0) };
    let ascentM: Float64Array | undefined;
    const max = this.#opts.maxTableSize;
    // OSRM limits sources × destinations to max²: all points as destinations, as many rows as fit.
    const rows = n < max ? n : Math.max(1, Math.floor((max * max) / n));
    const coords = coordinates(points);
    const what = `for the table of ${describe(points)}`;
    for (let from = 0; from < n; from += rows) {
      const to = Math.min(n, from + rows);
      const sources = rows === n ? '' : `&sources=${range(from, to).join(';')}`;
      const asked = this.#ask<TableAnswer>(`/table/v1/${this.#opts.profile}/${coords}?annotations=duration,distance${sources}`, what, points, TableAnswerSchema);
      // The climbing, from the terrain grid, while OSRM works out the first table.
      ascentM ??= this.#straight.matrixSync(points).ascentM;
      const answer = await asked;
      if (answer.durations.length !== to - from || answer.distances.length !== to - from || answer.durations.some((r) => r.length !== n) || answer.distances.some((r) => r.length !== n)) {
        throw new TravelError(`OSRM at ${this.#opts.url} answered a table of another size than ${to - from}×${n} ${what}`);
      }
      if (from === 0) this.#checkSnaps(answer.destinations, points, 0);
      this.#checkSnaps(answer.sources, points, from);
      for (let r = 0; r < to - from; r++) {
        const i = from + r;
        for (let j = 0; j < n; j++) {
          const d = answer.distances[r][j];
          const t = answer.durations[r][j];
          if (d === null || t === null) throw new TravelError(`OSRM at ${this.#opts.url} found no road from ${nameOf(points, i)} to ${nameOf(points, j)}`);
          // OSRM rounds two points on one segment to a distance of -0.1 m at times: that is 0.
          if (typeof d !== 'number' || typeof t !== 'number' || !(d >= NEGATIVE_ROUNDING_M) || !(t >= 0)) {
            throw new TravelError(`OSRM at ${this.#opts.url} answered ${JSON.stringify(d)} m, ${JSON.stringify(t)} s from ${nameOf(points, i)} to ${nameOf(points, j)} ${what}`);
          }
          metres[i * n + j] = Math.max(0, d);
          seconds[i * n + j] = t;
        }
      }
    }
    return { size: n, metres, seconds, ascentM: ascentM as Float64Array };
  }

  async route(points: readonly TravelPoint[]): Promise<DayRoute> {
    if (points.length < 2) return { roads: true, legs: [] };
    const answer = await this.#routeAnswer(points);
    this.#checkSnaps(answer.waypoints, points, 0);
    const legs = answer.routes[0].legs;
    if (legs.length !== points.length - 1) throw new TravelError(`OSRM at ${this.#opts.url} answered ${legs.length} legs for ${points.length - 1} ${this.#routeWhat(points)}`);
    return {
      roads: true,
      legs: legs.map((leg): Leg => {
        const path: [number, number][] = [];
        for (const step of leg.steps) {
          for (const c of step.geometry.coordinates) {
            const last = path[path.length - 1];
            if (!last || last[0] !== c[0] || last[1] !== c[1]) path.push([c[0], c[1]]);
          }
        }
        const steps = leg.steps.map(({ geometry: _, ...step }) => step as unknown as RouteStep);
        return { metres: leg.distance, seconds: leg.duration, ascentM: ascentAlong(this.#grid, path, ROAD_SAMPLE_M), path, steps };
      }),
    };
  }

  async #routeAnswer(points: readonly TravelPoint[]): Promise<RouteAnswer> {
    const path = (pts: readonly TravelPoint[]) => `/route/v1/${this.#opts.profile}/${coordinates(pts)}?steps=true&geometries=geojson&overview=false`;
    try {
      return await this.#ask<RouteAnswer>(path(points), this.#routeWhat(points), points, RouteAnswerSchema, false);
    } catch (e) {
      if (!(e instanceof OsrmRefusal) || e.code !== 'NoRoute') throw e;
    }
    // Which leg has no road: ask them one by one (only on this error path).
    for (let k = 0; k + 1 < points.length; k++) {
      try {
        await this.#ask(path([points[k], points[k + 1]]), this.#routeWhat(points), points, RouteAnswerSchema, false);
      } catch (e) {
        if (e instanceof OsrmRefusal && e.code === 'NoRoute') throw new TravelError(`OSRM at ${this.#opts.url} found no road from ${nameOf(points, k)} to ${nameOf(points, k + 1)} (NoRoute)`);
        throw e;
      }
    }
    throw new TravelError(`OSRM at ${this.#opts.url} answered NoRoute ${this.#routeWhat(points)}, yet answers each of its legs`);
  }

  /** One request; OSRM's refusals become travel errors naming the shop where OSRM names a point. */
  async #ask<T>(path: string, what: string, points: readonly TravelPoint[], schema: z.ZodType<T>, refusalsFinal = true): Promise<T> {
    let body: unknown;
    try {
      body = await osrmGet(this.#opts, path, what);
    } catch (e) {
      if (!(e instanceof OsrmRefusal) || (!refusalsFinal && e.code === 'NoRoute')) throw e;
      throw this.#refusal(e, what, points);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TravelError(`OSRM at ${this.#opts.url} gave an answer without the expected ${issue.path.join('.') || 'shape'} (${issue.message}) ${what}`);
    }
    return parsed.data;
  }

  #refusal(e: OsrmRefusal, what: string, points: readonly TravelPoint[]): TravelError {
    const url = this.#opts.url;
    if (e.code === 'NoSegment') {
      const k = /coordinate (\d+)/.exec(e.message);
      const who = k ? nameOf(points, Number(k[1])) : 'a point';
      return new TravelError(`OSRM at ${url} found no road near ${who} (NoSegment)`);
    }
    if (e.code === 'TooBig') return new TravelError(`OSRM at ${url} refused the request as too big (TooBig: ${e.message}) ${what}: start osrm-routed with --max-table-size ${this.#opts.maxTableSize} or set the client's table size to the server's`);
    return new TravelError(`OSRM at ${url} answered ${e.code}${e.message ? ` (${e.message})` : ''} ${what}`);
  }

  #checkSnaps(snaps: readonly { distance: number }[], points: readonly TravelPoint[], offset: number): void {
    snaps.forEach((s, k) => {
      if (s.distance > this.#opts.maxSnapM) {
        throw new TravelError(`OSRM at ${this.#opts.url}: ${nameOf(points, offset + k)} is ${Math.round(s.distance)} m from the nearest road (more than ${this.#opts.maxSnapM} m)`);
      }
    });
  }

  #routeWhat(points: readonly TravelPoint[]): string {
    return `for the route ${points.map((_, i) => nameOf(points, i)).join(' → ')}`;
  }
}

function coordinates(points: readonly TravelPoint[]): string {
  return points.map((p) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

function nameOf(points: readonly TravelPoint[], i: number): string {
  const p = points[i];
  if (!p?.id) return `point ${i}`;
  return p.id.startsWith(BASE_PREFIX) ? `the base of line ${p.id.slice(BASE_PREFIX.length)}` : `shop ${p.id}`;
}

function describe(points: readonly TravelPoint[]): string {
  const first = points.slice(0, 3).map((_, i) => nameOf(points, i));
  return `${points.length} points (${first.join(', ')}${points.length > 3 ? ', …' : ''})`;
}

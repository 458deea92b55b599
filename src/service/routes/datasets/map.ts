import { convex, featureCollection, point } from '@turf/turf';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DatasetMap } from '../../store/datasets.ts';
import { notFound } from '../../errors.ts';
import { assertCity, isPlanner } from '../../plugins/auth.ts';
import { errors, IdParam } from '../common.ts';
import { DatasetSchema } from './schemas.ts';

const MapLineSchema = z.object({
  line: z.string(),
  county: z.string(),
  manager: z.string(),
  vehicle: z.string(),
  base: z.tuple([z.number(), z.number()]).describe('[lon, lat]'),
  territory: z.array(z.array(z.tuple([z.number(), z.number()]))).nullable().describe("the convex hull of the line's retailers (GeoJSON Polygon coordinates); null under three retailers"),
});

export const DatasetMapSchema = z.object({
  lines: z.array(MapLineSchema),
  retailers: z
    .object({ id: z.array(z.string()), name: z.array(z.string()), line: z.array(z.string()), class: z.array(z.string()), lon: z.array(z.number()), lat: z.array(z.number()) })
    .describe('parallel columns: retailer i is id[i], name[i], …'),
});
type MapAnswer = z.infer<typeof DatasetMapSchema>;

/** Datasets never change: a city's map (26,400 retailers, 105 hulls) is built once. */
const cache = new Map<string, MapAnswer>();

/** The planner's page: the datasets a key sees, and a dataset's lines and retailers for the map. */
const datasetMap: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/datasets',
    {
      config: { access: 'planner' },
      schema: { summary: 'The latest datasets, newest first (100)', tags: ['datasets'], response: { 200: z.object({ datasets: z.array(DatasetSchema.omit({ warnings: true })) }), ...errors(401, 403) } },
    },
    async (request) => ({ datasets: (await app.store.datasets.list(100, request.principal!.city)).map(({ warnings: _w, ...d }) => d) }),
  );

  app.get(
    '/datasets/:id/map',
    {
      schema: {
        summary: "A dataset's lines (base, territory) and retailers (position, name, line, class) for the map",
        description: "A manager key gets its own line's only.",
        tags: ['datasets'],
        params: IdParam,
        response: { 200: DatasetMapSchema, ...errors(401, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      assertCity(request, await app.store.datasets.cityOf(id), `dataset ${id}`);
      const line = isPlanner(request) ? undefined : (request.principal!.line ?? '');
      const key = `${id}\u0000${line ?? ''}`;
      let answer = cache.get(key);
      if (!answer) {
        const map = await app.store.datasets.map(id, line);
        if (!map) throw notFound(`dataset ${id}`);
        answer = mapAnswer(map);
        if (cache.size >= 8) cache.delete(cache.keys().next().value!);
        cache.set(key, answer);
      }
      return answer;
    },
  );
};

/** The lines with their territories (convex hulls of their retailers). */
export function mapAnswer(map: DatasetMap): MapAnswer {
  const points = new Map<string, [number, number][]>();
  const r = map.retailers;
  for (let i = 0; i < r.id.length; i++) {
    const list = points.get(r.line[i]) ?? [];
    list.push([r.lon[i], r.lat[i]]);
    points.set(r.line[i], list);
  }
  const lines = map.lines.map((l) => {
    const pts = points.get(l.line) ?? [];
    const hull = pts.length >= 3 ? convex(featureCollection(pts.map((p) => point(p)))) : null;
    return {
      line: l.line,
      county: l.county,
      manager: l.manager,
      vehicle: l.vehicle,
      base: [l.baseLon, l.baseLat] as [number, number],
      territory: hull ? (hull.geometry.coordinates as [number, number][][]) : null,
    };
  });
  return { lines, retailers: r };
}

export default datasetMap;

import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { simplify, type AllGeoJSON } from '@turf/turf';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { notFound } from '../errors.ts';

/**
 * The planner's page at `/`: the files `npm install` built (src/web/build.ts, into
 * WEB_DIR), the offline basemap (county outlines, terrain grid) and the map settings.
 * Open routes with no data of any city: the page signs in with a key and reads the API.
 */
export default fp(
  async (app) => {
    const { webDir, mapCounties, mapTerrain, mapStyleUrl, mapTilesUrl, mapTilesAttribution } = app.config;
    const online = [mapStyleUrl, mapTilesUrl].filter((u): u is string => u !== undefined).map(originOf);
    // The page talks to this origin only, unless online tiles are configured.
    const csp = [
      "default-src 'self'",
      `img-src 'self' data: blob: ${online.join(' ')}`.trim(),
      `connect-src 'self' ${online.join(' ')}`.trim(),
      "worker-src 'self' blob:",
      "style-src 'self' 'unsafe-inline'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    const hidden = { schema: { hide: true }, config: { access: 'public' as const } };

    if (existsSync(join(webDir, 'index.html'))) {
      await app.register(fastifyStatic, {
        root: webDir,
        prefix: '/',
        // Routes for the files present at start (not a catch-all that would shadow the API's 404s).
        wildcard: false,
        preCompressed: true,
        cacheControl: true,
        maxAge: 0,
        setHeaders: (res, path) => {
          if (path.endsWith('.html')) void res.header('content-security-policy', csp);
        },
      });
    } else {
      app.get('/', hidden, async (_request, reply) =>
        reply
          .code(503)
          .type('text/html; charset=utf-8')
          .send(`<!doctype html><meta charset="utf-8"><title>visit planner</title><p>The page is not built: run <code>npm run build:web</code> (npm install does it), then reload.</p><p>页面尚未构建：请运行 <code>npm run build:web</code>。</p>`),
      );
    }

    app.get('/page-config.json', hidden, async () => ({
      styleUrl: mapStyleUrl ?? null,
      tilesUrl: mapTilesUrl ?? null,
      tilesAttribution: mapTilesAttribution,
      counties: '/basemap/counties.geojson',
      terrain: '/basemap/terrain.asc',
    }));
    const file = (path: string, type: string, shape: (b: Buffer) => Buffer = (b) => b) => {
      // Read on first use and kept: files that never change while the service runs.
      let bytes: Buffer | undefined;
      return async (_request: unknown, reply: FastifyReply) => {
        if (bytes === undefined && existsSync(path)) bytes = shape(readFileSync(path));
        if (!bytes) throw notFound(`the basemap file ${basename(path)} (see MAP_COUNTIES, MAP_TERRAIN)`);
        return reply.type(type).header('cache-control', 'public, max-age=3600').send(bytes);
      };
    };
    app.get('/basemap/counties.geojson', hidden, file(mapCounties, 'application/geo+json', simplified));
    app.get('/basemap/terrain.asc', hidden, file(mapTerrain, 'text/plain; charset=utf-8'));
  },
  { name: 'web', dependencies: ['errors'] },
);

/**
 * County outlines simplified to about 100 m (0.001°): the demo's 25,900 vertices (750 kB)
 * become 4,600 (135 kB), which a browser without a GPU tiles far sooner; at city and
 * county zoom the outlines look the same.
 */
function simplified(bytes: Buffer): Buffer {
  const geojson = JSON.parse(bytes.toString('utf8')) as AllGeoJSON;
  return Buffer.from(JSON.stringify(simplify(geojson, { tolerance: 0.001, highQuality: false })));
}

function originOf(url: string): string {
  try {
    return new URL(url.replaceAll(/[{}]/g, '')).origin;
  } catch {
    throw new Error(`MAP_STYLE_URL / MAP_TILES_URL: ${url} is not a URL`);
  }
}

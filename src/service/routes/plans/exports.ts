import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors.ts';
import { assertCity, assertLine } from '../../plugins/auth.ts';
import { errors, IdParam } from '../common.ts';
import { requirePlanMeta } from './ready.ts';
import { ExportQuerySchema } from './schemas.ts';

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', summary: 'The plan as CSV (UTF-8 with a BOM, for Excel): one row per visit, in Chinese (`?language=en`: English)' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', summary: 'The plan as an XLSX workbook: a summary sheet and a sheet per line, week by week' },
  geojson: { type: 'application/geo+json', summary: 'The plan as GeoJSON: routes per line-day, visits and bases, styled for a map' },
} as const;

const XlsxQuery = ExportQuerySchema.extend({ language: z.enum(['zh', 'en']).optional().describe('headers and labels of the XLSX workbook and the CSV; default zh') });

/** Exports of a plan through the io writers, built off the event loop and kept; `?line=` for one line, which a manager key must give (its own). */
const exportsRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const format of ['csv', 'xlsx', 'geojson'] as const) {
    app.get(
      `/plans/:id/export.${format}`,
      {
        schema: {
          summary: FORMATS[format].summary,
          description: '`?line=` exports one line; a manager key must name its own.',
          tags: ['exports'],
          params: IdParam,
          querystring: XlsxQuery,
          produces: [FORMATS[format].type],
          response: { 200: z.any().describe(FORMATS[format].type), ...errors(400, 401, 403, 404, 409, 410, 503) },
        },
      },
      async (request, reply) => {
        const { line, language } = request.query;
        const p = request.principal;
        // A manager's export is of its own line: say how to ask for it.
        if (line === undefined && p?.role === 'manager') throw new AppError('VP_FORBIDDEN', `a manager key exports only its own line: add ?line=${encodeURIComponent(p.line ?? '')} to the address`);
        assertLine(request, line);
        const meta = await requirePlanMeta(app.store, request.params.id);
        assertCity(request, meta.city, `plan ${meta.id}`);
        if (line !== undefined && !(await app.store.plans.hasLine(meta.id, line))) throw notFound(`line ${line} in plan ${meta.id}`);
        // Built by the export worker once per plan (plans never change), then streamed from disk.
        const path = await app.exports.file(meta.id, format, language ?? 'zh', line);
        const name = `plan-${meta.id}${line ? `-${line}` : ''}.${format}`;
        void reply.type(FORMATS[format].type).header('content-disposition', `attachment; filename="${name}"`);
        return reply.send(createReadStream(path));
      },
    );
  }
};

export default exportsRoutes;

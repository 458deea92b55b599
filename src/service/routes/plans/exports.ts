import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Plan } from '../../../domain/plan.ts';
import { planCsv } from '../../../io/exportPlanCsv.ts';
import { planGeojson } from '../../../io/exportPlanGeojson.ts';
import { planXlsx } from '../../../io/exportPlanXlsx.ts';
import { AppError, notFound } from '../../errors.ts';
import { assertCity, assertLine } from '../../plugins/auth.ts';
import { errors, IdParam } from '../common.ts';
import { requirePlan, requirePlanMeta } from './ready.ts';
import { ExportQuerySchema } from './schemas.ts';

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', summary: 'The plan as CSV (UTF-8 with a BOM, for Excel): one row per visit' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', summary: 'The plan as an XLSX workbook: a summary sheet and a sheet per line, week by week' },
  geojson: { type: 'application/geo+json', summary: 'The plan as GeoJSON: routes per line-day, visits and bases, styled for a map' },
} as const;

const XlsxQuery = ExportQuerySchema.extend({ language: z.enum(['zh', 'en']).optional().describe('labels of the XLSX workbook; default zh') });

/** Exports of a plan through the io writers; `?line=` for one line, which a manager key must give (its own). */
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
          response: { 200: z.any().describe(FORMATS[format].type), ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { line, language } = request.query;
        assertLine(request, line);
        assertCity(request, requirePlanMeta(app.store, request.params.id).city, `plan ${request.params.id}`);
        const stored = requirePlan(app.store, request.params.id);
        if (line !== undefined && !stored.plan.lines.some((l) => l.line === line)) throw notFound(`line ${line} in plan ${stored.id}`);
        const dataset = app.store.datasets.get(stored.datasetId);
        if (!dataset) throw new AppError('VP_INTERNAL', 'the plan has no dataset');
        const plan: Plan = line === undefined ? stored.plan : { ...stored.plan, lines: stored.plan.lines.filter((l) => l.line === line) };
        const name = `plan-${stored.id}${line ? `-${line}` : ''}.${format}`;
        void reply.type(FORMATS[format].type).header('content-disposition', `attachment; filename="${name}"`);
        if (format === 'csv') return reply.send(planCsv(plan, dataset.retailers, dataset.lines));
        if (format === 'geojson') return reply.send(JSON.stringify(planGeojson(plan, dataset.retailers, dataset.lines)));
        return reply.send(Buffer.from(await planXlsx(plan, dataset.retailers, dataset.lines, { language: language ?? 'zh' })));
      },
    );
  }
};

export default exportsRoutes;

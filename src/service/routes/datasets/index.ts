import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { formatProblem, importDataset, type UploadedFile } from '../../../io/index.ts';
import { notFound } from '../../errors.ts';
import { errors, IdParam } from '../common.ts';
import { DatasetSchema, UploadBodySchema, type UploadFileSchema } from './schemas.ts';

const toFile = (f: z.infer<typeof UploadFileSchema>): UploadedFile => ({
  name: f.name,
  bytes: f.base64 !== undefined ? Buffer.from(f.base64, 'base64') : new TextEncoder().encode(f.text),
  ...(f.format === undefined ? {} : { format: f.format }),
});

const withText = <T extends Parameters<typeof formatProblem>[0]>(p: T) => ({ ...p, text: formatProblem(p) });

const datasets: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/datasets',
    {
      config: { access: 'planner' },
      bodyLimit: app.config.uploadLimitBytes,
      schema: {
        summary: 'Upload a dataset (retailers, lines, policy, optional calendar), all or nothing',
        description:
          'A JSON body with each file as `{ name, base64 }` or `{ name, text }`. Retailers and lines may be CSV (UTF-8 or GBK), XLSX or GeoJSON, ' +
          'told by the name or `format`; policy and calendar are JSON. Every file is checked, then the files against each other; ' +
          'any problem is a 400 VP_IMPORT naming every bad file, row and field, and nothing is stored.',
        tags: ['datasets'],
        body: UploadBodySchema,
        response: { 201: DatasetSchema, ...errors(400, 401, 403, 413) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const dataset = await importDataset({
        retailers: toFile(b.retailers),
        lines: toFile(b.lines),
        policy: toFile(b.policy),
        ...(b.calendar ? { calendar: toFile(b.calendar) } : {}),
      });
      const names = [b.retailers.name, b.lines.name, b.policy.name, ...(b.calendar ? [b.calendar.name] : [])];
      const s = app.store.datasets.insert(dataset, names);
      void reply.code(201).header('location', `/v1/datasets/${s.id}`);
      return { ...s, warnings: s.warnings.map(withText) };
    },
  );

  app.get(
    '/datasets/:id',
    {
      config: { access: 'planner' },
      schema: { summary: 'A dataset: its files, sizes and warnings', tags: ['datasets'], params: IdParam, response: { 200: DatasetSchema, ...errors(401, 403, 404) } },
    },
    async (request) => {
      const s = app.store.datasets.summary(request.params.id);
      if (!s) throw notFound(`dataset ${request.params.id}`);
      return { ...s, warnings: s.warnings.map(withText) };
    },
  );
};

export default datasets;

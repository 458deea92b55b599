import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { formatProblem } from '../../../io/index.ts';
import { AppError, notFound } from '../../errors.ts';
import { outcomeError } from '../../imports/refusal.ts';
import { assertCity } from '../../plugins/auth.ts';
import { errors, IdParam } from '../common.ts';
import datasetMap from './map.ts';
import { DatasetSchema, UploadBodySchema } from './schemas.ts';

const withText = <T extends Parameters<typeof formatProblem>[0]>(p: T) => ({ ...p, text: formatProblem(p) });

const datasets: FastifyPluginAsyncZod = async (app) => {
  // An upload's body is handed to the import worker as bytes: parsing and checking tens
  // of megabytes of JSON here would stall every other request. (This plugin only.)
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: app.config.uploadLimitBytes }, (_request, body, done) => done(null, body));

  app.post(
    '/datasets',
    {
      config: { access: 'planner' },
      bodyLimit: app.config.uploadLimitBytes,
      // The worker checks the body against UploadBodySchema; the schema stays here for the OpenAPI document.
      validatorCompiler: () => (value: unknown) => ({ value }),
      schema: {
        summary: 'Upload a dataset (retailers, lines, policy, optional calendar), all or nothing',
        description:
          'A JSON body with each file as `{ name, base64 }` or `{ name, text }`. Retailers and lines may be CSV (UTF-8 or GBK), XLSX or GeoJSON, ' +
          'told by the name or `format`; policy and calendar are JSON. Every file is checked, then the files against each other; ' +
          'any problem is a 400 VP_IMPORT listing the first problems (file, row, field; shared out over the files) and counting all of them ' +
          'by file, kind and column, and nothing is stored. A table may have at most MAX_UPLOAD_ROWS rows, an XLSX may inflate to at most ' +
          'UPLOAD_INFLATED_LIMIT_BYTES (checked before inflating); an upload that needs more memory or time than an import may use is a 413.',
        tags: ['datasets'],
        body: UploadBodySchema,
        response: { 201: DatasetSchema, ...errors(400, 401, 403, 413, 503) },
      },
    },
    async (request, reply) => {
      const bytes = request.body as unknown as Buffer | undefined | null;
      // No body at all (no content type): nothing for the worker to read.
      if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new AppError('VP_MALFORMED_JSON', 'the body is not valid JSON');
      const outcome = await app.imports.import(bytes, request.principal!.city);
      if (!outcome.ok) {
        // What the libraries said about the files is for the log only.
        const details = outcome.code === 'VP_IMPORT' ? outcome.problems.filter((p) => p.detail !== undefined).map((p) => ({ file: p.file, detail: p.detail })) : [];
        if (details.length > 0) request.log.info({ details }, 'upload refused: what the readers said');
        throw outcomeError(outcome);
      }
      const s = outcome.dataset;
      request.log.info({ dataset: s.id, retailers: s.retailers, lines: s.lines }, 'dataset stored');
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
      const s = await app.store.datasets.summary(request.params.id);
      assertCity(request, s?.city, `dataset ${request.params.id}`);
      if (!s) throw notFound(`dataset ${request.params.id}`);
      return { ...s, warnings: s.warnings.map(withText) };
    },
  );

  await app.register(datasetMap);
};

export default datasets;

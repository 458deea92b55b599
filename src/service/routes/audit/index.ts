import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditXlsx } from '../../../io/exportAuditXlsx.ts';
import { auditSample } from '../../audit/sample.ts';
import { notFound } from '../../errors.ts';
import { assertCity } from '../../plugins/auth.ts';
import { errors } from '../common.ts';

const AuditQuery = z
  .object({
    dataset: z.string().min(1).max(64),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month YYYY-MM'),
    seed: z.coerce.number().int().min(0).max(2 ** 31).default(1).describe('the same month and seed give the same sample'),
  })
  .strict();

const SampledVisit = z.object({
  id: z.string(), line: z.string(), retailer: z.string(), date: z.string(), mode: z.enum(['in_person', 'phone', 'online']),
  outcome: z.enum(['done', 'failed', 'unplanned']), startedAt: z.string(), endedAt: z.string().nullable(),
});

const SampleSchema = z.object({
  dataset: z.string(),
  month: z.string(),
  seed: z.number(),
  share: z.number().describe("the policy's audit share"),
  lines: z.array(z.object({ line: z.string(), completed: z.number().int(), sampled: z.array(SampledVisit) })),
});

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The month's audit sample (work standard: at least 2% of each manager's visits a month),
 * for planner keys only: as JSON, and as a workbook for the auditors.
 */
const audit: FastifyPluginAsyncZod = async (app) => {
  const draw = async (dataset: string, month: string, seed: number) => {
    const policy = await app.store.datasets.policy(dataset);
    if (!policy) throw notFound(`dataset ${dataset}`);
    const [y, m] = month.split('-').map(Number);
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const share = policy.auditSampleShare.value;
    return { share, lines: auditSample(await app.store.visits.between(dataset, `${month}-01`, next), month, seed, share) };
  };
  const view = (v: { id: string; line: string; retailer: string; date: string; mode: 'in_person' | 'phone' | 'online'; outcome: 'done' | 'failed' | 'unplanned'; startedAt: string; endedAt: string | null }) => ({
    id: v.id, line: v.line, retailer: v.retailer, date: v.date, mode: v.mode, outcome: v.outcome, startedAt: v.startedAt, endedAt: v.endedAt,
  });

  app.get(
    '/audit/sample',
    {
      config: { access: 'planner' },
      schema: {
        summary: "A month's audit sample of each manager's completed visits (planner keys)",
        description: "At least the policy's share (2%) of each line's done and unplanned visits of the month, rounded up; seeded: the same month and seed give the same sample.",
        tags: ['audit'],
        querystring: AuditQuery,
        response: { 200: SampleSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { dataset, month, seed } = request.query;
      assertCity(request, await app.store.datasets.cityOf(dataset), `dataset ${dataset}`);
      const { share, lines } = await draw(dataset, month, seed);
      return { dataset, month, seed, share, lines: lines.map((l) => ({ line: l.line, completed: l.completed, sampled: l.sampled.map(view) })) };
    },
  );

  app.get(
    '/audit/sample.xlsx',
    {
      config: { access: 'planner' },
      schema: {
        summary: "A month's audit sample as an XLSX workbook for the auditors (planner keys)",
        tags: ['audit'],
        querystring: AuditQuery.extend({ language: z.enum(['zh', 'en']).optional() }),
        produces: [XLSX_TYPE],
        response: { 200: z.any().describe(XLSX_TYPE), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { dataset, month, seed, language } = request.query;
      assertCity(request, await app.store.datasets.cityOf(dataset), `dataset ${dataset}`);
      const { share, lines } = await draw(dataset, month, seed);
      const data = (await app.store.datasets.get(dataset))!;
      const bytes = await auditXlsx({ month, seed, share, lines }, data.retailers, data.lines, language ?? 'zh');
      void reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="audit-${dataset}-${month}-seed${seed}.xlsx"`);
      return reply.send(Buffer.from(bytes));
    },
  );
};

export default audit;

import { setImmediate as yieldTurn } from 'node:timers/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LinePlanSchema, PlanFiguresSchema, PlanSchema } from '../../../domain/plan.ts';
import { notFound } from '../../errors.ts';
import { assertCity, assertLine, isPlanner } from '../../plugins/auth.ts';
import { errors, IdParam, IsoDateSchema } from '../common.ts';
import { requirePlanMeta } from './ready.ts';
import { LineSummarySchema } from './schemas.ts';

const LineParams = z.object({ id: z.string().min(1).max(64), line: z.string().min(1).max(64) });

const LineAnswerSchema = LinePlanSchema.extend({
  plan: z.string(),
  parent: z.string().nullable().describe('the plan this one re-plans, if it does'),
  replan: z
    .object({ from: IsoDateSchema.nullable(), blocked: z.array(z.string()), closed: z.array(z.object({ retailer: z.string(), date: z.string() })) })
    .nullable()
    .describe("when this plan re-planned this line: from which date, the line's blocked days and the shops said to be closed"),
  rules: z.object({ marketMinutesMin: z.number(), maxDayMinutes: z.number() }).describe("the policy's bounds of a working day, which a calendar flags days by"),
});

const FiguresAnswerSchema = z.object({
  figures: PlanFiguresSchema,
  baseline: PlanFiguresSchema.describe("today's practice on the same days"),
  ratios: PlanSchema.shape.ratios,
  lines: z.array(LineSummarySchema.extend({ baseline: PlanFiguresSchema })),
});

/** Every visit of a plan by retailer, as parallel columns: retailer[i] is visited on dates[day[i]] by mode[i], arriving at arrive[i] (in person). */
const RetailerVisitsSchema = z.object({
  dates: z.array(z.string()),
  retailer: z.array(z.string()),
  day: z.array(z.number().int()),
  mode: z.array(z.enum(['in_person', 'phone', 'online'])),
  arrive: z.array(z.string().nullable()),
});
type RetailerVisits = z.infer<typeof RetailerVisitsSchema>;

/** Plans never change: the visits by retailer of the latest few plans asked for are kept. */
const visitsCache = new Map<string, RetailerVisits>();

/** The planner's page: a line's whole plan (calendar, diff), the figures beside today's practice, the visits by retailer (map). */
const lines: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/plans/:id/lines/:line',
    {
      schema: {
        summary: "One line of a plan: its days (stops, remote visits, hours), figures beside today's practice, warnings",
        description: 'A manager key reads only its own line.',
        tags: ['plans'],
        params: LineParams,
        response: { 200: LineAnswerSchema, ...errors(401, 403, 404, 409, 410) },
      },
    },
    async (request) => {
      const { id, line } = request.params;
      assertLine(request, line);
      const meta = await requirePlanMeta(app.store, id);
      assertCity(request, meta.city, `plan ${id}`);
      const body = await app.store.plans.line(id, line);
      if (!body) throw notFound(`line ${line} in plan ${id}`);
      const job = (await app.store.jobs.get(id))!;
      const r = job.request;
      const replanned = job.kind === 'replan' && (r.lines ?? []).includes(line);
      return {
        ...body,
        plan: id,
        parent: job.parentPlanId,
        rules: (await app.store.datasets.dayRules(meta.datasetId))!,
        replan: replanned
          ? { from: r.from ?? null, blocked: (r.blocked ?? []).filter((b) => b.line === line).map((b) => b.date), closed: r.closed ?? [] }
          : null,
      };
    },
  );

  app.get(
    '/plans/:id/figures',
    {
      config: { access: 'planner' },
      schema: {
        summary: "The city's and each line's figures beside today's practice (the baseline)",
        tags: ['plans'],
        params: IdParam,
        response: { 200: FiguresAnswerSchema, ...errors(401, 403, 404, 409, 410) },
      },
    },
    async (request) => {
      const { id } = request.params;
      assertCity(request, (await requirePlanMeta(app.store, id)).city, `plan ${id}`);
      const figures = await app.store.plans.figures(id);
      if (!figures) throw notFound(`plan ${id}`);
      return figures;
    },
  );

  app.get(
    '/plans/:id/retailer-visits',
    {
      schema: {
        summary: 'Every visit of a plan by retailer: date, mode and arrival (the map colours shops by their next visit)',
        description: 'A manager key gets its own line only. Parallel columns keep a city of 26,400 retailers a few hundred kilobytes.',
        tags: ['plans'],
        params: IdParam,
        response: { 200: RetailerVisitsSchema, ...errors(401, 404, 409, 410) },
      },
    },
    async (request) => {
      const { id } = request.params;
      assertCity(request, (await requirePlanMeta(app.store, id)).city, `plan ${id}`);
      const own = isPlanner(request) ? undefined : request.principal!.line;
      const key = `${id}\u0000${own ?? ''}`;
      const hit = visitsCache.get(key);
      if (hit) return hit;
      const lineIds = ((await app.store.plans.summary(id))?.lines ?? []).map((l) => l.line).filter((l) => own === undefined || l === own);
      const out: RetailerVisits = { dates: [], retailer: [], day: [], mode: [], arrive: [] };
      const dayIndex = new Map<string, number>();
      const indexOf = (date: string) => {
        let i = dayIndex.get(date);
        if (i === undefined) dayIndex.set(date, (i = out.dates.push(date) - 1));
        return i;
      };
      for (const lineId of lineIds) {
        // One line parsed at a time, the event loop free between lines (a four-week city plan is tens of megabytes).
        const plan = await app.store.plans.line(id, lineId);
        for (const d of plan?.days ?? []) {
          const i = indexOf(d.date);
          for (const s of d.stops) {
            out.retailer.push(s.retailer), out.day.push(i), out.mode.push('in_person'), out.arrive.push(s.arrive);
          }
          for (const v of d.remote) {
            out.retailer.push(v.retailer), out.day.push(i), out.mode.push(v.mode), out.arrive.push(null);
          }
        }
        await yieldTurn();
      }
      if (visitsCache.size >= 4) visitsCache.delete(visitsCache.keys().next().value!);
      visitsCache.set(key, out);
      return out;
    },
  );
};

export default lines;

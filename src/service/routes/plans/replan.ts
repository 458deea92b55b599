import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assertCity, assertLine } from '../../plugins/auth.ts';
import { today } from '../../cityTime.ts';
import { AppError, notFound } from '../../errors.ts';
import { errors, IdParam } from '../common.ts';
import { assertRoomForJob, requirePlanMeta } from './ready.ts';
import { AcceptedSchema, ReplanBodySchema } from './schemas.ts';
import { links } from './view.ts';

/**
 * A lost day or a closed shop: re-plans the affected line only, from the visit records
 * so far, close to the plan it revises. The result is a new plan (new id); the old one
 * stays as it was.
 */
const replan: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/plans/:id/replan',
    {
      schema: {
        summary: 'Re-plan one line of a plan (a blocked day, a closed shop) as a new plan',
        description:
          "Starts a job that calls the planner with `lines: [line]`, the line's blocked days (the plan's and the new ones), " +
          "the line's visit records so far as `history`, closed shops as `closed` (those given here and every failed visit with reason `closed`) and the plan as `previous`. " +
          'The other lines are copied unchanged. Answers 202 with the new plan id. A manager key may re-plan its own line, ' +
          'with at most MANAGER_REPLAN_TIME_LIMIT_MS of solving (the default for it), one job waiting per key, and not in the places kept for planners.',
        tags: ['plans'],
        params: IdParam,
        body: ReplanBodySchema,
        response: { 202: AcceptedSchema, ...errors(400, 401, 403, 404, 409, 429, 503) },
      },
    },
    async (request, reply) => {
      const { line, blocked = [], closed = [], seed } = request.body;
      assertLine(request, line);
      // A manager's re-plan is one line on the shared queue: its budget is capped (and set when not asked for).
      const cap = app.config.managerReplanTimeLimitMs;
      const manager = request.principal!.role !== 'planner';
      if (manager && request.body.timeLimitMs !== undefined && request.body.timeLimitMs > cap) {
        throw new AppError('VP_VALIDATION', "the request's body is not valid", { issues: [{ in: 'body', path: 'timeLimitMs', message: `a manager key may ask for at most ${cap} ms` }] });
      }
      const timeLimitMs = manager ? (request.body.timeLimitMs ?? cap) : request.body.timeLimitMs;
      const parent = await requirePlanMeta(app.store, request.params.id);
      assertCity(request, parent.city, `plan ${parent.id}`);
      // The one line, not the whole plan: a four-week city plan is ~100 ms to parse.
      const linePlan = await app.store.plans.line(parent.id, line);
      if (!linePlan) throw notFound(`line ${line} in plan ${parent.id}`);
      const dates = linePlan.days.map((d) => d.date);
      const from = request.body.from ?? todayIfWithin(dates, app.config.timeZone, app.clock());
      const parentJob = (await app.store.jobs.get(parent.id))!;
      const days = new Set(dates);
      const outside = blocked.filter((d) => !days.has(d));
      if (outside.length > 0) {
        throw new AppError('VP_VALIDATION', "the request's body is not valid", {
          issues: outside.map((d) => ({ in: 'body', path: `blocked.${blocked.indexOf(d)}`, message: `${d} is not a workday of plan ${parent.id}` })),
        });
      }
      const linesOf = await Promise.all(closed.map((c) => app.store.datasets.lineOf(parent.datasetId, c.retailer)));
      const notOnLine = closed.filter((_, i) => linesOf[i] !== line);
      if (notOnLine.length > 0) {
        throw new AppError('VP_VALIDATION', "the request's body is not valid", {
          issues: notOnLine.map((c) => ({ in: 'body', path: `closed.${closed.indexOf(c)}.retailer`, message: `no retailer ${c.retailer} on line ${line}` })),
        });
      }
      const before = (parentJob.request.blocked ?? []).filter((b) => b.line === line).map((b) => b.date);
      const allBlocked = [...new Set([...before, ...blocked])].sort().map((date) => ({ line, date }));
      await assertRoomForJob(app, request.principal!);
      const job = await app.store.jobs.create(
        'replan',
        parent.datasetId,
        {
          start: parent.start,
          weeks: parent.weeks,
          seed: seed ?? parent.seed,
          ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
          lines: [line],
          blocked: allBlocked,
          ...(closed.length === 0 ? {} : { closed }),
          ...(from === undefined ? {} : { from }),
        },
        parent.id,
        request.principal!.keyId,
      );
      await app.jobs.enqueue(job.id);
      void reply.code(202).header('location', `/v1/plans/${job.id}`);
      return { id: job.id, status: job.status, parent: parent.id, links: links(job.id) };
    },
  );
};

export default replan;

/** Today in the city if the plan has workdays from it on. */
function todayIfWithin(dates: readonly string[], timeZone: string, at: number): string | undefined {
  const now = today(timeZone, at);
  return dates.length > 0 && dates[0] < now && now <= dates[dates.length - 1] ? now : undefined;
}

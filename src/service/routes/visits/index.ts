import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors.ts';
import { assertCity, assertLine, isPlanner } from '../../plugins/auth.ts';
import type { StoredVisit } from '../../store/visits.ts';
import { errors } from '../common.ts';
import { requirePlanMeta } from '../plans/ready.ts';
import { visitTimeIssues } from '../../visits/timeChecks.ts';
import { RecordedSchema, VisitBodySchema, VisitSchema, VisitsQuerySchema } from './schemas.ts';

const view = (v: StoredVisit) => ({
  id: v.id, plan: v.planId, line: v.line, retailer: v.retailer, date: v.date, mode: v.mode, outcome: v.outcome,
  reason: v.reason, startedAt: v.startedAt, endedAt: v.endedAt, receivedAt: v.receivedAt,
});

/** What happened at visits: recorded durably (2xx only after COMMIT), checked against the plan and the 20% rule. */
const visits: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/visits',
    {
      schema: {
        summary: 'Record a visit: done, failed (closed, owner_away, emergency) or unplanned',
        description:
          'Answered 201 once the record is on disk (200 for a retry of the same id). Refused with 409 VP_UNPLANNED_LIMIT when it would push the day\'s ' +
          "visits outside the plan over the policy's share (20%) of the day's planned visits. A manager key records only on its own line. " +
          'A record is refused (400) for a day after today, a start not on its day, or a start or end in the future (TIME_ZONE).',
        tags: ['visits'],
        body: VisitBodySchema,
        response: { 200: RecordedSchema, 201: RecordedSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const times = visitTimeIssues(b, app.clock(), app.config.timeZone);
      if (times.length > 0) throw new AppError('VP_VALIDATION', "the request's body is not valid", { issues: times });
      const stored = await requirePlanMeta(app.store, b.plan);
      assertCity(request, stored.city, `plan ${b.plan}`);
      const line = await app.store.datasets.lineOf(stored.datasetId, b.retailer);
      // A manager key learns nothing about other lines: an unknown retailer and another line's answer alike.
      if (!isPlanner(request)) assertLine(request, line);
      if (line === undefined) throw notFound(`retailer ${b.retailer} in plan ${b.plan}`);
      // The policy's share only (a column): parsing the dataset here cost a visit ~100 ms after a cache miss.
      const unplannedShare = await app.store.datasets.unplannedShare(stored.datasetId);
      if (unplannedShare === undefined) throw new AppError('VP_INTERNAL', 'the plan has no dataset');
      const r = await app.recorder.record({ ...b }, { datasetId: stored.datasetId, line, unplannedShare, keyId: request.principal!.keyId });
      void reply.code(r.duplicate ? 200 : 201);
      return { visit: view(r.visit), duplicate: r.duplicate, unplanned: r.unplanned };
    },
  );

  app.get(
    '/visits',
    {
      schema: {
        summary: "A line's visit records in a plan's dataset, oldest first, a page at a time",
        description: 'At most `limit` records (default 500); `next`, when not null, is the `after` of the next page.',
        tags: ['visits'],
        querystring: VisitsQuerySchema,
        response: { 200: z.object({ visits: z.array(VisitSchema), next: z.string().nullable() }), ...errors(400, 401, 403, 404, 409, 410) },
      },
    },
    async (request) => {
      const { plan, line, date, limit, after } = request.query;
      assertLine(request, line);
      const stored = await requirePlanMeta(app.store, plan);
      assertCity(request, stored.city, `plan ${plan}`);
      const cursor = after === undefined ? undefined : { date: after.slice(0, 10), seq: Number(after.slice(11)) };
      const page = await app.store.visits.page(stored.datasetId, line, { ...(date === undefined ? {} : { date }), ...(cursor ? { after: cursor } : {}), limit });
      return { visits: page.visits.map(view), next: page.next };
    },
  );
};

export default visits;

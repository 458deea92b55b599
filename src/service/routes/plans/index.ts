import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { JobEvent } from '../../jobs/planJobs.ts';
import { EventStreams } from '../../plans/eventStreams.ts';
import { assertCity } from '../../plugins/auth.ts';
import type { Job } from '../../store/jobs.ts';
import { errors, IdParam } from '../common.ts';
import days from './days.ts';
import exportsRoutes from './exports.ts';
import lines from './lines.ts';
import replan from './replan.ts';
import { AcceptedSchema, CreatePlanBodySchema, JobListItemSchema, JobSchema } from './schemas.ts';
import { assertRoomForJob } from './ready.ts';
import { jobListView, jobView, links } from './view.ts';

/** Plan jobs: start one, follow it (status or server-sent events), retry a failed one. */
const plans: FastifyPluginAsyncZod = async (app) => {
  /** The job a request names, if the key sees its city (else, as for no such job, 404). */
  const jobOf = async (request: FastifyRequest, id: string): Promise<Job> => {
    const job = await app.store.jobs.get(id);
    assertCity(request, job && (await app.store.datasets.cityOf(job.datasetId)), `plan ${id}`);
    return job!;
  };

  app.post(
    '/plans',
    {
      config: { access: 'planner' },
      schema: {
        summary: 'Start a plan job',
        description: 'Answers 202 at once with the job id; follow it at `links.self` or `links.events` (server-sent events). The plan, once made, has the job id.',
        tags: ['plans'],
        body: CreatePlanBodySchema,
        response: { 202: AcceptedSchema, ...errors(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      assertCity(request, await app.store.datasets.cityOf(b.dataset), `dataset ${b.dataset}`);
      // The line ids only: a city's dataset is ~100 ms to parse, and no check here needs more.
      const known = new Set(await app.store.datasets.lineIds(b.dataset));
      const issues = [
        ...(b.lines ?? []).flatMap((l, i) => (known.has(l) ? [] : [{ in: 'body', path: `lines.${i}`, message: `no line ${l} in dataset ${b.dataset}` }])),
        ...(b.blocked ?? []).flatMap((d, i) => (known.has(d.line) ? [] : [{ in: 'body', path: `blocked.${i}.line`, message: `no line ${d.line} in dataset ${b.dataset}` }])),
      ];
      if (issues.length > 0) throw new AppError('VP_VALIDATION', "the request's body is not valid", { issues });
      await assertRoomForJob(app, request.principal!);
      const { dataset: datasetId, ...request_ } = b;
      const job = await app.store.jobs.create('plan', datasetId, request_, null, request.principal!.keyId);
      await app.jobs.enqueue(job.id);
      void reply.code(202).header('location', `/v1/plans/${job.id}`);
      return { id: job.id, status: job.status, parent: null, links: links(job.id) };
    },
  );

  app.get(
    '/plans',
    {
      config: { access: 'planner' },
      schema: {
        summary: 'The latest plan jobs, newest first',
        description: "Each with its plan's city figures; a plan's lines are at GET /v1/plans/{id}.",
        tags: ['plans'],
        response: { 200: z.object({ plans: z.array(JobListItemSchema) }), ...errors(401, 403) },
      },
    },
    async (request) => ({ plans: await Promise.all((await app.store.jobs.list(100, request.principal!.city)).map((j) => jobListView(j, app.store.plans, request))) }),
  );

  app.get(
    '/plans/:id',
    {
      schema: {
        summary: "A plan job: status, progress, error, and once made the plan's figures",
        tags: ['plans'],
        params: IdParam,
        response: { 200: JobSchema, ...errors(401, 404) },
      },
    },
    async (request) => jobView(await jobOf(request, request.params.id), app.store.plans, request),
  );

  app.post(
    '/plans/:id/retry',
    {
      config: { access: 'planner' },
      schema: { summary: 'Run a failed job again (same id)', tags: ['plans'], params: IdParam, response: { 202: AcceptedSchema, ...errors(401, 403, 404, 409, 429, 503) } },
    },
    async (request, reply) => {
      const job = await jobOf(request, request.params.id);
      await assertRoomForJob(app, request.principal!);
      if (!(await app.store.jobs.requeue(job.id))) throw new AppError('VP_JOB_NOT_RETRYABLE', `plan ${job.id} is ${job.status}; only a failed job can be retried`);
      await app.jobs.enqueue(job.id);
      void reply.code(202);
      return { id: job.id, status: 'queued' as const, parent: job.parentPlanId, links: links(job.id) };
    },
  );

  app.post(
    '/plans/:id/cancel',
    {
      schema: {
        summary: 'Cancel a queued or running job',
        description:
          'A queued job leaves the queue; a running one is stopped. The job is then `failed` with the code JOB_CANCELLED and `cancelled` says by which key and when; ' +
          'a retry runs it again. Planner keys cancel any job, a manager key the jobs it asked for.',
        tags: ['plans'],
        params: IdParam,
        response: { 200: JobSchema, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const job = await jobOf(request, request.params.id);
      const p = request.principal!;
      if (p.role !== 'planner' && job.keyId !== p.keyId) throw new AppError('VP_FORBIDDEN', 'a manager key cancels only the jobs it asked for');
      if (!(await app.jobs.cancel(job.id, p.keyId))) throw new AppError('VP_JOB_NOT_CANCELLABLE', `plan ${job.id} is ${job.status}; only a queued or running job can be cancelled`);
      return jobView((await app.store.jobs.get(job.id))!, app.store.plans, request);
    },
  );

  // Open event streams, capped, and ended at shutdown (with a last event) so that closing does not wait on them.
  const streams = new EventStreams({ perKey: app.config.maxStreamsPerKey, total: app.config.maxStreams });
  app.addHook('preClose', async () => {
    streams.endAll();
  });

  app.get(
    '/plans/:id/events',
    {
      schema: {
        summary: "A job's progress as server-sent events",
        description:
          'Events `progress`, then one `succeeded` or `failed`, each with the job as JSON data; the stream ends after the last. ' +
          'A `shutdown` event ends it early when the service stops (reconnect). At most MAX_STREAMS_PER_KEY streams per key (429).',
        tags: ['plans'],
        params: IdParam,
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('text/event-stream'), ...errors(401, 404, 429) },
      },
    },
    async (request, reply) => {
      const job = await jobOf(request, request.params.id);
      streams.assertRoom(request.principal!.keyId);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': request.id });
      streams.add(res, request.principal!.keyId);
      let n = 0;
      // A job's view reads its plan's head: events are written in the order they came, each after the one before.
      let sent = Promise.resolve();
      const send = (e: JobEvent) => {
        sent = sent
          .then(async () => {
            if (res.writableEnded) return;
            const view = await jobView(e.job, app.store.plans, request);
            res.write(`id: ${++n}\nevent: ${e.type}\ndata: ${JSON.stringify(view)}\n\n`);
            if (e.type !== 'progress') res.end();
          })
          .catch((err: unknown) => {
            request.log.error({ err }, 'event stream: the job could not be read');
            res.end();
          });
      };
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      const unsubscribe = app.jobs.subscribe(job.id, send);
      res.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
      const now = (await app.store.jobs.get(job.id))!;
      send({ type: now.status === 'succeeded' ? 'succeeded' : now.status === 'failed' ? 'failed' : 'progress', job: now });
    },
  );

  await app.register(days);
  await app.register(replan);
  await app.register(lines);
  await app.register(exportsRoutes);
};

export default plans;

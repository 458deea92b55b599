import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Plans } from '../../store/index.ts';
import type { Job } from '../../store/jobs.ts';
import type { JobListItemSchema, JobSchema } from './schemas.ts';

/** A job as a list shows it: the plan's head (figures, ratios), no lines. */
export async function jobListView(job: Job, plans: Plans, request: FastifyRequest): Promise<z.infer<typeof JobListItemSchema>> {
  const { lines: _lines, ...rest } = await jobView(job, plans, request, false);
  return rest;
}

/** A job as the API shows it; a manager key sees its own line's figures and not the city's. */
export async function jobView(job: Job, plans: Plans, request: FastifyRequest, withLines = true): Promise<z.infer<typeof JobSchema>> {
  const p = request.principal;
  // The plan's head and line summaries: columns, not the lines' days.
  const stored = job.status === 'succeeded' && job.purgedAt === null ? await plans.summary(job.id, withLines) : undefined;
  const planner = p?.role === 'planner';
  const lines = (stored?.lines ?? []).filter((l) => planner || l.line === p?.line);
  return {
    id: job.id,
    kind: job.kind,
    dataset: job.datasetId,
    parent: job.parentPlanId,
    start: job.request.start,
    weeks: job.request.weeks,
    status: job.status,
    progress: { linesDone: job.linesDone, linesTotal: job.linesTotal },
    error: job.errorCode === null ? null : { code: job.errorCode, message: job.error ?? '' },
    attempts: job.attempts,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    cancelled: job.cancelledBy === null ? null : { by: job.cancelledBy, at: job.cancelledAt ?? '' },
    purgedAt: job.purgedAt,
    figures: planner && stored ? stored.figures : null,
    ratios: planner && stored ? stored.ratios : null,
    lines,
  };
}

export const links = (id: string) => ({ self: `/v1/plans/${id}`, events: `/v1/plans/${id}/events` });

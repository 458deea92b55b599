import { z } from 'zod';
import { PlanFiguresSchema, PlanSchema } from '../../../domain/plan.ts';
import { IsoDateSchema } from '../common.ts';

export const CreatePlanBodySchema = z
  .object({
    dataset: z.string().min(1).max(64),
    start: IsoDateSchema.describe('first day of the horizon, normally a Monday'),
    weeks: z.number().int().min(1).max(4).describe('1 (a week) to 4 (a four-week cycle)'),
    seed: z.number().int().min(0).optional(),
    timeLimitMs: z.number().int().min(100).max(3_600_000).optional().describe('wall-clock budget of the whole run'),
    lines: z.array(z.string().min(1)).min(1).optional().describe('plan only these lines; default all'),
    blocked: z.array(z.object({ line: z.string().min(1), date: IsoDateSchema })).optional().describe('days a line carries no visits (meeting, training)'),
  })
  .strict();

export const ReplanBodySchema = z
  .object({
    line: z.string().min(1).describe('the affected line: only it is re-planned'),
    blocked: z.array(IsoDateSchema).optional().describe("the line's days lost (meeting, training), added to those already blocked"),
    closed: z
      .array(z.object({ retailer: z.string().min(1).max(32), date: IsoDateSchema }).strict())
      .optional()
      .describe('shops known to be closed all day on a date (failed visits with reason closed are added on their own)'),
    from: IsoDateSchema.optional().describe(
      "keep the plan's days before this date as they were, and re-plan from it with what happened so far (default: today, when today is in the plan)",
    ),
    seed: z.number().int().min(0).optional(),
    timeLimitMs: z.number().int().min(100).max(3_600_000).optional(),
  })
  .strict();

const StatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);

export const AcceptedSchema = z.object({
  id: z.string().describe('the job id; the plan, once made, has the same id'),
  status: StatusSchema,
  parent: z.string().nullable(),
  links: z.object({ self: z.string(), events: z.string() }),
});

export const LineSummarySchema = z.object({
  line: z.string(),
  manager: z.string(),
  figures: PlanFiguresSchema,
  notPlaced: z.number().int(),
  error: z.string().nullable(),
});

export const JobSchema = z.object({
  id: z.string(),
  kind: z.enum(['plan', 'replan']),
  dataset: z.string(),
  parent: z.string().nullable(),
  start: z.string(),
  weeks: z.number().int(),
  status: StatusSchema,
  progress: z.object({ linesDone: z.number().int(), linesTotal: z.number().int() }),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  attempts: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  cancelled: z.object({ by: z.string(), at: z.string() }).nullable().describe("who cancelled the job (a key id, or 'service' for a queued job not resumed after a restart) and when"),
  purgedAt: z.string().nullable().describe('when the retention policy removed this superseded plan (the job record stays)'),
  figures: PlanFiguresSchema.nullable().describe('the city figures of a succeeded plan (planner keys only)'),
  ratios: PlanSchema.shape.ratios.nullable(),
  lines: z.array(LineSummarySchema).describe("a succeeded plan's lines (a manager key sees only its own)"),
});

export const DayParamsSchema = z.object({ id: z.string().min(1).max(64), line: z.string().min(1).max(64), date: IsoDateSchema });

export const ExportQuerySchema = z.object({ line: z.string().min(1).max(64).optional().describe('one line only (required for a manager key)') });

/** A job in a list: no lines (GET /v1/plans/:id has them). */
export const JobListItemSchema = JobSchema.omit({ lines: true });

import { z } from 'zod';
import { FAILURE_REASONS } from '../../../domain/visitRecord.ts';
import { IsoDateSchema } from '../common.ts';

const timestamp = z.iso.datetime({ offset: true, message: 'expected an ISO date-time with an offset, e.g. 2026-03-02T09:15:00+08:00' });

/** What happened at a visit, as the manager's phone sends it. */
export const VisitBodySchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8–64 letters, digits, _ or -').optional().describe('chosen by the phone (a UUID): a retry with the same id is answered 200 and stored once'),
    plan: z.string().min(1).max(64),
    retailer: z.string().min(1).max(32),
    date: IsoDateSchema,
    mode: z.enum(['in_person', 'phone', 'online']),
    outcome: z.enum(['done', 'failed', 'unplanned']).describe('unplanned: a visit outside the plan; at most the policy share (20%) of the day\'s planned visits'),
    reason: z.enum(FAILURE_REASONS).optional().describe('why a visit failed; only with outcome failed'),
    startedAt: timestamp,
    endedAt: timestamp.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.outcome === 'failed' && v.reason === undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a failed visit needs a reason' });
    if (v.outcome !== 'failed' && v.reason !== undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'only a failed visit has a reason' });
    if (v.endedAt !== undefined && Date.parse(v.endedAt) < Date.parse(v.startedAt)) ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'ends before it starts' });
  });

export const VisitSchema = z.object({
  id: z.string(),
  plan: z.string(),
  line: z.string(),
  retailer: z.string(),
  date: z.string(),
  mode: z.enum(['in_person', 'phone', 'online']),
  outcome: z.enum(['done', 'failed', 'unplanned']),
  reason: z.enum(FAILURE_REASONS).nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  receivedAt: z.string(),
});

export const RecordedSchema = z.object({
  visit: VisitSchema,
  duplicate: z.boolean().describe('true when this id was stored before (a retry)'),
  unplanned: z.object({ count: z.number().int(), allowed: z.number().int() }).describe('visits outside the plan on this line and day, and the most allowed'),
});

export const VisitsQuerySchema = z.object({
  plan: z.string().min(1).max(64),
  line: z.string().min(1).max(64),
  date: IsoDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500).describe('records per page (1–1000, default 500)'),
  after: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}\.\d{1,15}$/, 'expected the `next` of a previous page')
    .optional()
    .describe('the `next` of the previous page'),
});

import { z } from 'zod';
import { IsoDateSchema } from './calendar.ts';
import { IN_PERSON_KINDS } from './plan.ts';

/** Why a visit failed: the work standard's reasons (001). */
export const FAILURE_REASONS = ['closed', 'owner_away', 'emergency'] as const;

/**
 * What happened at a visit, as the manager's phone records it or a planner uploads it
 * (`--history visits.csv`: columns retailer,date,mode,outcome,reason, and optionally kind).
 */
export const VisitRecordSchema = z
  .object({
    retailer: z.string().min(1),
    date: IsoDateSchema,
    mode: z.enum(['in_person', 'phone', 'online']),
    outcome: z.enum(['done', 'failed', 'unplanned']),
    reason: z.enum(FAILURE_REASONS).optional(),
    /** What an in-person visit was for; absent: routine (older records, remote visits). */
    kind: z.enum(IN_PERSON_KINDS).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'failed' && v.reason === undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a failed visit needs a reason' });
    if (v.kind !== undefined && v.kind !== 'routine' && v.mode !== 'in_person') ctx.addIssue({ code: 'custom', path: ['kind'], message: `a ${v.kind} visit is in person` });
  });
export type VisitRecord = z.infer<typeof VisitRecordSchema>;

import { z } from 'zod';
import { IsoDateSchema } from './calendar.ts';

/** Why a visit failed: the work standard's reasons (001). */
export const FAILURE_REASONS = ['closed', 'owner_away', 'emergency'] as const;

/**
 * What happened at a visit, as the manager's phone records it or a planner uploads it
 * (`--history visits.csv`: columns retailer,date,mode,outcome,reason).
 */
export const VisitRecordSchema = z
  .object({
    retailer: z.string().min(1),
    date: IsoDateSchema,
    mode: z.enum(['in_person', 'phone', 'online']),
    outcome: z.enum(['done', 'failed', 'unplanned']),
    reason: z.enum(FAILURE_REASONS).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'failed' && v.reason === undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a failed visit needs a reason' });
  });
export type VisitRecord = z.infer<typeof VisitRecordSchema>;

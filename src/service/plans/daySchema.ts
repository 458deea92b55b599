import { z } from 'zod';
import { IN_PERSON_KINDS } from '../../domain/plan.ts';

const hhmm = z.string().regex(/^\d{2}:\d{2}$/);

/** One in-person stop as the phone shows it: the shop, when, and the drive that reaches it. */
export const DayStopSchema = z.object({
  seq: z.number().int().describe('1-based position in driving order'),
  retailer: z.string(),
  name: z.string(),
  phone: z.string(),
  lon: z.number(),
  lat: z.number(),
  county: z.string(),
  township: z.string(),
  mode: z.literal('in_person'),
  kind: z.enum(IN_PERSON_KINDS).describe("what the visit is for: routine, the month's business analysis, the quarter's re-evaluation"),
  arrive: hhmm,
  start: hhmm,
  depart: hhmm,
  leg: z.object({ km: z.number(), minutes: z.number() }).describe('the drive from the previous stop (or the base)'),
});

export const DayRemoteSchema = z.object({
  retailer: z.string(),
  name: z.string(),
  phone: z.string(),
  mode: z.enum(['phone', 'online']),
});

/** `GET /v1/plans/:id/lines/:line/days/:date`: everything a manager's phone needs for the day. */
export const ManagerDaySchema = z.object({
  plan: z.string(),
  line: z.string(),
  manager: z.string(),
  date: z.string(),
  blocked: z.boolean(),
  base: z.object({ lon: z.number(), lat: z.number() }),
  leaveBase: hhmm.nullable(),
  backAtBase: hhmm.nullable(),
  lunch: hhmm.nullable(),
  stops: z.array(DayStopSchema),
  returnLeg: z.object({ km: z.number() }),
  remote: z.array(DayRemoteSchema),
  figures: z.object({
    visits: z.number().int(),
    inPersonVisits: z.number().int(),
    remoteVisits: z.number().int(),
    km: z.number(),
    ascentM: z.number(),
    litres: z.number(),
    yuan: z.number(),
    marketMinutes: z.number(),
    lateMinutes: z.number(),
    unplannedAllowed: z.number().int().describe("visits outside the plan the policy allows this day (policy share of the day's planned visits, rounded down)"),
  }),
});
export type ManagerDay = z.infer<typeof ManagerDaySchema>;

import { z } from 'zod';
import { IN_PERSON_KINDS } from '../../domain/plan.ts';

const hhmm = z.string().regex(/^\d{2}:\d{2}$/);

const lonLat = z.tuple([z.number(), z.number()]);

/** Links that open navigation to the shop in AMap (GCJ-02) and Baidu Maps (BD-09). */
const NavigationSchema = z.object({
  amap: z.object({ app: z.string().describe('amapuri://route/plan/ (the app, from where the phone is)'), web: z.string().describe('uri.amap.com/navigation (opens the app, or the web map)') }),
  baidu: z.object({ app: z.string().describe('baidumap://map/direction (the app, from where the phone is)'), web: z.string().describe('api.map.baidu.com/direction (from the previous stop)') }),
});

/** A drive: its length and time, and where roads are known its road geometry and turn-by-turn text. */
const LegSchema = z.object({
  km: z.number(),
  minutes: z.number(),
  geometry: z.array(lonLat).optional().describe('the road driven, WGS-84 [lon, lat], with OSRM; absent with the terrain model: a straight leg between the two stops'),
  instructions: z
    .array(z.object({ text: z.string(), metres: z.number().int() }))
    .describe('turn by turn in Chinese (zh-Hans) from the road engine; empty with the terrain model'),
});

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
  leg: LegSchema.describe('the drive from the previous stop (or the base)'),
  navigation: NavigationSchema,
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
  coordinateSystem: z.literal('WGS-84').describe("every lon/lat and geometry here; navigation links carry each app's own system"),
  directions: z.object({
    source: z.enum(['terrain', 'osrm']),
    roads: z.boolean().describe('false: the terrain model knows no roads, legs are straight and have no instructions'),
    note: z.string().optional(),
  }),
  base: z.object({ lon: z.number(), lat: z.number() }),
  leaveBase: hhmm.nullable(),
  backAtBase: hhmm.nullable(),
  lunch: hhmm.nullable(),
  stops: z.array(DayStopSchema),
  returnLeg: LegSchema.extend({ minutes: z.number().nullable().describe('null where the service has no travel source to ask') }).describe('the drive from the last stop back to the base'),
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

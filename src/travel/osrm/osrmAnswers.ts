import { z } from 'zod';

/** The parts of OSRM's v5 answers the planner reads; anything else is kept as it came. */
const lonLat = z.tuple([z.number(), z.number()]);
const snapped = z.object({ distance: z.number(), location: lonLat }).loose();
const row = z.custom<unknown[]>((v) => Array.isArray(v), 'expected an array');

export const TableAnswerSchema = z
  .object({
    code: z.literal('Ok'),
    // Rows only: their cells (170,000 in a big line's table) are checked as they are copied,
    // not by zod, which would walk every one of them (a tenth of a line's matrix time).
    durations: z.array(row),
    distances: z.array(row),
    sources: z.array(snapped),
    destinations: z.array(snapped),
  })
  .loose();
export type TableAnswer = z.infer<typeof TableAnswerSchema>;

const StepSchema = z
  .object({
    distance: z.number(),
    duration: z.number(),
    name: z.string(),
    mode: z.string(),
    geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(lonLat) }),
    maneuver: z.object({ type: z.string(), modifier: z.string().optional(), bearing_before: z.number(), bearing_after: z.number(), location: lonLat }).loose(),
  })
  .loose();

export const RouteAnswerSchema = z
  .object({
    code: z.literal('Ok'),
    routes: z.array(z.object({ legs: z.array(z.object({ distance: z.number(), duration: z.number(), steps: z.array(StepSchema) }).loose()) }).loose()).min(1),
    waypoints: z.array(snapped),
  })
  .loose();
export type RouteAnswer = z.infer<typeof RouteAnswerSchema>;

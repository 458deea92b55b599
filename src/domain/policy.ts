import { z } from 'zod';
import { CLASSES, FORMATS } from './retailer.ts';
import { isClockTime } from './clock.ts';
import { COORDINATE_SYSTEMS } from './coordinateSystem.ts';

/** Every policy default is stored with the one-line reason a planner reads before changing it. */
const entry = <T extends z.ZodType>(value: T) =>
  z.object({ value, reason: z.string().min(10, 'give a one-line reason') }).strict();

const clock = z.string().refine(isClockTime, 'expected a time of day HH:MM');
const perClass = <T extends z.ZodType>(v: T) => z.object({ modern1: v, modern2: v, ordinary: v, violating: v }).strict();
const hours = z.object({ opens: clock, closes: clock }).strict();
const byFormat = z.object(Object.fromEntries(FORMATS.map((f) => [f, hours])) as Record<(typeof FORMATS)[number], typeof hours>).strict();
const visitsPer4Weeks = z.number().int().min(1, 'every retailer is visited at least monthly').max(20);

/**
 * Entries added after policies were first uploaded: a policy without one gets its default,
 * reason and all, so an older upload (or a stored dataset) still reads.
 */
const later = (value: z.ZodNumber, fallback: number, reason: string) => entry(value).default({ value: fallback, reason });

/**
 * The planner's policy: what the seeds do not fix, and the seed's own rules as numbers.
 * Frequencies are visits per four-week cycle of 20 workdays (4 = weekly, 2 = fortnightly, 1 = monthly).
 */
export const PolicySchema = z
  .object({
    version: z.literal(1),
    visitsPer4WeeksByClass: entry(perClass(visitsPer4Weeks)),
    visitsPer4WeeksVulnerable: entry(visitsPer4Weeks),
    visitsPer4WeeksSupplyStopped: entry(visitsPer4Weeks),
    spacingToleranceWorkdays: entry(z.object({ weekly: z.number().int().min(0), fortnightly: z.number().int().min(0), monthly: z.number().int().min(0) }).strict()),
    inPersonMinutesByClass: entry(perClass(z.number().positive())),
    phoneMinutes: entry(z.number().positive()),
    onlineMinutes: entry(z.number().positive()),
    mustInPersonClasses: entry(z.array(z.enum(CLASSES))),
    inPersonShareMin: entry(z.number().min(0).max(1)),
    maxConsecutiveRemote: entry(z.number().int().min(0)),
    leaveBaseEarliest: entry(clock),
    firstShopBy: entry(clock),
    marketMinutesMin: entry(z.number().min(0)),
    lunch: entry(z.object({ earliest: clock, latest: clock, minutes: z.number().min(0) }).strict()),
    backAtBaseBy: entry(clock),
    maxDayMinutes: later(
      z.number().positive(),
      570,
      'At most 9.5 hours from leaving the base to coming back, lunch included: a day a person can keep (project default)',
    ),
    maxWaitMinutesPerDay: later(
      z.number().min(0),
      45,
      'At most 45 minutes a day waiting for shops to open: a shop that opens late is visited late, no one is parked outside a closed door (project default)',
    ),
    preferredRemoteMode: entry(z.enum(['phone', 'online'])).default({
      value: 'phone',
      reason: "Where a shop can be served both ways, a remote visit is by phone (the seed's own channel, 0.6 yuan a minute); 'online' makes it free and sends far more visits online (project default)",
    }),
    dayVisitsBand: later(
      z.number().min(0).max(1),
      0.4,
      "Each workday's in-person visits stay within this share either side of the line's mean, so days are evenly loaded (project default: ±40%)",
    ),
    unplannedReserveShare: entry(z.number().min(0).max(0.9)),
    openingHours: entry(byFormat),
    orderWeekdayPreferenceYuan: entry(z.number().min(0)),
    fuelPriceYuanPerLitre: entry(z.number().positive()),
    litresPer100KmByVehicle: entry(z.object({ car: z.number().positive(), motorbike: z.number().positive() }).strict()),
    litresPer100mClimbByVehicle: entry(z.object({ car: z.number().min(0), motorbike: z.number().min(0) }).strict()),
    phoneYuanPerMinute: entry(z.number().min(0)),
    speedKmhByTerrain: entry(z.object({ urban: z.number().positive(), plain: z.number().positive(), hill: z.number().positive(), mountain: z.number().positive() }).strict()),
    circuityByTerrain: entry(z.object({ plain: z.number().min(1), hill: z.number().min(1), mountain: z.number().min(1) }).strict()),
    maxRoadGrade: entry(z.number().gt(0).max(0.3)),
    penaltyYuanPerSpacingDay: entry(z.number().min(0)),
    coordinateSystem: entry(z.enum(COORDINATE_SYSTEMS)).default({
      value: 'WGS-84',
      reason: "The system the dataset's coordinates are in (WGS-84, GCJ-02 or BD-09); road engines get WGS-84, AMap GCJ-02 and Baidu BD-09, converted from it (a policy uploaded before this entry is taken as WGS-84)",
    }),
    analysisVisitMinutes: later(
      z.number().positive(),
      40,
      "Minutes in the shop for a first-batch modern terminal's monthly business-analysis visit: the routine visit's 25 plus about 15 to go through the report with the owner (project default)",
    ),
    reevaluationVisitMinutes: later(
      z.number().positive(),
      40,
      "Minutes in the shop for a second-batch retailer's quarterly re-evaluation: display, sales, rule knowledge and the rating form, in person (project default)",
    ),
    reevaluationsPerQuarter: later(
      z.number().int().min(0),
      15,
      'Seed (001): each manager re-evaluates at least 15 second-batch retailers a quarter, in person',
    ),
    visitRetentionMonths: later(
      z.number().int().min(3, 'the work standard keeps visit records at least 3 months'),
      3,
      'Seed (001): records of visits are kept at least 3 months',
    ),
    auditSampleShare: later(
      z.number().min(0.02, "the work standard's auditors sample at least 2%").max(1),
      0.02,
      "Seed (001): auditors sample at least 2% of each manager's visits every month",
    ),
  })
  .strict();

export type Policy = z.infer<typeof PolicySchema>;

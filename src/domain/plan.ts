import { z } from 'zod';

const hhmm = z.string().regex(/^\d{2}:\d{2}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const VISIT_MODES = ['in_person', 'phone', 'online'] as const;
export type VisitMode = (typeof VISIT_MODES)[number];

/**
 * What an in-person visit is for (DOMAIN: the work standard's duties): a routine visit, a
 * first-batch modern terminal's monthly business analysis, or a second-batch retailer's
 * quarterly re-evaluation. Each takes its own policy duration.
 */
export const IN_PERSON_KINDS = ['routine', 'analysis', 'reevaluation'] as const;
export type InPersonKind = (typeof IN_PERSON_KINDS)[number];
/** A visit's kind as exports and the phone show it: an in-person kind, or the remote mode. */
export type VisitKind = InPersonKind | 'phone' | 'online';

/** An in-person visit in driving order; the leg is the drive that reaches it. */
export const PlannedStopSchema = z.object({
  retailer: z.string(),
  arrive: hhmm,
  start: hhmm,
  depart: hhmm,
  legKm: z.number(),
  legMinutes: z.number(),
  /** Absent in plans made before visits had kinds: routine. */
  kind: z.enum(IN_PERSON_KINDS).optional(),
});

export const RemoteVisitSchema = z.object({ retailer: z.string(), mode: z.enum(['phone', 'online']) });

export const PlannedDaySchema = z.object({
  date: isoDate,
  /** True when the line is blocked that day (meeting, training): no visits. */
  blocked: z.boolean(),
  leaveBase: hhmm.nullable(),
  backAtBase: hhmm.nullable(),
  lunch: hhmm.nullable(),
  stops: z.array(PlannedStopSchema),
  remote: z.array(RemoteVisitSchema),
  /** The drive home from the last stop. */
  returnKm: z.number(),
  km: z.number(),
  ascentM: z.number(),
  litres: z.number(),
  yuan: z.number(),
  marketMinutes: z.number(),
  /** Part of the market minutes kept free after the last visit, filling a light day to the minimum. */
  freeMarketMinutes: z.number(),
  /**
   * Minutes spent waiting for shops to open (lunch taken in a wait not counted), beyond the
   * market hours a light day must fill anyway (that time is spent in the market).
   */
  waitMinutes: z.number(),
  /** Minutes past closing summed over the stops; first shop after 08:30; back after 17:30. */
  lateMinutes: z.number(),
  firstShopLateMinutes: z.number(),
  backLateMinutes: z.number(),
});

const range = z.object({ min: z.number(), mean: z.number(), max: z.number() });

/** The figures of a plan, a line's or the city's; the baseline has the same shape. */
export const PlanFiguresSchema = z.object({
  workdays: z.number(),
  yuan: z.number(),
  fuelYuan: z.number(),
  phoneYuan: z.number(),
  km: z.number(),
  litres: z.number(),
  ascentM: z.number(),
  visits: z.number(),
  inPersonVisits: z.number(),
  remoteVisits: z.number(),
  inPersonShare: z.number(),
  /** Visits of every mode per workday. */
  visitsPerDay: z.number(),
  /** In-person visits per workday, every workday counted (an empty one as 0). */
  inPersonPerDay: range,
  /** Market hours per workday, every workday counted (an empty one as 0). */
  marketHoursPerDay: range,
  /** Hours from leaving the base to coming back, over the days that drive. */
  dayHours: range,
  /** Minutes waiting for shops to open per workday: mean and the worst day. */
  waitMinutesPerDay: z.object({ mean: z.number(), max: z.number() }),
  /** Mean workdays a visit strays from its ideal day. */
  spacingErrorDays: z.number(),
  /** Hours between the longest and the shortest workday of a line (an empty one as 0), averaged over lines. */
  dayImbalanceHours: z.number(),
  lateMinutes: z.number(),
  /** Days breaking a rule of the working day, each rule counted apart; a workday may break several. */
  emptyWorkdays: z.number(),
  earlyLeaveDays: z.number(),
  firstShopLateDays: z.number(),
  backLateDays: z.number(),
  /** Workdays under the market minimum, empty ones included. */
  shortMarketDays: z.number(),
  longDays: z.number(),
  longWaitDays: z.number(),
  /** Workdays whose in-person visits fall outside the band around the line's mean. */
  unbalancedDays: z.number(),
  notPlaced: z.number(),
});
export type PlanFigures = z.infer<typeof PlanFiguresSchema>;

/** A month the plan has workdays in: its first-batch retailers' analysis visits. */
export const MonthAnalysisSchema = z.object({
  month: z.string().describe('YYYY-MM'),
  /** First-batch modern terminals of the line. */
  retailers: z.number(),
  /** Of them, with the month's analysis recorded before the plan's first day. */
  doneBefore: z.number(),
  /** With the month's analysis in this plan. */
  planned: z.number(),
  /**
   * With no analysis in the month, neither recorded before the plan nor in it: where the plan
   * holds fewer of the month's workdays than a retailer's visit interval, its analysis is left
   * to the plans around it, and it counts here.
   */
  missing: z.number(),
  /** True when every workday of the month from its first lies in the plan: the month's analyses are all known. */
  wholeMonth: z.boolean(),
});

/** A quarter the plan has workdays in: its second-batch retailers' re-evaluations. */
export const QuarterReevaluationSchema = z.object({
  quarter: z.string().describe('YYYY-Qn'),
  /** The policy's count for the quarter. */
  target: z.number(),
  /** The quarter's share due by the plan's last workday in it (target × workdays elapsed / workdays of the quarter, rounded up). */
  dueByPlanEnd: z.number(),
  /** Re-evaluations recorded in the quarter before the plan's first day. */
  doneBefore: z.number(),
  planned: z.number(),
  /** Second-batch retailers on the line (the count cannot exceed them). */
  eligible: z.number(),
  /** doneBefore + planned reaches dueByPlanEnd (or every eligible retailer). */
  onCourse: z.boolean(),
  /** Workdays of the quarter, and of them up to the plan's last workday in it. */
  quarterWorkdays: z.number(),
  elapsedWorkdays: z.number(),
});

export const LineDutiesSchema = z.object({
  analysis: z.array(MonthAnalysisSchema),
  reevaluation: z.array(QuarterReevaluationSchema),
});
export type LineDuties = z.infer<typeof LineDutiesSchema>;
export type MonthAnalysis = z.infer<typeof MonthAnalysisSchema>;
export type QuarterReevaluation = z.infer<typeof QuarterReevaluationSchema>;

export const LinePlanSchema = z.object({
  line: z.string(),
  manager: z.string(),
  figures: PlanFiguresSchema,
  baseline: PlanFiguresSchema,
  /** Visits that could not be placed, each with why. */
  notPlaced: z.array(z.object({ retailer: z.string(), reason: z.string() })),
  days: z.array(PlannedDaySchema),
  /** Set when the line's solve failed; then `days` is empty. */
  error: z.string().optional(),
  /** Rules no plan of this line can keep, with by how much and why (the figures count the days that break them). */
  warnings: z.array(z.string()).optional(),
  /** The work standard's other duties over the horizon; absent in plans made before them. */
  duties: LineDutiesSchema.optional(),
});
export type LinePlan = z.infer<typeof LinePlanSchema>;

/** The duties over the city: each month's analysis visits and each quarter's re-evaluations, summed over the lines that planned. */
export const CityDutiesSchema = z.object({
  analysis: z.array(MonthAnalysisSchema.omit({ wholeMonth: true })),
  reevaluation: z.array(z.object({ quarter: z.string(), lines: z.number(), linesOnCourse: z.number(), dueByPlanEnd: z.number(), doneBefore: z.number(), planned: z.number() })),
});
export type CityDuties = z.infer<typeof CityDutiesSchema>;

export const PlanSchema = z.object({
  start: isoDate,
  weeks: z.number().int().min(1).max(4),
  seed: z.number().int(),
  figures: PlanFiguresSchema,
  baseline: PlanFiguresSchema,
  /** Plan over baseline: all yuan (fuel and phone), fuel yuan, km, litres. */
  ratios: z.object({ yuan: z.number(), fuelYuan: z.number(), km: z.number(), litres: z.number() }),
  lines: z.array(LinePlanSchema),
  duties: CityDutiesSchema.optional(),
});
export type Plan = z.infer<typeof PlanSchema>;
export type PlannedDay = z.infer<typeof PlannedDaySchema>;
export type PlannedStop = z.infer<typeof PlannedStopSchema>;

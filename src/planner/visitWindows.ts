/**
 * When a retailer's visits fall due in a horizon of `days` workdays.
 *
 * A retailer due `perFourWeeks` visits every 20 workdays has an ideal interval of
 * 20 / perFourWeeks workdays (weekly 5, fortnightly 10, monthly 20). From its last visit
 * (a workday offset, negative = before the horizon) each next visit is ideally one interval
 * later and may move `tolerance` workdays either way, but never more than 20 workdays after
 * the previous visit (every retailer at least once in any four weeks). A visit already
 * overdue is due at once.
 */
export interface VisitWindow {
  /** The ideal workday index, possibly fractional. */
  readonly ideal: number;
  /** Earliest and latest workday index, inclusive, within the horizon. */
  readonly earliest: number;
  readonly latest: number;
}

/** The longest gap allowed between two visits of one retailer, in workdays (four weeks). */
export const MAX_GAP_WORKDAYS = 20;

export function intervalOf(perFourWeeks: number): number {
  return MAX_GAP_WORKDAYS / perFourWeeks;
}

/** Windows of the visits due, given the last visit's workday offset (< 0). */
export function windowsAfter(lastVisit: number, perFourWeeks: number, tolerance: number, days: number): VisitWindow[] {
  const interval = intervalOf(perFourWeeks);
  const out: VisitWindow[] = [];
  let previousIdeal = lastVisit;
  for (;;) {
    const ideal = previousIdeal + interval;
    if (ideal > days - 1) break;
    if (ideal < 0) {
      // Overdue: due at once; the following visits count from this one.
      out.push({ ideal: 0, earliest: 0, latest: Math.min(days - 1, tolerance) });
      previousIdeal = 0;
      continue;
    }
    const latestByGap = (out.length === 0 ? lastVisit : out[out.length - 1].latest) + MAX_GAP_WORKDAYS;
    out.push({
      ideal,
      earliest: Math.max(0, Math.ceil(ideal - tolerance)),
      latest: Math.min(days - 1, Math.floor(ideal + tolerance), Math.floor(latestByGap)),
    });
    previousIdeal = ideal;
  }
  return out;
}

/**
 * With no history, a four-week horizon: the number of visits due is the frequency scaled to
 * the horizon's workdays, and the phase is free (the optimiser picks it).
 */
export function visitsInFreeHorizon(perFourWeeks: number, days: number): number {
  return Math.max(1, Math.round((perFourWeeks * days) / MAX_GAP_WORKDAYS));
}

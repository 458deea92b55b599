/**
 * Where a date sits in a plan's horizon, so that plans of different weeks can be compared
 * day by day. Dates are ISO (YYYY-MM-DD) counted in UTC: no time zone moves a day.
 */
const DAY_MS = 86_400_000;
const time = (date: string) => Date.parse(`${date}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** 0 for Monday to 6 for Sunday. */
export function weekday(date: string): number {
  return (new Date(time(date)).getUTCDay() + 6) % 7;
}

/** The Monday of a date's week. */
export function mondayOf(date: string): string {
  return iso(time(date) - weekday(date) * DAY_MS);
}

/**
 * A day's place in a horizon: days from the Monday of the horizon's first week, so the
 * first week's Tuesday is 1 and the second week's Tuesday 8, whichever day the horizon starts.
 */
export function placeInHorizon(date: string, firstDay: string): number {
  return Math.round((time(date) - time(mondayOf(firstDay))) / DAY_MS);
}

/** The date at a place of a horizon (placeInHorizon's inverse). */
export function dateAtPlace(place: number, firstDay: string): string {
  return iso(time(mondayOf(firstDay)) + place * DAY_MS);
}

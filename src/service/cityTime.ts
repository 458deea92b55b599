/**
 * Dates as the city lives them: a visit's day, "today", are local dates in the city's time
 * zone (TIME_ZONE), whatever zone the machine runs in or a phone writes its times in.
 */

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date | number, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Today in the city. */
export function today(timeZone: string, now = Date.now()): string {
  return localDate(now, timeZone);
}

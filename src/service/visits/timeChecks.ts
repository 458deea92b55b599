import { localDate } from '../cityTime.ts';
import type { Issue } from '../errors.ts';

/** A phone's clock may run a little ahead of the service's. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * What a visit record's times must agree with: it is recorded on or after the day it
 * happened (no future days), it starts on its own day in the city's time zone, and
 * neither start nor end lies in the future. Each disagreement is an issue naming the
 * field; the schema already checked the formats and that the end is not before the start.
 */
export function visitTimeIssues(v: { date: string; startedAt: string; endedAt?: string | undefined }, now: number, timeZone: string): Issue[] {
  const issues: Issue[] = [];
  const today = localDate(now, timeZone);
  if (v.date > today) issues.push({ in: 'body', path: 'date', message: `${v.date} is after today (${today} in ${timeZone}): a visit is recorded once it happened` });
  const started = Date.parse(v.startedAt);
  const startDay = localDate(started, timeZone);
  if (startDay !== v.date) issues.push({ in: 'body', path: 'startedAt', message: `starts on ${startDay} (${timeZone}), not on the visit's date ${v.date}` });
  if (started > now + CLOCK_SKEW_MS) issues.push({ in: 'body', path: 'startedAt', message: 'is in the future' });
  if (v.endedAt !== undefined && Date.parse(v.endedAt) > now + CLOCK_SKEW_MS) issues.push({ in: 'body', path: 'endedAt', message: 'is in the future' });
  return issues;
}

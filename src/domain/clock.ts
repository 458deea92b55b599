/** Minutes after local midnight, the unit of every time of day inside the planner. */
export type MinuteOfDay = number;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a 24-hour `HH:MM` time of day. */
export function isClockTime(text: string): boolean {
  return HHMM.test(text);
}

/** `"08:30"` → 510. Throws on anything but a 24-hour `HH:MM`. */
export function parseClock(text: string): MinuteOfDay {
  const m = HHMM.exec(text);
  if (!m) throw new Error(`not a time of day HH:MM: ${JSON.stringify(text)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 510 → `"08:30"`; fractional minutes round to the nearest minute. */
export function formatClock(minutes: MinuteOfDay): string {
  const total = Math.round(minutes);
  const h = Math.floor(total / 60);
  const m = total - h * 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

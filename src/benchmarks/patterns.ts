/**
 * Cordeau codes a visit pattern as a t-bit number whose leftmost bit is day 1
 * (t = 4: 8 = day 1, 1 = day 4). Inside the project a pattern is a day bitmask with
 * bit d = day d + 1, so day numbers do not depend on the horizon length.
 */

/** Cordeau's code → day bitmask (bit order reversed over `days` bits). */
export function patternFromCordeau(code: number, days: number): number {
  let mask = 0;
  for (let d = 0; d < days; d++) {
    if (code & (1 << (days - 1 - d))) mask |= 1 << d;
  }
  return mask;
}

/** Number of days in a bitmask. */
export function countDays(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

/** Days (1-based) of a bitmask, ascending: 0b101 → [1, 3]. */
export function daysOf(mask: number): number[] {
  const days: number[] = [];
  for (let d = 0; mask >> d !== 0; d++) if (mask & (1 << d)) days.push(d + 1);
  return days;
}

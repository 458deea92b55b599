/**
 * Today's practice for forming days: a manager splits the line into five weekday sectors
 * around the base (a "Monday road", a "Tuesday road", …) and visits each sector on its
 * weekday, every week for weekly shops, every other week or once a month for the rest.
 *
 * Sectors are contiguous in angle around the base, cut where the line's shops leave the
 * widest angular gap, and balanced by visits per day. Within a sector, fortnightly shops
 * split into two angular halves (weeks 1+3 and 2+4), monthly ones into four quarters.
 *
 * Returns, for each of the 20 workdays (week-major: day = week * 5 + weekday), the indices
 * of the shops visited that day.
 */
export function sweepDays(angles: ArrayLike<number>, visitsPer4Weeks: ArrayLike<number>): number[][] {
  const n = angles.length;
  const days: number[][] = Array.from({ length: 20 }, () => []);
  if (n === 0) return days;
  const order = sweepOrder(angles);
  // Cut the sweep into 5 sectors of equal visit load.
  let total = 0;
  for (let i = 0; i < n; i++) total += visitsPer4Weeks[i];
  const sector = new Int32Array(n);
  let acc = 0;
  for (const i of order) {
    sector[i] = Math.min(4, Math.floor(((acc + visitsPer4Weeks[i] / 2) / total) * 5));
    acc += visitsPer4Weeks[i];
  }
  for (let w = 0; w < 5; w++) {
    const members = order.filter((i) => sector[i] === w);
    // Group by frequency; each group splits into week slots in sweep order.
    const byFreq = new Map<number, number[]>();
    for (const i of members) {
      const f = visitsPer4Weeks[i];
      const g = byFreq.get(f);
      if (g) g.push(i);
      else byFreq.set(f, [i]);
    }
    for (const [f, group] of byFreq) {
      const slots = Math.max(1, Math.round(4 / f));
      group.forEach((i, rank) => {
        const slot = Math.floor((rank * slots) / group.length);
        for (let k = 0; k < f; k++) {
          const day = (w + 5 * slot + Math.round((20 * k) / f)) % 20;
          days[day].push(i);
        }
      });
    }
  }
  return days;
}

/** Indices sorted by angle, starting just after the widest gap between neighbouring angles. */
function sweepOrder(angles: ArrayLike<number>): number[] {
  const order = Array.from({ length: angles.length }, (_, i) => i).sort((a, b) => angles[a] - angles[b] || a - b);
  let widest = 0;
  let start = 0;
  for (let k = 0; k < order.length; k++) {
    const next = k + 1 < order.length ? angles[order[k + 1]] : angles[order[0]] + 2 * Math.PI;
    const gap = next - angles[order[k]];
    if (gap > widest) {
      widest = gap;
      start = (k + 1) % order.length;
    }
  }
  return order.slice(start).concat(order.slice(0, start));
}

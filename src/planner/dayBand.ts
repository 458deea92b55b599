/**
 * Whether a day's in-person visits break the band around the line's mean over its workdays
 * (the policy's ±40% by default); a workday with none breaks it whenever the line has visits.
 */
export function outsideBand(visits: number, mean: number, share: number): boolean {
  const eps = 1e-9;
  return visits < mean * (1 - share) - eps || visits > mean * (1 + share) + eps || (mean > 0 && visits === 0);
}

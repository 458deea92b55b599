/** "08:30" → 510 minutes after midnight. */
export function parseHhmm(t: string): number {
  const [h, m] = t.split(':').map(Number);
  return h * 60 + m;
}

import { Random } from '../solver/random.ts';

/**
 * One independent random stream per generation step, derived from the demo seed and the
 * step's name: changing how one step draws never shifts the numbers of another.
 */
export function rngFor(seed: number, step: string): Random {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < step.length; i++) h = Math.imul(h ^ step.charCodeAt(i), 0x01000193);
  return new Random(h >>> 0);
}

/** Standard normal deviate (Box–Muller). */
export function gaussian(rng: Random): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * Chooses exactly `n` of the candidates, each with probability growing with its weight
 * (Efraimidis–Spirakis keys), and returns their indices. Zero weights are never chosen
 * unless fewer than `n` candidates have a positive weight; then it throws.
 */
export function pickWeighted(rng: Random, candidates: readonly number[], weight: (i: number) => number, n: number): number[] {
  const keyed: { i: number; key: number }[] = [];
  for (const i of candidates) {
    const w = weight(i);
    const u = 1 - rng.next();
    if (w > 0) keyed.push({ i, key: Math.log(u) / w });
  }
  if (keyed.length < n) throw new Error(`pickWeighted: ${n} wanted, only ${keyed.length} eligible`);
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  return keyed.slice(0, n).map((k) => k.i);
}

/** Splits `total` into integers proportional to `weights` (largest remainder, ties to the lower index). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) out[order[k].i]++;
  return out;
}

/**
 * Seeded smooth noise on the plane: value noise (a hashed lattice of random heights,
 * quintic interpolation) summed over octaves. Hashing the lattice instead of storing it
 * keeps the field defined everywhere at no memory cost.
 */

function latticeValue(seed: number, octave: number, ix: number, iy: number): number {
  let h = Math.imul(ix, 0x27d4eb2d) ^ Math.imul(iy, 0x165667b1) ^ Math.imul(seed + octave, 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const fade = (t: number): number => t * t * t * (t * (t * 6 - 15) + 10);

/** Value noise in [0, 1) at (x, y) in lattice units. */
function valueNoise(seed: number, octave: number, x: number, y: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = fade(x - ix);
  const fy = fade(y - iy);
  const a = latticeValue(seed, octave, ix, iy);
  const b = latticeValue(seed, octave, ix + 1, iy);
  const c = latticeValue(seed, octave, ix, iy + 1);
  const d = latticeValue(seed, octave, ix + 1, iy + 1);
  return (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy;
}

export interface Octave {
  readonly wavelengthKm: number;
  readonly amplitude: number;
}

/** Sum of octaves at a point given in km, centred on 0 (each octave contributes ±amplitude/2). */
export function fractalNoise(seed: number, octaves: readonly Octave[], xKm: number, yKm: number): number {
  let sum = 0;
  for (let o = 0; o < octaves.length; o++) {
    const { wavelengthKm, amplitude } = octaves[o];
    sum += amplitude * (valueNoise(seed, o, xKm / wavelengthKm, yKm / wavelengthKm) - 0.5);
  }
  return sum;
}

import type { Policy } from '../domain/policy.ts';
import type { Vehicle } from '../domain/line.ts';

/**
 * Fuel of a drive: a flat rate per km plus the work of climbing.
 * Lifting mass m by h metres takes m·g·h joules; petrol holds about 32 MJ per litre and an
 * engine turns 25-30% of it into work, so a 1.5 t car spends about 0.15 L per 100 m climbed.
 * Descending gives little back (brakes, engine braking), so only ascent counts.
 */
export interface FuelRates {
  readonly litresPerKm: number;
  readonly litresPerMetreClimbed: number;
  readonly yuanPerLitre: number;
}

export function fuelRates(policy: Policy, vehicle: Vehicle, litresPer100Km?: number): FuelRates {
  return {
    litresPerKm: (litresPer100Km ?? policy.litresPer100KmByVehicle.value[vehicle]) / 100,
    litresPerMetreClimbed: policy.litresPer100mClimbByVehicle.value[vehicle] / 100,
    yuanPerLitre: policy.fuelPriceYuanPerLitre.value,
  };
}

export function litres(rates: FuelRates, metres: number, ascentM: number): number {
  return (metres / 1000) * rates.litresPerKm + ascentM * rates.litresPerMetreClimbed;
}

export function yuan(rates: FuelRates, metres: number, ascentM: number): number {
  return litres(rates, metres, ascentM) * rates.yuanPerLitre;
}

/** The cost matrix in yuan, row-major, for the solver. */
export function yuanMatrix(rates: FuelRates, metres: Float64Array, ascentM: Float64Array): Float64Array {
  const out = new Float64Array(metres.length);
  const perMetre = (rates.litresPerKm / 1000) * rates.yuanPerLitre;
  const perClimb = rates.litresPerMetreClimbed * rates.yuanPerLitre;
  for (let k = 0; k < out.length; k++) out[k] = metres[k] * perMetre + ascentM[k] * perClimb;
  return out;
}

import type { Line } from '../domain/line.ts';
import type { Policy } from '../domain/policy.ts';
import type { Retailer } from '../domain/retailer.ts';
import { visitMinutes, visitsPer4Weeks } from '../domain/visitRules.ts';
import { fuelRates, litres } from '../travel/fuel.ts';
import type { TravelMatrix } from '../travel/travelSource.ts';
import { nearestNeighbourTour } from './nearestNeighbourTour.ts';
import { sweepDays } from './sweepDays.ts';

export interface PracticeDay {
  /** Indices into the line's retailers, in driving order. */
  readonly stops: number[];
  readonly metres: number;
  readonly ascentM: number;
  readonly litres: number;
  readonly driveMinutes: number;
  readonly visitMinutes: number;
}

export interface PracticeLine {
  readonly line: string;
  readonly days: PracticeDay[];
  readonly visits: number;
  readonly metres: number;
  readonly litres: number;
  readonly yuan: number;
}

/**
 * Today's practice on one line over a four-week cycle (20 workdays): every retailer visited in
 * person at its policy frequency, days formed by the weekday sweep around the base, each day
 * driven as a nearest-neighbour tour from the base and back. `matrix` covers [base, ...retailers].
 */
export function todaysPractice(line: Line, retailers: readonly Retailer[], matrix: TravelMatrix, policy: Policy): PracticeLine {
  const cosLat = Math.cos((line.baseLat * Math.PI) / 180);
  const angles = retailers.map((r) => Math.atan2(r.lat - line.baseLat, (r.lon - line.baseLon) * cosLat));
  const freq = retailers.map((r) => visitsPer4Weeks(r, policy));
  const rates = fuelRates(policy, line.vehicle, line.litresPer100Km);
  const n = matrix.size;
  const days = sweepDays(angles, freq).map((visit): PracticeDay => {
    const tour = nearestNeighbourTour(matrix.metres, n, 0, visit.map((i) => i + 1));
    let metres = 0;
    let ascentM = 0;
    let seconds = 0;
    let at = 0;
    for (const to of [...tour, 0]) {
      metres += matrix.metres[at * n + to];
      ascentM += matrix.ascentM[at * n + to];
      seconds += matrix.seconds[at * n + to];
      at = to;
    }
    const stops = tour.map((p) => p - 1);
    const minutes = stops.reduce((sum, i) => sum + visitMinutes(retailers[i], 'in_person', policy), 0);
    return { stops, metres, ascentM, litres: litres(rates, metres, ascentM), driveMinutes: seconds / 60, visitMinutes: minutes };
  });
  const total = days.reduce((s, d) => ({ metres: s.metres + d.metres, litres: s.litres + d.litres, visits: s.visits + d.stops.length }), {
    metres: 0,
    litres: 0,
    visits: 0,
  });
  return { line: line.line, days, visits: total.visits, metres: total.metres, litres: total.litres, yuan: total.litres * rates.yuanPerLitre };
}

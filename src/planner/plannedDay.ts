import { formatClock } from '../domain/clock.ts';
import type { Policy } from '../domain/policy.ts';
import type { InPersonKind, PlannedDay, PlannedStop } from '../domain/plan.ts';
import type { Retailer } from '../domain/retailer.ts';
import { inPersonMinutes } from '../domain/visitRules.ts';
import { litres, type FuelRates } from '../travel/fuel.ts';
import type { TravelMatrix } from '../travel/travelSource.ts';
import { timetable } from './timetable.ts';

/** A day's drive over a matrix whose location 0 is the base and i + 1 is `shops[i]`. */
export interface DayContext {
  readonly shops: readonly Retailer[];
  readonly matrix: TravelMatrix;
  readonly rates: FuelRates;
  readonly policy: Policy;
}

/**
 * One day of a plan: the stops timed, the legs measured, the fuel priced. `kindOf` says what
 * each in-person visit (by shop index) is for, and so how long it takes; default routine.
 */
export function plannedDay(
  ctx: DayContext,
  date: string,
  blocked: boolean,
  order: readonly number[],
  remote: PlannedDay['remote'],
  kindOf: (shop: number) => InPersonKind = () => 'routine',
): PlannedDay {
  const { matrix, shops, policy } = ctx;
  const n = matrix.size;
  const minutes = (a: number, b: number) => matrix.seconds[a * n + b] / 60;
  const tt = timetable(
    order,
    shops.map((r, i) => ({ opensMin: r.opensMin, closesMin: r.closesMin, visitMinutes: inPersonMinutes(r, kindOf(i), policy) })),
    minutes,
    policy,
  );
  let metres = 0;
  let ascentM = 0;
  let at = 0;
  const stops = order.map((i, k): PlannedStop => {
    const leg = at * n + i + 1;
    metres += matrix.metres[leg];
    ascentM += matrix.ascentM[leg];
    at = i + 1;
    const t = tt.stops[k];
    const kind = kindOf(i);
    return {
      retailer: shops[i].id,
      arrive: formatClock(t.arrive),
      start: formatClock(t.start),
      depart: formatClock(t.depart),
      legKm: round(matrix.metres[leg] / 1000, 2),
      legMinutes: round(matrix.seconds[leg] / 60, 1),
      // Routine is the default a plan leaves out.
      ...(kind === 'routine' ? {} : { kind }),
    };
  });
  const returnM = order.length > 0 ? matrix.metres[at * n] : 0;
  metres += returnM;
  ascentM += order.length > 0 ? matrix.ascentM[at * n] : 0;
  const fuel = litres(ctx.rates, metres, ascentM);
  const driving = order.length > 0;
  return {
    date,
    blocked,
    leaveBase: driving ? formatClock(tt.leaveBase) : null,
    backAtBase: driving ? formatClock(tt.backAtBase) : null,
    lunch: tt.lunchStart === null ? null : formatClock(tt.lunchStart),
    stops,
    remote,
    returnKm: round(returnM / 1000, 2),
    km: metres / 1000,
    ascentM,
    litres: fuel,
    yuan: fuel * ctx.rates.yuanPerLitre,
    marketMinutes: tt.marketMinutes,
    freeMarketMinutes: tt.freeMarketMinutes,
    waitMinutes: tt.waitMinutes,
    lateMinutes: tt.lateMinutes,
    firstShopLateMinutes: tt.firstShopLateMinutes,
    backLateMinutes: tt.backLateMinutes,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

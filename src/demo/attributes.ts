import type { Format, Ordering, RetailerClass } from '../domain/retailer.ts';
import type { Random } from '../solver/random.ts';
import { MOUNTAIN_FROM_M, PLAIN_BELOW_M } from '../travel/terrainGrid.ts';
import type { Places } from './places.ts';
import { pickWeighted } from './rng.ts';
import type { ShopSite } from './shops.ts';

/** Seed (000): shops of each business format, city-wide. */
export const FORMAT_COUNTS: Record<Format, number> = {
  grocery: 19483,
  tobacco_liquor: 3313,
  convenience: 1603,
  supermarket: 1003,
  entertainment: 538,
  other: 424,
  mall: 36,
};
/**
 * Urban shops of each format (project default). Malls and supermarkets stand only in
 * towns (seed 002); convenience stores, tobacco-and-liquor shops and venues mostly do;
 * groceries take the rest of the 9,493 urban shops.
 */
const URBAN_FORMAT_COUNTS: Record<Exclude<Format, 'grocery'>, number> = {
  mall: 36,
  supermarket: 1003,
  convenience: 1200,
  tobacco_liquor: 1900,
  entertainment: 380,
  other: 250,
};
/** Seed (000): ordering channels; `other` (counter, sales rep) takes the rest. */
export const ORDERING_COUNTS: Record<Ordering, number> = {
  computer: 19848,
  phone: 3156,
  mobile: 726,
  other: 2670,
};
/**
 * Class and flag counts (project defaults; the seed names the classes, not their shares):
 * first-batch modern terminals 4%, second-batch 12%, violating 2%, a quarter of those
 * supply-stopped; must-see-in-person 5%; vulnerable 3%; no phone on record 3%.
 */
export const CLASS_COUNTS = { modern1: 1056, modern2: 3168, violating: 528 } as const;
export const SUPPLY_STOPPED = 132;
export const MUST_IN_PERSON = 1320;
export const VULNERABLE = 792;
export const NO_PHONE = 792;

export interface ShopAttributes {
  readonly format: Format;
  readonly klass: RetailerClass;
  readonly supplyStopped: boolean;
  readonly mustInPerson: boolean;
  readonly vulnerable: boolean;
  readonly ordering: Ordering;
  readonly hasPhone: boolean;
}

/** 0 on the plain, 1 in the hills, 2 in the mountains. */
const relief = (s: ShopSite): number => (s.heightM < PLAIN_BELOW_M ? 0 : s.heightM < MOUNTAIN_FROM_M ? 1 : 2);

/**
 * Draws every attribute with exact city-wide counts, each by weights that say where it is
 * likelier: malls at the heart of the seats, modern terminals among big formats, the
 * vulnerable and the offline in mountain villages.
 */
export function drawAttributes(rng: Random, shops: readonly ShopSite[], places: Places): ShopAttributes[] {
  const n = shops.length;
  const all = [...shops.keys()];
  const urban = (i: number): boolean => shops[i].site !== 'village';
  const format: Format[] = new Array(n).fill('grocery');
  const free = (i: number): boolean => format[i] === 'grocery';
  const seatCentre = (i: number): number => {
    const s = shops[i];
    const town = places.townships[s.township];
    return s.site === 'seat' ? 1 : s.site === 'town' && town.kind !== 'township' ? 0.25 : 0.05;
  };
  const formatWeights: Record<Exclude<Format, 'grocery'>, (i: number, u: boolean) => number> = {
    mall: (i, u) => (u && shops[i].site === 'seat' ? 1 : 0),
    supermarket: (i, u) => (u ? 0.5 + seatCentre(i) : 0),
    convenience: (i, u) => (u ? 1 + seatCentre(i) : places.villages[shops[i].village].community ? 2 : 1),
    tobacco_liquor: () => 1,
    entertainment: (i, u) => (u ? 1 : 1 + relief(shops[i])), // farm-stay restaurants in the hills
    other: () => 1,
  };
  for (const f of ['mall', 'supermarket', 'convenience', 'entertainment', 'other', 'tobacco_liquor'] as const) {
    const inTown = URBAN_FORMAT_COUNTS[f];
    const inCountry = FORMAT_COUNTS[f] - inTown;
    for (const [u, count] of [[true, inTown], [false, inCountry]] as const) {
      if (count === 0) continue;
      const pool = all.filter((i) => urban(i) === u && free(i));
      for (const i of pickWeighted(rng, pool, (j) => formatWeights[f](j, u), count)) format[i] = f;
    }
  }

  const klass: RetailerClass[] = new Array(n).fill('ordinary');
  const ordinary = (): number[] => all.filter((i) => klass[i] === 'ordinary');
  const modern1: Record<Format, number> = { mall: 1000, supermarket: 30, convenience: 8, tobacco_liquor: 1, entertainment: 0.5, other: 0.2, grocery: 0.05 };
  for (const i of pickWeighted(rng, all, (i) => modern1[format[i]] * (urban(i) ? 1 : 0.3), CLASS_COUNTS.modern1)) klass[i] = 'modern1';
  const modern2: Record<Format, number> = { mall: 10, supermarket: 10, convenience: 8, tobacco_liquor: 6, entertainment: 1.5, other: 0.5, grocery: 1 };
  // "Bigger groceries": those in towns and village communities rather than hamlets.
  const bigger = (i: number): number => (urban(i) ? 1.5 : places.villages[shops[i].village].community ? 1 : 0.35);
  for (const i of pickWeighted(rng, ordinary(), (i) => modern2[format[i]] * bigger(i), CLASS_COUNTS.modern2)) klass[i] = 'modern2';
  for (const i of pickWeighted(rng, ordinary(), (i) => (format[i] === 'tobacco_liquor' ? 2 : 1), CLASS_COUNTS.violating)) klass[i] = 'violating';
  const violating = all.filter((i) => klass[i] === 'violating');
  const stopped = new Set(pickWeighted(rng, violating, () => 1, SUPPLY_STOPPED));
  const mustSee = new Set(pickWeighted(rng, all, (i) => (klass[i] === 'violating' ? 3 : 1), MUST_IN_PERSON));
  const vulnerable = new Set(pickWeighted(rng, all, (i) => (urban(i) ? 0.3 : 1 + relief(shops[i])), VULNERABLE));

  const ordering: Ordering[] = new Array(n).fill('computer');
  const orderingWeights: Record<'other' | 'phone' | 'mobile', (i: number) => number> = {
    other: (i) => (urban(i) ? 0.3 : 1 + relief(shops[i])) * (vulnerable.has(i) ? 3 : 1),
    phone: (i) => (urban(i) ? 0.5 : 1.5) * (vulnerable.has(i) ? 3 : 1),
    mobile: (i) => (urban(i) ? 2 : 0.5) * (format[i] === 'convenience' ? 3 : 1),
  };
  for (const o of ['other', 'phone', 'mobile'] as const) {
    const pool = all.filter((i) => ordering[i] === 'computer' && format[i] !== 'mall');
    for (const i of pickWeighted(rng, pool, orderingWeights[o], ORDERING_COUNTS[o])) ordering[i] = o;
  }
  // Shops that order by phone or mobile have a number by definition; malls have a switchboard.
  const phoneless = (i: number): number =>
    ordering[i] === 'phone' || ordering[i] === 'mobile' || format[i] === 'mall' ? 0 : (urban(i) ? 0.5 : 4) * (vulnerable.has(i) ? 3 : 1);
  const noPhone = new Set(pickWeighted(rng, all, phoneless, NO_PHONE));

  return all.map((i) => ({
    format: format[i],
    klass: klass[i],
    supplyStopped: stopped.has(i),
    mustInPerson: mustSee.has(i),
    vulnerable: vulnerable.has(i),
    ordering: ordering[i],
    hasPhone: !noPhone.has(i),
  }));
}

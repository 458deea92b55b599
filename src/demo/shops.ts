import type { Random } from '../solver/random.ts';
import { heightAt } from '../travel/terrainGrid.ts';
import { type Geography, type LonLat, distanceKm, inCounty, offsetKm, roundPoint } from './geo.ts';
import type { Places } from './places.ts';
import { apportion, gaussian } from './rng.ts';
import type { DemoTerrain } from './terrain.ts';

/** Seed (000): urban and rural licensed retailers. */
export const URBAN_SHOPS = 9493;
export const RURAL_SHOPS = 16907;

/**
 * Urban shops in each county seat's built-up area (project default, 5,200 of the 9,493,
 * by the seats' size: Xinyang city's two districts first, 固始 the most populous county);
 * the rest of the urban shops stand in the township centres.
 */
const SEAT_SHOPS: Record<string, number> = {
  '411502': 1420, // 浉河区, the old city
  '411503': 920, // 平桥区, the new city and the high-tech zone
  '411521': 350, // 罗山县
  '411522': 350, // 光山县
  '411523': 240, // 新县
  '411524': 360, // 商城县
  '411525': 460, // 固始县
  '411526': 400, // 潢川县
  '411527': 300, // 淮滨县
  '411528': 400, // 息县
};
/** Spread of a seat's shops around its centre (Gaussian σ, km): the city is bigger than a county town. */
const SEAT_SIGMA_KM: Record<string, number> = { '411502': 2.0, '411503': 2.0 };
const COUNTY_SEAT_SIGMA_KM = 1.1;
const TOWN_SIGMA_KM = 0.45;
const VILLAGE_SIGMA_KM = 0.35;
/** Weight of a township centre's urban shops by kind; 明港 is a town of 68,000 (GeoNames). */
const TOWN_WEIGHT = { subdistrict: 0.4, town: 1, township: 0.55, special: 0.3, knownTown: 5 } as const;

export type Site = 'seat' | 'town' | 'village';

/** A retailer's place before its attributes are drawn. */
export interface ShopSite {
  readonly point: LonLat;
  readonly county: number;
  readonly township: number;
  /** The village it belongs to, or -1 for urban shops. */
  readonly village: number;
  readonly site: Site;
  readonly heightM: number;
}

const lognormal = (rng: Random, sigma: number): number => Math.exp(sigma * gaussian(rng));

/** A point around `centre` (Gaussian, σ km, cut at 2.5σ) inside the county; `centre` if none is found. */
function around(rng: Random, geo: Geography, county: number, centre: LonLat, sigmaKm: number): LonLat {
  for (let tries = 0; tries < 100; tries++) {
    const dx = gaussian(rng) * sigmaKm;
    const dy = gaussian(rng) * sigmaKm;
    if (dx * dx + dy * dy > 6.25 * sigmaKm * sigmaKm) continue;
    const p = roundPoint(offsetKm(centre, dx, dy));
    if (inCounty(geo.counties[county], p)) return p;
  }
  return roundPoint(centre);
}

/**
 * Where the 26,400 retailers stand: urban ones in the seats' built-up areas (assigned to
 * the nearest subdistrict) and around township centres, rural ones around their village;
 * fewer shops in high villages, and in villages that belong to a city subdistrict (whose
 * shops are counted urban).
 */
export function placeShops(rng: Random, terrain: DemoTerrain, geo: Geography, places: Places): ShopSite[] {
  const { townships, villages } = places;
  const shops: ShopSite[] = [];
  const add = (point: LonLat, county: number, township: number, village: number, site: Site): void => {
    shops.push({ point, county, township, village, site, heightM: Math.round(heightAt(terrain.grid, point[0], point[1])) });
  };
  geo.counties.forEach((c, k) => {
    const subs = townships.map((t, i) => ({ t, i })).filter((x) => x.t.county === k && x.t.kind === 'subdistrict');
    if (subs.length === 0) throw new Error(`${c.name} has no subdistrict for its seat`);
    const sigma = SEAT_SIGMA_KM[c.code] ?? COUNTY_SEAT_SIGMA_KM;
    for (let n = 0; n < SEAT_SHOPS[c.code]; n++) {
      const p = around(rng, geo, k, c.seat, sigma);
      const home = subs.reduce((a, b) => (distanceKm(a.t.point, p) <= distanceKm(b.t.point, p) ? a : b));
      add(p, k, home.i, -1, 'seat');
    }
  });
  const seatTotal = Object.values(SEAT_SHOPS).reduce((s, v) => s + v, 0);
  const townWeights = townships.map((t) => (geo.knownTowns.has(t.name) ? TOWN_WEIGHT.knownTown : TOWN_WEIGHT[t.kind]) * lognormal(rng, 0.35));
  apportion(URBAN_SHOPS - seatTotal, townWeights).forEach((n, i) => {
    const t = townships[i];
    for (let j = 0; j < n; j++) add(around(rng, geo, t.county, t.point, TOWN_SIGMA_KM), t.county, i, -1, 'town');
  });
  const villageWeights = villages.map((v) => {
    const inCity = townships[v.township].kind === 'subdistrict' ? 0.3 : 1;
    const h = heightAt(terrain.grid, v.point[0], v.point[1]);
    return (v.community ? 0.6 : 1) * inCity * Math.exp(-h / 900) * lognormal(rng, 0.4);
  });
  apportion(RURAL_SHOPS, villageWeights).forEach((n, i) => {
    const v = villages[i];
    const county = townships[v.township].county;
    for (let j = 0; j < n; j++) add(around(rng, geo, county, v.point, VILLAGE_SIGMA_KM), county, v.township, i, 'village');
  });
  return shops;
}

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LINE_COLUMNS } from '../domain/line.ts';
import { PolicySchema } from '../domain/policy.ts';
import { RETAILER_COLUMNS } from '../domain/retailer.ts';
import { formatAsciiGrid } from '../travel/terrainGrid.ts';
import { drawAttributes } from './attributes.ts';
import { distanceKm, loadGeography } from './geo.ts';
import { assignLines } from './lines.ts';
import { mobileNumbers, personNames, shopName, shortPlace } from './names.ts';
import { placeTownshipsAndVillages } from './places.ts';
import { rngFor } from './rng.ts';
import { placeShops } from './shops.ts';
import { generateTerrain, terrainShares } from './terrain.ts';
import { type DemoSummary, summarise } from './summary.ts';
import { toCsv } from './writeCsv.ts';
import { buildRoads } from './roads.ts';
import { osmXml } from './osmXml.ts';

/** The demo city's seed: Xinyang's division code. */
export const DEMO_SEED = 4115;
/** Ordering batches: each line's shops are cut into five areas, ordering Monday to Friday. */
const WEEKDAYS = 5;
/** Lines served by motorbike: the most compact urban lines of the county towns (project default). */
const MOTORBIKE_LINES = 6;

export interface DemoInputs {
  readonly geoDir: string;
  readonly policyPath: string;
  readonly seed: number;
}

export interface DemoFiles {
  readonly 'retailers.csv': string;
  readonly 'lines.csv': string;
  readonly 'terrain.asc': string;
  /** The road network, OSM XML for a stock OSRM (not committed: see the README). */
  readonly 'roads.osm': string;
}

/** Only the parts of the policy the generator reads, so other policy edits never break it. */
const PolicyPart = z.object({
  openingHours: PolicySchema.shape.openingHours,
  litresPer100KmByVehicle: PolicySchema.shape.litresPer100KmByVehicle,
  maxRoadGrade: PolicySchema.shape.maxRoadGrade,
});

const coordinate = (v: number): string => v.toFixed(6);
const flag = (b: boolean): string => (b ? '1' : '0');

export function generateDemo(inputs: DemoInputs): { files: DemoFiles; summary: DemoSummary } {
  const { seed } = inputs;
  const policy = PolicyPart.parse(JSON.parse(readFileSync(inputs.policyPath, 'utf8')));
  const geo = loadGeography(inputs.geoDir);
  const terrain = generateTerrain(geo.counties, seed);
  const places = placeTownshipsAndVillages(rngFor(seed, 'places'), terrain, geo);
  const shops = placeShops(rngFor(seed, 'shops'), terrain, geo, places);
  const attributes = drawAttributes(rngFor(seed, 'attributes'), shops, places);
  const lines = assignLines(geo, places.townships, shops);

  const lineOf = new Int32Array(shops.length);
  const weekday = new Int32Array(shops.length);
  lines.forEach((line, l) =>
    line.shops.forEach((s, k) => {
      lineOf[s] = l;
      weekday[s] = 1 + Math.floor((k * WEEKDAYS) / line.shops.length);
    }),
  );
  const lineId = (l: number): string => `L${String(l + 1).padStart(3, '0')}`;
  const meanFromBase = lines.map((line) => line.shops.reduce((sum, s) => sum + distanceKm(geo.counties[line.county].seat, shops[s].point), 0) / line.shops.length);
  const motorbikes = new Set(
    lines
      .map((line, l) => ({ l, d: meanFromBase[l] }))
      .filter((x) => lines[x.l].urban)
      .sort((a, b) => a.d - b.d || a.l - b.l)
      .slice(0, MOTORBIKE_LINES)
      .map((x) => x.l),
  );
  const managers = personNames(rngFor(seed, 'managers'), lines.length);
  const lineRows = lines.map((line, l) => {
    const county = geo.counties[line.county];
    const vehicle = motorbikes.has(l) ? 'motorbike' : 'car';
    return {
      line: lineId(l),
      county: county.name,
      manager: managers[l],
      base_lon: coordinate(county.seat[0]),
      base_lat: coordinate(county.seat[1]),
      vehicle,
      litres_per_100km: String(policy.litresPer100KmByVehicle.value[vehicle]),
    };
  });

  // Register order: county, township, village, then west to east.
  const { townships, villages } = places;
  const order = [...shops.keys()].sort((a, b) => {
    const sa = shops[a];
    const sb = shops[b];
    return (
      geo.counties[sa.county].code.localeCompare(geo.counties[sb.county].code) ||
      townships[sa.township].code.localeCompare(townships[sb.township].code) ||
      sa.village - sb.village ||
      sa.point[0] - sb.point[0] ||
      a - b
    );
  });
  const naming = rngFor(seed, 'names');
  const phones = mobileNumbers(rngFor(seed, 'phones'), attributes.filter((a) => a.hasPhone).length);
  let nextPhone = 0;
  const retailerRows = order.map((s, k) => {
    const shop = shops[s];
    const a = attributes[s];
    const county = geo.counties[shop.county];
    const place =
      shop.site === 'village' ? shortPlace(villages[shop.village].name) : shop.site === 'town' ? shortPlace(townships[shop.township].name) : county.name.length > 2 ? county.name.slice(0, -1) : county.name;
    const hours = policy.openingHours.value[a.format];
    return {
      id: `R${String(k + 1).padStart(5, '0')}`,
      name: shopName(naming, a.format, place),
      lon: coordinate(shop.point[0]),
      lat: coordinate(shop.point[1]),
      county: county.name,
      township: townships[shop.township].name,
      urban: flag(shop.site !== 'village'),
      format: a.format,
      class: a.klass,
      supply_stopped: flag(a.supplyStopped),
      must_in_person: flag(a.mustInPerson),
      vulnerable: flag(a.vulnerable),
      line: lineId(lineOf[s]),
      opens: hours.opens,
      closes: hours.closes,
      order_weekday: String(weekday[s]),
      ordering: a.ordering,
      phone: a.hasPhone ? phones[nextPhone++] : '',
      elevation_m: String(shop.heightM),
    };
  });

  const files: DemoFiles = {
    'retailers.csv': toCsv(RETAILER_COLUMNS, retailerRows),
    'lines.csv': toCsv(LINE_COLUMNS, lineRows),
    'terrain.asc': formatAsciiGrid(terrain.grid),
    'roads.osm': osmXml(buildRoads(terrain.grid, geo.counties, places, shops, policy.maxRoadGrade.value), `visit-planner demo:generate (seed ${seed})`),
  };
  return { files, summary: summarise(retailerRows, lineRows, meanFromBase, terrainShares(terrain)) };
}

/**
 * What the OSRM client tests ask, the same when recording (test/fixtures/osrm/record.ts,
 * against a real osrm-routed) and when replaying: a slice of line L042 (新县, mountains)
 * of the demo city on the demo network cut to the line's box, with an island road outside
 * it (a shop there has no road to the others) and a point 2 km into the hills off every road.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { DEMO_SEED, generateDemo } from '../../src/demo/generate.ts';
import { osmExtract } from '../../src/demo/osmExtract.ts';
import type { TravelPoint, TravelSource } from '../../src/travel/travelSource.ts';

const root = (p: string) => new URL(`../../${p}`, import.meta.url);

export const LINE = 'L042';
/** The extract: L042's shops and its base, and a margin. */
export const BBOX = [114.54, 31.53, 114.89, 31.82] as const;
/** An island road south-west of the box: a way of its own, joined to nothing. */
export const ISLAND = { from: [114.52, 31.5] as const, to: [114.525, 31.505] as const };
/** The server the fixtures were recorded from runs with this table size, so a 15-point table is chunked. */
export const SERVER_TABLE_SIZE = 10;

const rows: Record<string, string>[] = parse(readFileSync(root('data/demo/retailers.csv'), 'utf8'), { columns: true });
const shops = rows.filter((r) => r.line === LINE).slice(0, 14);

/** The line's base, then 14 of its shops. */
export const POINTS: TravelPoint[] = [
  { lon: 114.874, lat: 31.6232, urban: true, id: `base:${LINE}` },
  ...shops.map((r) => ({ lon: Number(r.lon), lat: Number(r.lat), urban: r.urban === '1', id: r.id })),
];
export const ISLAND_SHOP: TravelPoint = { lon: 114.5225, lat: 31.5025, urban: false, id: 'R99901' };
/** Far from every road in the box (checked when recording). */
export const OFF_ROAD_SHOP: TravelPoint = { lon: 114.6, lat: 31.8, urban: false, id: 'R99902' };

/** The day route: base, four shops, base. */
export const DAY = [POINTS[0], POINTS[3], POINTS[7], POINTS[1], POINTS[0]];

/** The calls, by name: the recorder runs them all against the real server, the tests one by one against the replay. */
export const CALLS = {
  table8: { tableSize: SERVER_TABLE_SIZE, run: (s: TravelSource) => s.matrix(POINTS.slice(0, 8)) },
  tableChunked: { tableSize: SERVER_TABLE_SIZE, run: (s: TravelSource) => s.matrix(POINTS) },
  tableTooBig: { tableSize: 20, run: (s: TravelSource) => s.matrix(POINTS) },
  route: { tableSize: SERVER_TABLE_SIZE, run: (s: TravelSource) => s.route(DAY) },
  routeToIsland: { tableSize: SERVER_TABLE_SIZE, run: (s: TravelSource) => s.route([POINTS[0], POINTS[2], ISLAND_SHOP]) },
  tableWithIsland: { tableSize: SERVER_TABLE_SIZE, run: (s: TravelSource) => s.matrix([...POINTS.slice(0, 4), ISLAND_SHOP]) },
  tableOffRoad: { tableSize: SERVER_TABLE_SIZE, run: (s: TravelSource) => s.matrix([POINTS[0], POINTS[1], OFF_ROAD_SHOP]) },
} as const;

/**
 * The integration test plans a whole line: L041, the town line of 新县, whose streets and
 * lanes stay within this box (a rural line's township roads leave any small box and come
 * back, and a cut piece of road is not routable from the rest).
 */
export const TOWN_LINE = 'L041';
export const TOWN_BBOX = [114.8, 31.57, 114.95, 31.68] as const;

/**
 * The demo network cut to the fixtures' box with the island road (a way joined to nothing),
 * or, without the island, cut to the town line's box (the integration test's).
 */
export function scenarioOsm(island: boolean): string {
  const xml = generateDemo({ geoDir: fileURLToPath(root('data/geo')), policyPath: fileURLToPath(root('data/demo/policy.json')), seed: DEMO_SEED }).files['roads.osm'];
  const cut = osmExtract(xml, island ? BBOX : TOWN_BBOX);
  if (!island) return cut;
  const nodes = [` <node id="9000001" version="1" lat="${ISLAND.from[1]}" lon="${ISLAND.from[0]}"/>`, ` <node id="9000002" version="1" lat="${ISLAND.to[1]}" lon="${ISLAND.to[0]}"/>`];
  const way = [' <way id="9000001" version="1">', '  <nd ref="9000001"/>', '  <nd ref="9000002"/>', '  <tag k="highway" v="unclassified"/>', '  <tag k="name" v="孤岛路"/>', ' </way>'];
  const at = cut.indexOf('\n <way ');
  return `${cut.slice(0, at)}\n${nodes.join('\n')}${cut.slice(at, cut.lastIndexOf('</osm>'))}${way.join('\n')}\n</osm>\n`;
}

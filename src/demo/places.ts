import type { Random } from '../solver/random.ts';
import { cellCentre, heightAt } from '../travel/terrainGrid.ts';
import type { TerrainGrid } from '../travel/terrainGrid.ts';
import { type County, type Geography, type LonLat, type TownshipKind, distanceKm, inCounty, offsetKm } from './geo.ts';
import type { DemoTerrain } from './terrain.ts';

export interface Township {
  readonly code: string;
  readonly name: string;
  readonly county: number;
  readonly kind: TownshipKind;
  readonly point: LonLat;
  /** Land of the county nearer to this township's point than to any other's, km². */
  readonly areaKm2: number;
}

export interface Village {
  readonly code: string;
  readonly name: string;
  readonly township: number;
  readonly community: boolean;
  readonly point: LonLat;
}

export interface Places {
  readonly townships: readonly Township[];
  readonly villages: readonly Village[];
}

/** Xinyang city's two districts share one built-up area a dozen km across; county towns are smaller. */
const CITY_DISTRICTS = new Set(['411502', '411503']);
const LLOYD_ROUNDS = 10;
const CELL_KM2 = 1.05;

/**
 * How much people prefer to settle at a place: low ground and gentle slopes (valley
 * floors, plains), in (0, 1]. Slope from the grid's central differences, metres per metre.
 */
export function groundWeight(grid: TerrainGrid, p: LonLat): number {
  const d = grid.cellDeg;
  const h = heightAt(grid, p[0], p[1]);
  const sx = (heightAt(grid, p[0] + d, p[1]) - heightAt(grid, p[0] - d, p[1])) / (2 * d * 94_400);
  const sy = (heightAt(grid, p[0], p[1] + d) - heightAt(grid, p[0], p[1] - d)) / (2 * d * 110_950);
  return Math.exp(-h / 350) / (1 + Math.hypot(sx, sy) / 0.04);
}

function nearest(points: readonly LonLat[], p: LonLat): number {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < points.length; i++) {
    const dx = (points[i][0] - p[0]) * 0.85; // degrees of longitude are shorter at 32°N
    const dy = points[i][1] - p[1];
    const dd = dx * dx + dy * dy;
    if (dd < bestD) {
      bestD = dd;
      best = i;
    }
  }
  return best;
}

/** A uniform point of the disk of radius `rKm` around `centre`, squeezed toward it by `power` > 0.5. */
function inDisk(rng: Random, centre: LonLat, rKm: number, power = 0.5): LonLat {
  const r = rKm * rng.next() ** power;
  const a = 2 * Math.PI * rng.next();
  return offsetKm(centre, r * Math.cos(a), r * Math.sin(a));
}

/** Subdistricts (街道) ring the seat, the first (the old town) at its heart, spread by best candidate. */
function placeSubdistricts(rng: Random, county: County, count: number): LonLat[] {
  const radiusKm = CITY_DISTRICTS.has(county.code) ? 6 : 1.5 + 0.7 * count;
  const placed: LonLat[] = [];
  for (let i = 0; i < count; i++) {
    const r = i === 0 ? 0.6 : radiusKm;
    let best: LonLat = county.seat;
    let bestScore = -1;
    for (let k = 0; k < 20; k++) {
      const p = inDisk(rng, county.seat, r);
      if (!inCounty(county, p)) continue;
      const score = placed.length === 0 ? 1 : Math.min(...placed.map((q) => distanceKm(p, q)));
      if (score > bestScore) {
        bestScore = score;
        best = p;
      }
    }
    placed.push(best);
  }
  return placed;
}

/**
 * Township points of one county: subdistricts around the seat, towns with a known place
 * (明港) there, the rest by weighted Lloyd relaxation over the county's land cells, so
 * they spread evenly over the county and settle on its low, gentle ground.
 */
function placeCountyTownships(rng: Random, terrain: DemoTerrain, geo: Geography, k: number): Township[] {
  const county = geo.counties[k];
  const records = geo.townships.filter((t) => t.countyCode === county.code);
  const grid = terrain.grid;
  const cells: { p: LonLat; w: number }[] = [];
  for (let i = 0; i < terrain.countyOfCell.length; i++) {
    if (terrain.countyOfCell[i] !== k) continue;
    const p = cellCentre(grid, i % grid.cols, Math.floor(i / grid.cols));
    // Softened: towns favour valleys, yet mountain areas still have their townships.
    cells.push({ p, w: groundWeight(grid, p) ** 0.35 });
  }
  const subs = records.filter((t) => t.kind === 'subdistrict');
  const subPoints = placeSubdistricts(rng, county, subs.length);
  const points: LonLat[] = [];
  const fixed: boolean[] = [];
  for (const t of records) {
    const known = geo.knownTowns.get(t.name);
    if (t.kind === 'subdistrict') points.push(subPoints[subs.indexOf(t)]);
    else if (known) points.push(known);
    else {
      // Start from a cell drawn by ground weight; Lloyd rounds then spread the points.
      let p = cells[rng.int(cells.length)];
      for (let tries = 0; tries < 50 && rng.next() > p.w; tries++) p = cells[rng.int(cells.length)];
      points.push(p.p);
    }
    fixed.push(t.kind === 'subdistrict' || known !== undefined);
  }
  const owner = new Int32Array(cells.length);
  for (let round = 0; round <= LLOYD_ROUNDS; round++) {
    const sx = new Float64Array(points.length);
    const sy = new Float64Array(points.length);
    const sw = new Float64Array(points.length);
    const heaviest = new Int32Array(points.length).fill(-1);
    cells.forEach((c, i) => {
      const o = nearest(points, c.p);
      owner[i] = o;
      sx[o] += c.p[0] * c.w;
      sy[o] += c.p[1] * c.w;
      sw[o] += c.w;
      if (heaviest[o] < 0 || c.w > cells[heaviest[o]].w) heaviest[o] = i;
    });
    if (round === LLOYD_ROUNDS) break;
    for (let t = 0; t < points.length; t++) {
      if (fixed[t] || sw[t] === 0) continue;
      const centroid: LonLat = [sx[t] / sw[t], sy[t] / sw[t]];
      points[t] = inCounty(county, centroid) ? centroid : cells[heaviest[t]].p;
    }
  }
  const area = new Float64Array(points.length);
  for (let i = 0; i < cells.length; i++) area[owner[i]] += CELL_KM2;
  return records.map((t, i) => ({ code: t.code, name: t.name, county: k, kind: t.kind, point: points[i], areaKm2: area[i] }));
}

/**
 * Village points clustered around their township's point, inside the county and nearer
 * to their own township than to any other, preferring low, gentle ground; communities
 * (社区, the built-up part of a town) close to the centre.
 */
function placeVillages(rng: Random, terrain: DemoTerrain, geo: Geography, townships: readonly Township[]): Village[] {
  const index = new Map(townships.map((t, i) => [t.code, i]));
  const byCounty = geo.counties.map((_, k) => townships.map((t, i) => ({ t, i })).filter((x) => x.t.county === k));
  return geo.villages.map((v): Village => {
    const ti = index.get(v.townshipCode);
    if (ti === undefined) throw new Error(`village ${v.code}: unknown township ${v.townshipCode}`);
    const town = townships[ti];
    const county = geo.counties[town.county];
    const neighbours = byCounty[town.county];
    const neighbourPoints = neighbours.map((x) => x.t.point);
    const radiusKm = Math.max(0.8, Math.sqrt(town.areaKm2 / Math.PI));
    const homeWeight = groundWeight(terrain.grid, town.point);
    let point: LonLat = town.point;
    for (let tries = 0; tries < 400; tries++) {
      const p = v.community ? inDisk(rng, town.point, 0.35 * radiusKm) : inDisk(rng, town.point, 1.1 * radiusKm, 0.6);
      if (!inCounty(county, p) || neighbours[nearest(neighbourPoints, p)].i !== ti) continue;
      // After many refusals, any admissible place will do: some townships are all mountain.
      if (tries < 300 && rng.next() * homeWeight > groundWeight(terrain.grid, p)) continue;
      point = p;
      break;
    }
    return { code: v.code, name: v.name, township: ti, community: v.community, point };
  });
}

export function placeTownshipsAndVillages(rng: Random, terrain: DemoTerrain, geo: Geography): Places {
  const townships = geo.counties.flatMap((_, k) => placeCountyTownships(rng, terrain, geo, k));
  return { townships, villages: placeVillages(rng, terrain, geo, townships) };
}

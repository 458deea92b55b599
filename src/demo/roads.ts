import type { TerrainGrid } from '../travel/terrainGrid.ts';
import { heightAt } from '../travel/terrainGrid.ts';
import { type County, KM_PER_DEG_LAT, KM_PER_DEG_LON, type LonLat, offsetKm } from './geo.ts';
import type { Places } from './places.ts';
import { type Highway, metres, RoadNetwork } from './roadNetwork.ts';
import { RoadPaths } from './roadPaths.ts';
import type { ShopSite } from './shops.ts';

/** A shop farther than this from every road gets a lane to it (the promise is 300 m). */
const SHOP_LANE_FROM_M = 250;
/** Town streets: spacing, and how far they reach from the centre (the shops' 2.5σ). */
const STREET_SPACING_KM = 0.4;
const CITY_STREETS_KM = 5;
const SEAT_STREETS_KM = 2.75;
const TOWN_STREETS_KM = 1.1;
const CITY_DISTRICTS = new Set(['411502', '411503']);
/** A village gets a road to its nearest village within this distance, besides its road to the network. */
const VILLAGE_LINK_M = 4000;
/** Switchback legs are about this long. */
const SWITCHBACK_LEG_M = 350;

const EAST_WEST = ['人民路', '解放路', '建设路', '中山路', '新华路', '胜利路', '文化路', '和平路', '工业路', '光明路', '团结路', '长安路', '东风路', '友谊路'];
const NORTH_SOUTH = ['民主街', '北京街', '红旗街', '健康街', '府前街', '育才街', '朝阳街', '幸福街', '顺河街', '新民街', '中心街', '学府街', '青年街', '振兴街'];

/**
 * The demo city's roads, for a stock OSRM: trunk roads join the county seats (their minimum
 * spanning tree), primary roads each seat to its nearest seats besides, secondary roads each
 * town (镇) and tertiary roads each other township to its seat, unclassified roads each village
 * to the nearest road, residential streets in every seat and township, and a lane to every shop
 * still more than 250 m from a road. Long roads are least-cost paths on the terrain grid
 * (valleys, gentle slopes, joining roads already built); a step steeper than the steepest road
 * grade becomes switchbacks long enough to keep it.
 */
export function buildRoads(grid: TerrainGrid, counties: readonly County[], places: Places, shops: readonly ShopSite[], maxGrade: number): RoadNetwork {
  const net = new RoadNetwork();
  const paths = new RoadPaths(grid, maxGrade);
  const cellNode = new Map<number, number>();
  const nodeOfCell = (cell: number): number => {
    let id = cellNode.get(cell);
    if (id === undefined) {
      id = net.addNode(paths.centre(cell));
      cellNode.set(cell, id);
    }
    return id;
  };
  const switchbacks = (a: number, b: number): number[] => zigzag(net, grid, a, b, maxGrade);
  /** A place's own node, joined to its cell's centre. */
  const placeNode = (p: LonLat, highway: Highway, name: string): { node: number; cell: number } => {
    const cell = paths.cellOf(p[0], p[1]);
    const node = net.addNode(p);
    net.addWay([node, nodeOfCell(cell)], highway, name);
    paths.onRoad[cell] = 1;
    return { node, cell };
  };
  const road = (cells: readonly number[], highway: Highway, name: string, ref?: string): void => {
    for (const c of cells) paths.onRoad[c] = 1;
    net.addWay(cells.map(nodeOfCell), highway, name, ref, switchbacks);
  };
  // 王山村民委员会 → 王山村道; 义阳社区居民委员会 → 义阳路.
  const village = (name: string) => (/社区/.test(name) ? `${name.replace(/社区.*$/, '')}路` : `${name.replace(/(村民委员会|村)$/, '')}村道`);
  const short = (name: string) => name.replace(/(街道|镇|乡|区|县|村|社区|管理区|办事处)$/, '').slice(0, 2);

  // Seats: trunk roads along their minimum spanning tree (Prim, from the city), primary to their nearest two besides.
  const seats = counties.map((c) => placeNode(c.seat, 'trunk', `${short(c.name)}城区`));
  const seatDistance = (a: number, b: number) => metres(counties[a].seat, counties[b].seat);
  const inTree = [0];
  const treeEdges: [number, number][] = [];
  while (inTree.length < counties.length) {
    let best: [number, number] | null = null;
    for (const a of inTree) for (let b = 0; b < counties.length; b++) if (!inTree.includes(b) && (!best || seatDistance(a, b) < seatDistance(best[0], best[1]))) best = [a, b];
    treeEdges.push(best!);
    inTree.push(best![1]);
  }
  const joined = new Set(treeEdges.map(([a, b]) => `${Math.min(a, b)}:${Math.max(a, b)}`));
  treeEdges.forEach(([a, b], k) => {
    const cells = paths.path(seats[a].cell, (c) => c === seats[b].cell);
    if (cells) road(cells, 'trunk', `${short(counties[a].name)}${short(counties[b].name)}公路`, `G${312 + k}`);
  });
  let primary = 0;
  counties.forEach((_, a) => {
    const nearest = counties.map((__, b) => b).filter((b) => b !== a).sort((x, y) => seatDistance(a, x) - seatDistance(a, y) || x - y).slice(0, 2);
    for (const b of nearest) {
      const key = `${Math.min(a, b)}:${Math.max(a, b)}`;
      if (joined.has(key)) continue;
      joined.add(key);
      const cells = paths.path(seats[a].cell, (c) => c === seats[b].cell);
      if (cells) road(cells, 'primary', `${short(counties[a].name)}${short(counties[b].name)}公路`, `S${201 + primary++}`);
    }
  });

  // Townships to their seat: towns by secondary roads, the others by tertiary ones.
  const townships = places.townships.map((t) => {
    const highway: Highway = t.kind === 'town' ? 'secondary' : 'tertiary';
    const name = `${short(counties[t.county].name)}${short(t.name)}线`;
    const at = placeNode(t.point, highway, name);
    const seatCell = seats[t.county].cell;
    const cells = paths.path(at.cell, (c) => c === seatCell);
    if (cells) road(cells, highway, name);
    return at;
  });

  // Villages to the nearest road.
  places.villages.forEach((v) => {
    const name = village(v.name);
    const reached = paths.onRoad[paths.cellOf(v.point[0], v.point[1])] === 1;
    const at = placeNode(v.point, 'unclassified', name);
    if (reached) return;
    const cells = paths.path(at.cell, (c) => c !== at.cell && paths.onRoad[c] === 1);
    if (cells) road(cells, 'unclassified', name);
  });

  // Cross links, so the network is a mesh rather than a tree (a tree sends a drive between two
  // neighbouring villages back to the junction of their branches): each township to its two
  // nearest townships of the county, each village to its nearest village within 4 km.
  places.townships.forEach((t, k) => {
    const near = places.townships
      .map((u, j) => ({ j, m: metres(t.point, u.point) }))
      .filter((x) => x.j !== k && places.townships[x.j].county === t.county)
      .sort((a, b) => a.m - b.m || a.j - b.j)
      .slice(0, 2);
    for (const { j } of near) {
      const target = townships[j].cell;
      const cells = paths.path(townships[k].cell, (c) => c === target);
      if (cells) road(cells, 'tertiary', `${short(t.name)}${short(places.townships[j].name)}线`);
    }
  });
  const villageCells = places.villages.map((v) => paths.cellOf(v.point[0], v.point[1]));
  places.villages.forEach((v, k) => {
    let best = -1;
    let bestM = VILLAGE_LINK_M;
    places.villages.forEach((u, j) => {
      if (j === k || villageCells[j] === villageCells[k]) return;
      const m = Math.abs(u.point[1] - v.point[1]) < 0.05 ? metres(v.point, u.point) : Infinity;
      if (m < bestM) [best, bestM] = [j, m];
    });
    if (best < 0) return;
    const cells = paths.path(villageCells[k], (c) => c === villageCells[best]);
    if (cells) road(cells, 'unclassified', village(v.name));
  });

  // Town streets: a grid round each seat and township centre, joined to its centre.
  const streets = (centre: LonLat, centreNode: number, radiusKm: number, offset: number) => {
    const n = Math.floor(radiusKm / STREET_SPACING_KM);
    const at = new Map<string, number>();
    const node = (i: number, j: number): number | undefined => {
      if (i * i + j * j > n * n) return undefined;
      const key = `${i},${j}`;
      let id = at.get(key);
      if (id === undefined) {
        id = net.addNode(offsetKm(centre, i * STREET_SPACING_KM, j * STREET_SPACING_KM));
        at.set(key, id);
      }
      return id;
    };
    for (let j = -n; j <= n; j++) {
      const row = range(-n, n).map((i) => node(i, j)).filter((x): x is number => x !== undefined);
      net.addWay(row, 'residential', EAST_WEST[(j + n + offset) % EAST_WEST.length]);
    }
    for (let i = -n; i <= n; i++) {
      const col = range(-n, n).map((j) => node(i, j)).filter((x): x is number => x !== undefined);
      net.addWay(col, 'residential', NORTH_SOUTH[(i + n + offset) % NORTH_SOUTH.length]);
    }
    net.addWay([centreNode, node(0, 0)!], 'residential', EAST_WEST[(n + offset) % EAST_WEST.length]);
  };
  counties.forEach((c, k) => streets(c.seat, seats[k].node, CITY_DISTRICTS.has(c.code) ? CITY_STREETS_KM : SEAT_STREETS_KM, k));
  places.townships.forEach((t, k) => streets(t.point, townships[k].node, TOWN_STREETS_KM, k));

  // A lane to every shop still too far from a road, from the nearest road node.
  shops.forEach((s) => {
    if (net.distanceToRoad(s.point) <= SHOP_LANE_FROM_M) return;
    const from = net.nearestNode(s.point);
    const to = net.addNode(s.point);
    const name = s.village >= 0 ? village(places.villages[s.village].name) : `${short(places.townships[s.township].name)}巷`;
    net.addWay([from, to], 'residential', name);
  });
  return net;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

/**
 * Corner nodes of switchbacks between a and b where the straight climb is steeper than the
 * steepest road grade: legs across the line, wide enough that the road is climb / grade long.
 */
function zigzag(net: RoadNetwork, grid: TerrainGrid, a: number, b: number, maxGrade: number): number[] {
  const pa = net.point(a);
  const pb = net.point(b);
  const flat = metres(pa, pb);
  const climb = Math.abs(heightAt(grid, pb[0], pb[1]) - heightAt(grid, pa[0], pa[1]));
  const need = climb / maxGrade;
  if (flat === 0 || need <= flat) return [];
  const legs = Math.max(2, Math.ceil(need / SWITCHBACK_LEG_M));
  const along = flat / legs;
  // Lateral half-width w such that the zigzag is `need` long: first and last legs go out w, the others cross 2w.
  const length = (w: number) => 2 * Math.hypot(along, w) + (legs - 2) * Math.hypot(along, 2 * w);
  let lo = 0;
  let hi = need;
  for (let k = 0; k < 50; k++) {
    const mid = (lo + hi) / 2;
    if (length(mid) < need) lo = mid;
    else hi = mid;
  }
  const w = (lo + hi) / 2;
  // Unit vectors along and across the line, in km per degree.
  const ex = ((pb[0] - pa[0]) * KM_PER_DEG_LON * 1000) / flat;
  const ey = ((pb[1] - pa[1]) * KM_PER_DEG_LAT * 1000) / flat;
  const corners: number[] = [];
  for (let i = 1; i < legs; i++) {
    const side = i % 2 === 1 ? w : -w;
    const t = i / legs;
    corners.push(net.addNode([pa[0] + (pb[0] - pa[0]) * t + (-ey * side) / (KM_PER_DEG_LON * 1000), pa[1] + (pb[1] - pa[1]) * t + (ex * side) / (KM_PER_DEG_LAT * 1000)]));
  }
  return corners;
}

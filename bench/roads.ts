/**
 * `npm run bench:roads [-- --runs 3 --algorithm mld|ch --plan --time 60]`: the demo city on
 * roads, against the embedded terrain model. Serves the demo network (data/demo/roads.osm)
 * with a local osrm-routed and measures:
 *
 * - matrices: the 105 per-line OSRM tables, two at a time (the planner's pool), wall time per
 *   run (target ≤ 10 s);
 * - day routes: today's practice's first-week days of every line (base, shops in tour order,
 *   base) driven by the terrain model and by OSRM: the ratio OSRM / terrain of km and of
 *   minutes per day, median and spread (10th-90th percentile), by the terrain class of the
 *   line (the class of its shops' median height): how far the embedded default is from roads;
 * - with `--plan`: the four-week plan (from 2026-12-07, `--time` seconds of budget) on each
 *   source, wall time and the day rules' breaks (target: OSRM ≤ 2× the terrain's wall time,
 *   every rule kept).
 *
 * Prints tables and writes bench/results/roads.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadDataset } from '../src/io/loadDataset.ts';
import { retailersByLine } from '../src/planner/calibration.ts';
import { dayRuleBreaks } from '../src/planner/dayFigures.ts';
import { createCityPlanner } from '../src/planner/planCity.ts';
import { todaysPractice } from '../src/planner/todaysPractice.ts';
import { linePoints } from '../src/planner/travelPoints.ts';
import { loadTerrain } from '../src/travel/loadTerrain.ts';
import { osrmOptions } from '../src/travel/osrm/osrmOptions.ts';
import { classOfHeight, heightAt, type TerrainClass } from '../src/travel/terrainGrid.ts';
import { TerrainModel, terrainModelParams } from '../src/travel/terrainModel.ts';
import { travelSource, type TravelSpec } from '../src/travel/travelSpec.ts';
import { serveDemoRoads } from './support/demoOsrm.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    algorithm: { type: 'string', default: 'mld' },
    plan: { type: 'boolean', default: false },
    time: { type: 'string', default: '60' },
  },
});
const algorithm = values.algorithm === 'ch' ? 'ch' : 'mld';
const runs = Number(values.runs);
const dataset = await loadDataset('data/demo');
const grid = loadTerrain('data/demo/terrain.asc');
const model = new TerrainModel(grid, terrainModelParams(dataset.policy));
const byLine = retailersByLine(dataset.lines, dataset.retailers);
const osrm = await serveDemoRoads(algorithm);
const spec: TravelSpec = { kind: 'osrm', osrm: osrmOptions(osrm.url) };
const roads = travelSource(spec, grid, dataset.policy);
const median = (xs: readonly number[]) => quantile(xs, 0.5);
function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}
const r3 = (x: number) => Math.round(x * 1000) / 1000;

try {
  // Matrices, two lines at a time.
  const matrixMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const queue = [...dataset.lines];
    const t0 = performance.now();
    await Promise.all(
      [0, 1].map(async () => {
        for (let line = queue.shift(); line; line = queue.shift()) await roads.matrix(linePoints(line, byLine.get(line.line) ?? [], 'WGS-84'));
      }),
    );
    matrixMs.push(performance.now() - t0);
  }
  console.log(`\nOSRM matrices, 105 lines, 2 at a time (${algorithm}), ${runs} runs`);
  console.table([{ 'median s': r3(median(matrixMs) / 1000), 'min s': r3(Math.min(...matrixMs) / 1000), 'max s': r3(Math.max(...matrixMs) / 1000), 'target s': 10 }]);

  // Day routes: today's practice, first week, terrain model against roads.
  const ratios: Record<TerrainClass, { km: number[]; minutes: number[] }> = { plain: { km: [], minutes: [] }, hill: { km: [], minutes: [] }, mountain: { km: [], minutes: [] } };
  let routes = 0;
  for (const line of dataset.lines) {
    const shops = byLine.get(line.line) ?? [];
    const points = linePoints(line, shops, 'WGS-84');
    const heights = shops.map((s) => heightAt(grid, s.lon, s.lat));
    const cls = classOfHeight(median(heights));
    const practice = todaysPractice(line, shops, model.matrixSync(points), dataset.policy);
    for (const day of practice.days.slice(0, 5)) {
      if (day.stops.length === 0) continue;
      const tour = [points[0], ...day.stops.map((i) => points[i + 1]), points[0]];
      const terrain = model.legsSync(tour);
      const road = (await roads.route(tour)).legs;
      const sum = (legs: readonly { metres: number; seconds: number }[], k: 'metres' | 'seconds') => legs.reduce((s, l) => s + l[k], 0);
      ratios[cls].km.push(sum(road, 'metres') / sum(terrain, 'metres'));
      ratios[cls].minutes.push(sum(road, 'seconds') / sum(terrain, 'seconds'));
      routes++;
    }
  }
  const compare = (Object.keys(ratios) as TerrainClass[]).map((cls) => ({
    class: cls,
    days: ratios[cls].km.length,
    'km OSRM/terrain median': r3(median(ratios[cls].km)),
    'km p10': r3(quantile(ratios[cls].km, 0.1)),
    'km p90': r3(quantile(ratios[cls].km, 0.9)),
    'minutes OSRM/terrain median': r3(median(ratios[cls].minutes)),
    'minutes p10': r3(quantile(ratios[cls].minutes, 0.1)),
    'minutes p90': r3(quantile(ratios[cls].minutes, 0.9)),
  }));
  console.log(`\nDay routes (today's practice, first week, ${routes} days): OSRM over the terrain model, by the line's terrain class`);
  console.table(compare);

  // The four-week plan on each source.
  const plans: Record<string, unknown>[] = [];
  if (values.plan) {
    for (const [name, travel] of [['terrain', { kind: 'terrain' } as TravelSpec], ['osrm', spec]] as const) {
      const planner = createCityPlanner({ terrain: grid, travel });
      const t0 = performance.now();
      try {
        const plan = await planner.plan({ dataset, start: '2026-12-07', weeks: 4, seed: 1, timeLimitMs: Number(values.time) * 1000 });
        const f = plan.figures;
        plans.push({
          source: name,
          'wall s': r3((performance.now() - t0) / 1000),
          'failed lines': plan.lines.filter((l) => l.error).length,
          km: Math.round(f.km),
          'fuel ratio': r3(plan.ratios.fuelYuan),
          'rule breaks': dayRuleBreaks(f),
          'first shop late days': f.firstShopLateDays,
          'unbalanced days': f.unbalancedDays,
          'not placed': f.notPlaced,
        });
      } finally {
        await planner.close();
      }
    }
    console.log(`\nFour-week plan, ${values.time} s budget`);
    console.table(plans);
  }

  mkdirSync('bench/results', { recursive: true });
  const out = values.plan ? 'bench/results/roads.json' : 'bench/results/roads-matrices.json';
  writeFileSync(
    out,
    `${JSON.stringify({ benchmark: 'demo city on roads (OSRM) against the terrain model', algorithm, runs, matrixSeconds: matrixMs.map((m) => r3(m / 1000)), matrixMedianSeconds: r3(median(matrixMs) / 1000), dayRoutes: routes, compare, plans, node: process.version }, null, 2)}\n`,
  );
} finally {
  await osrm.stop();
}

/**
 * `npm run bench:matrices`: the 105 per-line travel matrices of the demo city with the
 * embedded terrain model, on one core. Prints a table and writes bench/results/matrices.json.
 * Target (issue 2): under 2 s in total, median of several runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadDataset } from '../src/io/loadDataset.ts';
import { retailersByLine } from '../src/planner/calibration.ts';
import { loadTerrain } from '../src/travel/loadTerrain.ts';
import { TerrainModel, terrainModelParams } from '../src/travel/terrainModel.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, data: { type: 'string', default: 'data/demo' } } });
const runs = Number(values.runs);
const dataset = await loadDataset(values.data);
const model = new TerrainModel(loadTerrain(`${values.data}/terrain.asc`), terrainModelParams(dataset.policy));
const byLine = retailersByLine(dataset.lines, dataset.retailers);
const pointSets = dataset.lines.map((l) => [{ lon: l.baseLon, lat: l.baseLat, urban: true }, ...(byLine.get(l.line) ?? [])]);
const cells = pointSets.reduce((s, p) => s + p.length * p.length, 0);

const times: number[] = [];
for (let run = 0; run < runs; run++) {
  const t0 = performance.now();
  let checksum = 0;
  for (const points of pointSets) checksum += model.matrixSync(points).metres[1];
  times.push(performance.now() - t0);
  if (!(checksum > 0)) throw new Error('empty matrices');
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const result = {
  benchmark: 'per-line travel matrices, terrain model, one core',
  lines: pointSets.length,
  points: pointSets.reduce((s, p) => s + p.length, 0),
  matrixCells: cells,
  runs,
  msPerRun: times.map((t) => Math.round(t)),
  medianMs: Math.round(median),
  nsPerCell: Math.round((median * 1e6) / cells),
  targetMs: 2000,
  node: process.version,
};
console.table([{ lines: result.lines, points: result.points, cells: result.matrixCells, 'median ms': result.medianMs, 'min ms': Math.round(sorted[0]), 'max ms': Math.round(sorted[sorted.length - 1]), 'ns/cell': result.nsPerCell }]);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/matrices.json', `${JSON.stringify(result, null, 2)}\n`);

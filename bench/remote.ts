/**
 * `npm run bench:remote`: which retailers may go remote, per line of the demo city, chosen
 * by the exact 0/1 model (javascript-lp-solver) and by the greedy heuristic, side by side:
 * the saving each finds (yuan of driving avoided, over the four weeks) and its time.
 * Prints a table and writes bench/results/remote.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadDataset } from '../src/io/loadDataset.ts';
import { retailersByLine } from '../src/planner/calibration.ts';
import { planHorizon } from '../src/planner/horizon.ts';
import { exactRemote, greedyRemote, selectionValue } from '../src/planner/remoteCandidates.ts';
import { remoteProblem } from '../src/planner/remoteProblem.ts';
import { retailerService } from '../src/planner/serviceRules.ts';
import { fuelRates, yuanMatrix } from '../src/travel/fuel.ts';
import { loadTerrain } from '../src/travel/loadTerrain.ts';
import { TerrainModel, terrainModelParams } from '../src/travel/terrainModel.ts';

const dataset = await loadDataset('data/demo');
const model = new TerrainModel(loadTerrain('data/demo/terrain.asc'), terrainModelParams(dataset.policy));
const horizon = planHorizon(dataset.calendar, '2026-11-30', 4);
const byLine = retailersByLine(dataset.lines, dataset.retailers);
const rows = dataset.lines.map((line) => {
  const shops = byLine.get(line.line) ?? [];
  const matrix = model.matrixSync([{ lon: line.baseLon, lat: line.baseLat, urban: true }, ...shops]);
  const cost = yuanMatrix(fuelRates(dataset.policy, line.vehicle, line.litresPer100Km), matrix.metres, matrix.ascentM);
  const open = shops.map((r) => retailerService(r, dataset.policy, horizon.weekdays, undefined));
  const { options, budget } = remoteProblem({ policy: dataset.policy }, open, cost, matrix.size);
  const time = (f: () => boolean[]) => {
    const t0 = performance.now();
    const chosen = f();
    return { value: selectionValue(options, chosen), ms: performance.now() - t0 };
  };
  const greedy = time(() => greedyRemote(options, budget));
  const exact = time(() => exactRemote(options, budget));
  return { line: line.line, candidates: options.filter((o) => o.maxRemote > 0).length, greedy: greedy.value, exact: exact.value, greedyMs: greedy.ms, exactMs: exact.ms };
});
const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
const summary = {
  lines: rows.length,
  greedySavingYuan: Math.round(sum((r) => r.greedy) * 10) / 10,
  exactSavingYuan: Math.round(sum((r) => r.exact) * 10) / 10,
  linesWhereExactBetter: rows.filter((r) => r.exact > r.greedy + 1e-6).length,
  linesWhereGreedyBetter: rows.filter((r) => r.greedy > r.exact + 1e-6).length,
  greedyMsTotal: Math.round(sum((r) => r.greedyMs) * 10) / 10,
  exactMsTotal: Math.round(sum((r) => r.exactMs)),
  exactMsMax: Math.round(Math.max(...rows.map((r) => r.exactMs))),
};
console.table([summary]);
console.table(rows.filter((r) => Math.abs(r.exact - r.greedy) > 1e-6).map((r) => ({ ...r, greedy: r.greedy.toFixed(1), exact: r.exact.toFixed(1), greedyMs: r.greedyMs.toFixed(2), exactMs: r.exactMs.toFixed(1) })));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/remote.json', `${JSON.stringify({ summary, rows }, null, 2)}\n`);

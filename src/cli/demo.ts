/**
 * `npm run demo`: loads the shipped demo city through the same importer a planner's upload
 * goes through, and prints its calibration against the seed report's figures.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadDataset } from '../io/loadDataset.ts';
import { ImportError } from '../io/importError.ts';
import { calibrate, formatCalibration } from '../planner/calibration.ts';
import { landShares } from '../travel/landShares.ts';
import { loadTerrain } from '../travel/loadTerrain.ts';
import { TerrainModel, terrainModelParams } from '../travel/terrainModel.ts';
import { readFileSync } from 'node:fs';

const log = pino({ name: 'demo' }, pino.destination(2));
const { values } = parseArgs({ options: { data: { type: 'string', default: 'data/demo' } } });
const dir = values.data;

try {
  const started = performance.now();
  const dataset = await loadDataset(dir);
  log.info({ dir, retailers: dataset.retailers.length, lines: dataset.lines.length, warnings: dataset.warnings.length }, 'dataset valid');
  const grid = loadTerrain(join(dir, 'terrain.asc'));
  const counties = JSON.parse(readFileSync(join(dir, '..', 'geo', 'xinyang-counties.geojson'), 'utf8'));
  const model = new TerrainModel(grid, terrainModelParams(dataset.policy));
  const { rows } = await calibrate(dataset.lines, dataset.retailers, dataset.policy, model, landShares(grid, counties));
  process.stdout.write(`Demo city ${dir}: the seed's figures beside the dataset's\n\n${formatCalibration(rows)}\n`);
  log.info({ ms: Math.round(performance.now() - started) }, 'calibration done');
} catch (e) {
  if (e instanceof ImportError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  throw e;
}

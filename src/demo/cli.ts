/**
 * Regenerates the demo city into data/demo/ (or `--out DIR`): retailers.csv, lines.csv,
 * terrain.asc and roads.osm. Same seed, same bytes. Another `--seed` makes another city of
 * the same shape (the planner must not be tuned to the demo's); written elsewhere, it gets
 * the demo's policy.json beside it, so the directory is a whole dataset. `--only roads.osm`
 * writes that file alone (`npm run demo:roads`: the road network is not committed).
 * Usage: npm run demo:generate [-- --out DIR --seed N --only FILE]
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_SEED, generateDemo } from './generate.ts';
import { formatSummary } from './summary.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'data/demo') }, seed: { type: 'string', default: String(DEMO_SEED) }, only: { type: 'string' } } });
const seed = Number(values.seed);
if (!Number.isInteger(seed)) {
  process.stderr.write(`demo:generate: --seed must be an integer, got ${values.seed}\n`);
  process.exit(2);
}
const started = performance.now();
const policyPath = join(root, 'data/demo/policy.json');
const { files, summary } = generateDemo({ geoDir: join(root, 'data/geo'), policyPath, seed });
mkdirSync(values.out, { recursive: true });
if (values.only !== undefined && !(values.only in files)) {
  process.stderr.write(`demo:generate: --only takes one of ${Object.keys(files).join(', ')}, got ${values.only}\n`);
  process.exit(2);
}
for (const [name, text] of Object.entries(files)) if (values.only === undefined || values.only === name) writeFileSync(join(values.out, name), text);
if (join(values.out, 'policy.json') !== policyPath) copyFileSync(policyPath, join(values.out, 'policy.json'));
console.log(formatSummary(summary));
console.log(`written to ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${seed})`);

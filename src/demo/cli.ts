/**
 * Regenerates the demo city into data/demo/ (or `--out DIR`): retailers.csv, lines.csv,
 * terrain.asc. Same seed, same bytes.  Usage: npm run demo:generate [-- --out DIR]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_SEED, generateDemo } from './generate.ts';
import { formatSummary } from './summary.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'data/demo') } } });
const started = performance.now();
const { files, summary } = generateDemo({ geoDir: join(root, 'data/geo'), policyPath: join(root, 'data/demo/policy.json'), seed: DEMO_SEED });
mkdirSync(values.out, { recursive: true });
for (const [name, text] of Object.entries(files)) writeFileSync(join(values.out, name), text);
console.log(formatSummary(summary));
console.log(`written to ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${DEMO_SEED})`);

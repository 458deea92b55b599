/**
 * `npm run province -- --cities N --url URL [--first-seed S]`: makes N demo-shaped cities
 * from N seeds and uploads each to the service at URL as a dataset of its own city
 * (`city-<seed>`), with the planner key (of every city) in PLANNER_KEY. Prints each
 * city's dataset id.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { provinceUploads, uploadCity } from '../demo/province.ts';
import { DEMO_SEED } from '../demo/generate.ts';

const { values } = parseArgs({ options: { cities: { type: 'string', default: '3' }, url: { type: 'string', default: 'http://127.0.0.1:3000' }, 'first-seed': { type: 'string', default: String(DEMO_SEED) } } });
const cities = Number(values.cities);
const firstSeed = Number(values['first-seed']);
const token = process.env.PLANNER_KEY;
if (!Number.isInteger(cities) || cities < 1 || !Number.isInteger(firstSeed) || !token) {
  process.stderr.write('usage: PLANNER_KEY=<a planner key of every city> npm run province -- --cities N [--url URL] [--first-seed S]\n');
  process.exit(2);
}
const root = fileURLToPath(new URL('../..', import.meta.url));
for (const city of provinceUploads(cities, root, firstSeed)) {
  const id = await uploadCity(values.url, token, city);
  process.stdout.write(`${city.city}\t${id}\n`);
}

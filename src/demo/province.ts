import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SEED, generateDemo } from './generate.ts';

/** One city's dataset as the service's upload wants it (POST /v1/datasets). */
export interface CityUpload {
  readonly city: string;
  readonly retailers: { name: string; text: string };
  readonly lines: { name: string; text: string };
  readonly policy: { name: string; text: string };
}

/**
 * A province: `n` cities of the demo's shape from `n` seeds (the first is the demo
 * city's own), each named `city-<seed>`. They share Xinyang's counties and the demo
 * policy; their shops, lines and managers differ by seed. (Each also has a terrain of
 * its own, which the upload does not carry: the planner workers read one grid, the
 * shipped one.)
 */
export function* provinceUploads(n: number, root: string, firstSeed = DEMO_SEED): Generator<CityUpload> {
  const policyPath = join(root, 'data/demo/policy.json');
  const policy = readFileSync(policyPath, 'utf8');
  for (let k = 0; k < n; k++) {
    const seed = firstSeed + k;
    const { files } = generateDemo({ geoDir: join(root, 'data/geo'), policyPath, seed });
    yield {
      city: `city-${seed}`,
      retailers: { name: 'retailers.csv', text: files['retailers.csv'] },
      lines: { name: 'lines.csv', text: files['lines.csv'] },
      policy: { name: 'policy.json', text: policy },
    };
  }
}

/** Uploads a city to a running service with a planner key of every city; its dataset id, or an error naming the city and the answer. */
export async function uploadCity(url: string, token: string, city: CityUpload): Promise<string> {
  const res = await fetch(`${url}/v1/datasets`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(city) });
  const body = (await res.json()) as { id?: string; message?: string };
  if (res.status !== 201 || body.id === undefined) throw new Error(`${city.city}: the service answered ${res.status}: ${body.message ?? JSON.stringify(body)}`);
  return body.id;
}

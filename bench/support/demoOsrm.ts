import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SEED, generateDemo } from '../../src/demo/generate.ts';
import { osrmTools, serveOsm, type LocalOsrm } from '../../src/travel/osrm/localOsrm.ts';

/**
 * The demo city's road network served by a local osrm-routed, for benchmarks: data/demo/roads.osm
 * (made first if missing, as `npm run demo:roads` does), prepared in a temporary folder with
 * the stock pipeline and served on loopback. `stop` ends the server and removes the folder.
 */
export async function serveDemoRoads(algorithm: 'mld' | 'ch' = 'mld'): Promise<LocalOsrm> {
  const tools = osrmTools();
  if (!tools) throw new Error('no OSRM programs in ../shared/tools/osrm (set OSRM_TOOLS to their folder)');
  const osm = 'data/demo/roads.osm';
  if (!existsSync(osm)) writeFileSync(osm, generateDemo({ geoDir: 'data/geo', policyPath: 'data/demo/policy.json', seed: DEMO_SEED }).files['roads.osm']);
  const dir = mkdtempSync(join(tmpdir(), 'vp-osrm-'));
  copyFileSync(osm, join(dir, 'roads.osm'));
  const osrm = await serveOsm(tools, join(dir, 'roads.osm'), { algorithm });
  return {
    url: osrm.url,
    stop: async () => {
      await osrm.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { createCityPlanner } from '../../../src/planner/planCity.ts';
import { loadConfig } from '../../../src/service/config.ts';
import { startServer, type RunningServer } from '../../../src/service/server.ts';
import { loadTerrain } from '../../../src/travel/loadTerrain.ts';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));

/** A fixed planner secret for the browser tests (never used elsewhere). */
export const PLANNER_TOKEN = 'e2e.Kd8sL2mQ7vX4nB9cT1wZ6rY3hJ5gF0pA';

/**
 * The real service with the real city planner (one thread) in a fresh data directory,
 * serving the page as `npm install` built it (built here if it is not).
 */
export async function startE2eService(): Promise<RunningServer & { stop(): Promise<void> }> {
  if (!existsSync(root('dist/web/index.html'))) execFileSync(process.execPath, [root('src/web/build.ts')], { stdio: 'inherit' });
  const dir = await mkdtemp(join(tmpdir(), 'vp-e2e-'));
  const config = loadConfig({ DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', API_KEYS: `e2e:planner::${PLANNER_TOKEN.split('.')[1]}`, WEB_DIR: root('dist/web') });
  const city = createCityPlanner({ terrain: loadTerrain(root('data/demo/terrain.asc')), threads: 1 });
  const logger = pino({ level: process.env.TEST_LOG ?? 'silent' }) as unknown as FastifyBaseLogger;
  const server = await startServer({ config, planner: city.plan, logger });
  return {
    ...server,
    stop: async () => {
      await server.close();
      await city.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

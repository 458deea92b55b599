import type { ServiceConfig } from '../config.ts';
import { openStore } from './index.ts';
import type { Store } from './interfaces.ts';
import { openPgStore } from './pg/index.ts';

/** PostgreSQL when DATABASE_URL is set; otherwise SQLite in DATA_DIR (what `npm start` uses with no configuration). */
export function openConfiguredStore(config: Pick<ServiceConfig, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  return config.databaseUrl === undefined ? openStore(config.dataDir) : openPgStore(config.databaseUrl);
}

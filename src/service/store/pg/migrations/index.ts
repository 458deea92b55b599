import type { Migration } from '../../migrations/index.ts';
import { MIGRATIONS as SQLITE } from '../../migrations/index.ts';
import { sql as initial } from './001_initial.ts';
import { sql as datasetState } from './002_dataset_state.ts';
import { sql as jobOwner } from './003_job_owner.ts';
import { sql as planLines } from './004_plan_lines.ts';
import { sql as datasetCity } from './005_dataset_city.ts';
import { sql as retailersBySeq } from './006_retailers_by_seq.ts';
import { sql as apiKeys } from './007_api_keys.ts';
import { sql as jobLines } from './008_job_lines.ts';

const SQL = [initial, datasetState, jobOwner, planLines, datasetCity, retailersBySeq, apiKeys, jobLines];

/**
 * SQLite's migrations in PostgreSQL's dialect: the same versions and names (a store's
 * schema_migrations reads alike on both), so a new migration is written twice or the
 * count check in the tests fails.
 */
export const PG_MIGRATIONS: readonly Migration[] = SQLITE.map((m, i) => {
  const sql = SQL[i];
  if (sql === undefined) throw new Error(`migration ${m.version} (${m.name}) has no PostgreSQL translation in store/pg/migrations/`);
  return { version: m.version, name: m.name, sql };
});
if (SQL.length !== SQLITE.length) throw new Error('store/pg/migrations/ has more migrations than store/migrations/');

import { sql as initial } from './001_initial.ts';
import { sql as datasetState } from './002_dataset_state.ts';
import { sql as jobOwner } from './003_job_owner.ts';
import { sql as planLines } from './004_plan_lines.ts';
import { sql as datasetCity } from './005_dataset_city.ts';
import { sql as retailersBySeq } from './006_retailers_by_seq.ts';
import { sql as apiKeys } from './007_api_keys.ts';
import { sql as jobLines } from './008_job_lines.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** In order; a released migration is never edited, a change is a new one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'dataset_state', sql: datasetState },
  { version: 3, name: 'job_owner', sql: jobOwner },
  { version: 4, name: 'plan_lines', sql: planLines },
  { version: 5, name: 'dataset_city', sql: datasetCity },
  { version: 6, name: 'retailers_by_seq', sql: retailersBySeq },
  { version: 7, name: 'api_keys', sql: apiKeys },
  { version: 8, name: 'job_lines', sql: jobLines },
];

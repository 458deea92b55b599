import { OSRM_DEFAULTS, osrmOptions, type OsrmOptions } from './osrm/osrmOptions.ts';
import { TERRAIN, type TravelSpec } from './travelSpec.ts';

/** The OSRM client's settings from the environment, each optional (defaults: OSRM_DEFAULTS). */
const ENV: Record<string, keyof Omit<OsrmOptions, 'url' | 'profile'>> = {
  OSRM_TIMEOUT_MS: 'timeoutMs',
  OSRM_RETRIES: 'retries',
  OSRM_BACKOFF_MS: 'backoffMs',
  OSRM_MAX_TABLE_SIZE: 'maxTableSize',
  OSRM_MAX_SNAP_M: 'maxSnapM',
};

/**
 * The travel source a run is configured with: OSRM at `url` when given (the CLI's
 * `--travel osrm --osrm-url`, the service's OSRM_URL), tuned by OSRM_TIMEOUT_MS, OSRM_RETRIES,
 * OSRM_BACKOFF_MS, OSRM_MAX_TABLE_SIZE and OSRM_MAX_SNAP_M; else the embedded terrain model.
 * A bad value is an error naming the variable.
 */
export function travelSpecFrom(url: string | undefined, env: NodeJS.ProcessEnv = process.env): TravelSpec {
  if (url === undefined || url === '') return TERRAIN;
  const over: Partial<Record<(typeof ENV)[string], number>> = {};
  for (const [name, key] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    const least = key === 'retries' || key === 'backoffMs' ? 0 : 1;
    if (!Number.isInteger(value) || value < least) throw new Error(`${name} must be an integer of at least ${least}, got ${JSON.stringify(raw)} (default ${OSRM_DEFAULTS[key]})`);
    over[key] = value;
  }
  return { kind: 'osrm', osrm: osrmOptions(url, over) };
}

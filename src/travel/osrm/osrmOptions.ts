/** How the planner talks to an `osrm-routed` (OSRM's v5 HTTP API). */
export interface OsrmOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:5000`. */
  readonly url: string;
  /** The profile segment of the URL; `osrm-routed` answers any name with its one profile. */
  readonly profile: string;
  /** Longest wait for one answer. */
  readonly timeoutMs: number;
  /** Further tries after a timeout, a refused connection or a 5xx; 4xx answers are final. */
  readonly retries: number;
  /** Wait before the first retry, doubled before each next one. */
  readonly backoffMs: number;
  /** The server's `--max-table-size`: a table asks at most this many squared cells at once. */
  readonly maxTableSize: number;
  /** A point farther than this from every road is refused (its coordinates, or the network, are wrong). */
  readonly maxSnapM: number;
}

/**
 * Defaults, each with its reason:
 * - 10 s: a 416-point table on the demo network answers in well under a second;
 *   ten times that means the server is stuck, not busy.
 * - 2 retries from 200 ms: rides out a restart of `osrm-routed` (it starts in milliseconds),
 *   gives up within about a second more when it is really down.
 * - 400: the table size the project's serve commands start `osrm-routed` with
 *   (`--max-table-size 400`); so a line of 400 or more points is chunked.
 * - 500 m: the demo network keeps every shop within 300 m of a road; a shop farther than
 *   500 m away means wrong coordinates or a network that does not cover it.
 */
export const OSRM_DEFAULTS: Omit<OsrmOptions, 'url'> = {
  profile: 'driving',
  timeoutMs: 10_000,
  retries: 2,
  backoffMs: 200,
  maxTableSize: 400,
  maxSnapM: 500,
};

export function osrmOptions(url: string, over: Partial<Omit<OsrmOptions, 'url'>> = {}): OsrmOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`OSRM URL ${JSON.stringify(url)} is not a URL (expected e.g. http://127.0.0.1:5000)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`OSRM URL ${url} must be http or https`);
  return { ...OSRM_DEFAULTS, ...over, url: url.replace(/\/+$/, '') };
}

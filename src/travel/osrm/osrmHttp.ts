import { setTimeout as sleep } from 'node:timers/promises';
import { TravelError } from '../travelError.ts';
import type { OsrmOptions } from './osrmOptions.ts';

/** What every OSRM answer carries: `Ok`, or an error code and message. */
export interface OsrmAnswer {
  readonly code: string;
  readonly message?: string;
}

/** An OSRM answer that is not `Ok`: its code and message, for the caller to name the shop. */
export class OsrmRefusal extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status: number) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/**
 * GETs `path` (after the base URL) and returns the parsed answer when its code is `Ok`.
 * A timeout, a refused connection or a 5xx is tried again after a backoff; what is left after
 * the last try becomes a {@link TravelError} naming the URL and `what` was asked. A 4xx with
 * an OSRM code (NoRoute, NoSegment, TooBig, InvalidQuery) is final: an {@link OsrmRefusal}.
 */
export async function osrmGet<T extends OsrmAnswer>(opts: OsrmOptions, path: string, what: string): Promise<T> {
  let failure = '';
  for (let attempt = 0; attempt <= opts.retries; attempt++) {
    if (attempt > 0) await sleep(opts.backoffMs * 2 ** (attempt - 1));
    let res: Response;
    try {
      res = await fetch(`${opts.url}${path}`, { signal: AbortSignal.timeout(opts.timeoutMs) });
    } catch (e) {
      failure = describeFetchError(e, opts);
      continue;
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch (e) {
      if (res.status >= 500) {
        failure = `answered HTTP ${res.status}`;
        continue;
      }
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      failure = timedOut ? describeFetchError(e, opts) : `answered HTTP ${res.status} with a body that is not JSON`;
      if (timedOut) continue;
      break;
    }
    const answer = body as Partial<OsrmAnswer> | null;
    if (res.status >= 500) {
      failure = `answered HTTP ${res.status}${answer?.code ? ` ${answer.code}` : ''}`;
      continue;
    }
    if (!answer || typeof answer.code !== 'string') {
      failure = `answered HTTP ${res.status} without an OSRM code`;
      break;
    }
    if (answer.code !== 'Ok') throw new OsrmRefusal(answer.code, answer.message ?? '', res.status);
    return answer as T;
  }
  const tries = opts.retries + 1;
  throw new TravelError(`OSRM at ${opts.url} ${failure} ${what} (${tries} ${tries === 1 ? 'try' : 'tries'})`);
}

function describeFetchError(e: unknown, opts: OsrmOptions): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `did not answer within ${opts.timeoutMs} ms`;
  const code = err.cause?.code;
  return code === 'ECONNREFUSED' ? 'refused the connection (is osrm-routed running?)' : `is not reachable (${code ?? err.cause?.message ?? err.message})`;
}

import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { KeyRing } from '../auth/keys.ts';
import type { Principal } from '../auth/keys.ts';
import type { LimitStatus } from './limits.ts';
import { AppError, notFound } from '../errors.ts';
import '../types.ts';

/**
 * API keys. The `requireKey` hook runs on every /v1 route: no key or an unknown one is
 * a 401; a manager key on a planner-only route a 403. City and line checks are the
 * routes' (`assertCity`, `assertLine`), as only they know what a request touches.
 */
export default fp<{ keys: KeyRing }>(
  async (app, opts) => {
    app.decorate('keys', opts.keys);
    app.decorateRequest('principal', null);
  },
  { name: 'auth' },
);

export async function requireKey(request: FastifyRequest): Promise<void> {
  const access = request.routeOptions.config.access ?? 'any';
  if (access === 'public') return;
  const header = request.headers.authorization;
  // The scheme is case-insensitive (RFC 9110 §11.1): `bearer`, `BEARER` and `Bearer` alike.
  const token = header === undefined ? undefined : /^bearer[ \t]+(\S+)\s*$/i.exec(header)?.[1];
  // An address that failed too often is refused before its key is even looked at.
  const failures = request.server.authFailures;
  const locked = await failures.check(request);
  if (locked.isExceeded) throw tooManyFailures(locked);
  const principal = token ? request.server.keys.verify(token) : undefined;
  if (!principal) {
    const now = await failures.count(request);
    if (now.isExceeded) throw tooManyFailures(now);
    throw new AppError('VP_UNAUTHORIZED', 'send a valid API key as "Authorization: Bearer <key>"');
  }
  request.principal = principal;
  if (access === 'planner' && principal.role !== 'planner') throw new AppError('VP_FORBIDDEN', 'this route is for planner keys');
}

function tooManyFailures(status: LimitStatus): AppError {
  const after = status.ttlInSeconds ?? 60;
  return new AppError('VP_RATE_LIMITED', `too many failed keys from this address; retry in ${after} s`, {}, { 'retry-after': String(after) });
}

/** A manager key touches only its own line (of its city: see assertCity); planner keys any. */
export function assertLine(request: FastifyRequest, line: string | undefined): void {
  const p = request.principal;
  if (!p) throw new AppError('VP_UNAUTHORIZED', 'send a valid API key as "Authorization: Bearer <key>"');
  if (p.role === 'planner') return;
  if (line === undefined || line !== p.line) throw new AppError('VP_FORBIDDEN', `this key reads and writes only line ${p.line}`);
}

/** Whether a key sees a city's data: a key of a city only its own, a planner key of every city all. */
export function seesCity(p: Principal, city: string): boolean {
  return p.city === undefined || p.city === city;
}

/**
 * Another city's dataset, plan or job is, to a key, not there (404, as for an id that
 * does not exist): line ids repeat from city to city, and one city learns nothing of another's.
 */
export function assertCity(request: FastifyRequest, city: string | undefined, what: string): void {
  const p = request.principal;
  if (!p) throw new AppError('VP_UNAUTHORIZED', 'send a valid API key as "Authorization: Bearer <key>"');
  if (city === undefined || !seesCity(p, city)) throw notFound(what);
}

export function isPlanner(request: FastifyRequest): boolean {
  return request.principal?.role === 'planner';
}

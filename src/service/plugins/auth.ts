import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { KeyRing } from '../auth/keys.ts';
import { AppError } from '../errors.ts';
import '../types.ts';

/**
 * API keys. The `requireKey` hook runs on every /v1 route: no key or an unknown one is
 * a 401; a manager key on a planner-only route a 403. Line checks are the routes'
 * (`assertLine`), as only they know which line a request touches.
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
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  const principal = token ? request.server.keys.verify(token) : undefined;
  if (!principal) throw new AppError('VP_UNAUTHORIZED', 'send a valid API key as "Authorization: Bearer <key>"');
  request.principal = principal;
  if (access === 'planner' && principal.role !== 'planner') throw new AppError('VP_FORBIDDEN', 'this route is for planner keys');
}

/** A manager key touches only its own line; planner keys any. */
export function assertLine(request: FastifyRequest, line: string | undefined): void {
  const p = request.principal;
  if (!p) throw new AppError('VP_UNAUTHORIZED', 'send a valid API key as "Authorization: Bearer <key>"');
  if (p.role === 'planner') return;
  if (line === undefined || line !== p.line) throw new AppError('VP_FORBIDDEN', `this key reads and writes only line ${p.line}`);
}

export function isPlanner(request: FastifyRequest): boolean {
  return request.principal?.role === 'planner';
}

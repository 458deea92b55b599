import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import '../types.ts';

/** What a limiter says about a request (the part of @fastify/rate-limit's answer used here). */
export interface LimitStatus {
  isExceeded: boolean;
  ttlInSeconds?: number;
}

/**
 * Request limits (after @fastify/rate-limit):
 *
 * - every request is counted against its key (or, without a valid key, its address):
 *   RATE_LIMIT_PER_MINUTE, then 429 with Retry-After; /health and /metrics are exempt;
 * - a failed key counts against its address, far more strictly: after
 *   AUTH_FAILURES_PER_MINUTE failures the address gets 429 for the rest of the minute,
 *   even with a valid key (else a guess that succeeds would show through the throttle);
 * - a request body that stops arriving ends the connection after IDLE_TIMEOUT_MS
 *   (the headers' own limit is Node's headersTimeout, set in server.ts).
 */
export default fp(
  async (app) => {
    const c = app.config;
    await app.register(rateLimit, {
      global: true,
      // After the auth hook, so that a key is counted as itself, not as the address it comes from.
      hook: 'preHandler',
      max: c.rateLimitPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => (request.principal ? `key:${request.principal.keyId}` : `ip:${request.ip}`),
      errorResponseBuilder: (_request, context) => new AppError('VP_RATE_LIMITED', `too many requests; retry in ${context.after}`),
    });
    const failures = app.createRateLimit({ max: c.authFailuresPerMinute, timeWindow: 60_000, keyGenerator: (request) => `auth:${request.ip}` });
    app.decorate('authFailures', {
      /** Whether the address has used up its failures (nothing counted). */
      check: (request: FastifyRequest) => failures(request, { increment: false }) as Promise<LimitStatus>,
      /** Counts one failure of the address. */
      count: (request: FastifyRequest) => failures(request) as Promise<LimitStatus>,
    });

    // A body that stops arriving: the socket times out after IDLE_TIMEOUT_MS without a byte, and Node ends it.
    app.addHook('onRequest', async (request) => {
      const h = request.headers;
      if (h['content-length'] !== undefined && h['content-length'] !== '0') request.raw.socket.setTimeout(c.idleTimeoutMs);
      else if (h['transfer-encoding'] !== undefined) request.raw.socket.setTimeout(c.idleTimeoutMs);
    });
    // The body is in: the time the answer takes (an upload's check, an export) is not idleness.
    app.addHook('preValidation', async (request) => {
      request.raw.socket.setTimeout(0);
    });
  },
  { name: 'limits' },
);

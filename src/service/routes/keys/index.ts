import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_CITY, newKey } from '../../auth/keys.ts';
import { AppError, notFound } from '../../errors.ts';
import { errors } from '../common.ts';
import { IssuedKeySchema, KeyIdSchema, KeySchema, NewKeyBodySchema } from './schemas.ts';

/**
 * API keys, issued and revoked by planner keys, effective at once: a new key is in the
 * store and the key ring when the answer leaves; a revoked one is refused from then on,
 * after restarts too (whatever made it: the API, the keys file, API_KEYS).
 */
const keys: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/keys',
    {
      config: { access: 'planner' },
      schema: {
        summary: 'Issue a key (planner keys): the token is in this answer only',
        tags: ['keys'],
        body: NewKeyBodySchema,
        response: { 201: IssuedKeySchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const p = request.principal!;
      const b = request.body;
      if (p.city !== undefined && b.city !== undefined && b.city !== p.city) throw new AppError('VP_FORBIDDEN', `this key issues keys of city ${p.city} only`);
      // A manager key always has a city; a planner key has one when its issuer does, or when asked.
      const city = b.city ?? p.city ?? (b.role === 'manager' ? DEFAULT_CITY : undefined);
      const id = b.id ?? `${b.role === 'manager' ? 'm' : 'p'}-${randomBytes(6).toString('hex')}`;
      const conflict = () => new AppError('VP_KEY_CONFLICT', `a key with id ${id} exists or was revoked; choose another id`);
      if (app.keys.has(id) || (await app.store.keys.revoked()).has(id)) throw conflict();
      const { entry, token } = newKey(id, b.role, { ...(b.line === undefined ? {} : { line: b.line }), ...(city === undefined ? {} : { city }) });
      // The store answers in its own time: the same id asked for meanwhile is refused here.
      if (!(await app.store.keys.insert(entry, p.keyId))) throw conflict();
      // With PostgreSQL, this instance's own key sync (plugins/keySync.ts) may have added it first.
      if (!app.keys.has(id)) app.keys.add(entry, 'api');
      request.log.info({ key: id, role: b.role, line: b.line, city, by: p.keyId }, 'key issued');
      void reply.code(201);
      return { id, role: b.role, ...(b.line === undefined ? {} : { line: b.line }), ...(city === undefined ? {} : { city }), source: 'api' as const, token };
    },
  );

  app.get(
    '/me',
    {
      schema: {
        summary: 'The key this request carries: id, role, line, city (the page signs in with it)',
        tags: ['keys'],
        response: { 200: z.object({ id: z.string(), role: z.enum(['planner', 'manager']), line: z.string().optional(), city: z.string().optional() }), ...errors(401) },
      },
    },
    async (request) => {
      const p = request.principal!;
      return { id: p.keyId, role: p.role, ...(p.line === undefined ? {} : { line: p.line }), ...(p.city === undefined ? {} : { city: p.city }) };
    },
  );

  app.get(
    '/keys',
    {
      config: { access: 'planner' },
      schema: { summary: 'The keys this planner key sees (its city, or all): ids, roles, lines, cities; never secrets', tags: ['keys'], response: { 200: z.object({ keys: z.array(KeySchema) }), ...errors(401, 403) } },
    },
    async (request) => ({ keys: app.keys.list().filter((k) => visible(request.principal!, k)) }),
  );

  app.delete(
    '/keys/:id',
    {
      config: { access: 'planner' },
      schema: {
        summary: 'Revoke a key, at once and for good',
        tags: ['keys'],
        params: z.object({ id: KeyIdSchema }),
        response: { 200: z.object({ id: z.string(), revokedAt: z.string(), revokedBy: z.string() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const p = request.principal!;
      const { id } = request.params;
      const key = app.keys.list().find((k) => k.id === id);
      if (!key || !visible(p, key)) throw notFound(`key ${id}`);
      if (id === p.keyId) throw new AppError('VP_KEY_CONFLICT', 'a key cannot revoke itself; revoke it with another planner key');
      const revokedAt = await app.store.keys.revoke(id, p.keyId);
      app.keys.remove(id);
      request.log.info({ key: id, by: p.keyId }, 'key revoked');
      return { id, revokedAt, revokedBy: p.keyId };
    },
  );
};

/** A planner key of a city sees the keys of that city; one of every city, all. A key of every city belongs to no city. */
function visible(p: { city?: string }, key: { city?: string }): boolean {
  return p.city === undefined || key.city === p.city;
}

export default keys;

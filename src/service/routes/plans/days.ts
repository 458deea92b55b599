import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ManagerDaySchema, type ManagerDay } from '../../plans/daySchema.ts';
import { assertCity, assertLine } from '../../plugins/auth.ts';
import { notFound } from '../../errors.ts';
import { errors } from '../common.ts';
import { requirePlanMeta } from './ready.ts';
import { DayParamsSchema } from './schemas.ts';

/** The mobile payload: a manager's day, with an ETag so a phone that has it gets a 304. */
const days: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/plans/:id/lines/:line/days/:date',
    {
      schema: {
        summary: "A manager's day: ordered stops with times, legs, shop names and phones, the remote visits, the day's figures",
        description: 'Send `If-None-Match` with the ETag you have: an unchanged day answers 304 with no body. A manager key reads only its own line.',
        tags: ['plans'],
        params: DayParamsSchema,
        headers: z.object({ 'if-none-match': z.string().optional() }),
        response: { 200: ManagerDaySchema, 304: z.null().describe('not modified'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { id, line, date } = request.params;
      assertLine(request, line);
      assertCity(request, (await requirePlanMeta(app.store, id)).city, `plan ${id}`);
      const day = await app.store.plans.day(id, line, date);
      if (!day) throw notFound(`day ${date} of line ${line} in plan ${id}`);
      void reply.header('etag', day.etag).header('cache-control', 'private, no-cache');
      // No payload at all: a serialized `null` would leave a Content-Length of 4 on a bodiless 304, and clients wait for those bytes.
      if (matches(request.headers['if-none-match'], day.etag)) return reply.code(304).send(undefined as unknown as null);
      // The stored JSON is sent as it is: it was built by the day builder and matches ManagerDaySchema.
      return reply.type('application/json; charset=utf-8').send(day.body as unknown as ManagerDay);
    },
  );
};

/** `If-None-Match` may list several tags, or `*`; a weak tag matches its strong twin (RFC 9110 §13.1.2). */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

export default days;

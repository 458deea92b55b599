import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorBody, type Issue } from '../errors.ts';
import { ImportError } from '../../io/index.ts';
import { importRefusal } from '../imports/refusal.ts';

/**
 * The one error handler: every error leaves as an {@link ErrorBody} with a catalogued
 * code. Client errors say what was wrong; server errors say only "internal error" and
 * are logged in full under the request id.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | AppError | ImportError | Error, request, reply) => {
      const body = toBody(error);
      if (error instanceof AppError) for (const [k, v] of Object.entries(error.headers)) void reply.header(k, v);
      if (body.statusCode >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: body.code, statusCode: body.statusCode }, body.message.split('\n')[0]);
      void reply.code(body.statusCode).type('application/json; charset=utf-8').send(JSON.stringify(body));
    });
    app.setNotFoundHandler((request, reply) => {
      const body: ErrorBody = { statusCode: 404, code: 'VP_NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` };
      void reply.code(404).type('application/json; charset=utf-8').send(JSON.stringify(body));
    });
  },
  { name: 'errors' },
);

export function toBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return error.body();
  if (error instanceof ImportError) return importRefusal(error.problems, error.warnings, error.total, error.counts).body();
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? 'body';
    const issues: Issue[] = error.validation.map((v) => ({ in: where, path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'), message: v.message ?? 'invalid' }));
    return { statusCode: 400, code: 'VP_VALIDATION', message: `the request's ${where} is not valid`, issues };
  }
  const e = error as Partial<FastifyError>;
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { statusCode: 400, code: 'VP_MALFORMED_JSON', message: 'the body is not valid JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { statusCode: 413, code: 'VP_BODY_TOO_LARGE', message: 'the body is larger than this route accepts' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { statusCode: 415, code: 'VP_UNSUPPORTED_MEDIA_TYPE', message: 'send the body as application/json' };
  }
  // A JSON syntax error from the body parser (secure-json-parse) carries status 400 and no code.
  if (e.statusCode === 400 && error instanceof SyntaxError) return { statusCode: 400, code: 'VP_MALFORMED_JSON', message: 'the body is not valid JSON' };
  if (e.statusCode === 503) return { statusCode: 503, code: 'VP_UNAVAILABLE', message: 'the service is unavailable; retry later' };
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    // Fastify's other client errors (bad content length, bad URL): their message is safe, their code is not ours.
    return { statusCode: e.statusCode, code: 'VP_VALIDATION', message: String(e.message ?? 'bad request') };
  }
  return { statusCode: 500, code: 'VP_INTERNAL', message: 'internal error; the service log has the details under this request id' };
}

import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorBody, type ErrorCode, type Issue } from '../errors.ts';
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
      // A catalogued 5xx (shutting down, a full queue, overload) is expected: a warning, no stack. Anything else is a bug: an error, in full.
      if (body.statusCode >= 500 && !(error instanceof AppError)) request.log.error({ err: error }, 'request failed');
      else if (body.statusCode >= 500) request.log.warn({ code: body.code, statusCode: body.statusCode }, body.message);
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
    case 'FST_ERR_BAD_URL':
      return { statusCode: 400, code: 'VP_BAD_REQUEST', message: 'the URL is not valid (a % not followed by two hex digits?)' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { statusCode: 414, code: 'VP_URI_TOO_LONG', message: 'a path parameter is longer than any id' };
  }
  // A JSON syntax error from the body parser (secure-json-parse) carries status 400 and no code.
  if (e.statusCode === 400 && error instanceof SyntaxError) return { statusCode: 400, code: 'VP_MALFORMED_JSON', message: 'the body is not valid JSON' };
  if (e.statusCode === 503) return { statusCode: 503, code: 'VP_UNAVAILABLE', message: 'the service is unavailable; retry later' };
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    // Other client errors (Fastify's bad content length, @fastify/static's 403 on a folder): their message is safe, their code is not ours.
    return { statusCode: e.statusCode, code: clientCode(e.statusCode), message: String(e.message ?? 'bad request') };
  }
  return { statusCode: 500, code: 'VP_INTERNAL', message: 'internal error; the service log has the details under this request id' };
}

/** The catalogue's code for a client error status that came from outside the service's own code. */
function clientCode(status: number): ErrorCode {
  const byStatus: Partial<Record<number, ErrorCode>> = {
    401: 'VP_UNAUTHORIZED', 403: 'VP_FORBIDDEN', 404: 'VP_NOT_FOUND', 408: 'VP_REQUEST_TIMEOUT', 413: 'VP_BODY_TOO_LARGE',
    414: 'VP_URI_TOO_LONG', 415: 'VP_UNSUPPORTED_MEDIA_TYPE', 429: 'VP_RATE_LIMITED', 431: 'VP_HEADERS_TOO_LARGE',
  };
  return byStatus[status] ?? 'VP_BAD_REQUEST';
}

/** Fastify's own framework errors (a URL it cannot decode, a path parameter past maxParamLength) through the one error body. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const body = toBody(error);
  void reply.code(body.statusCode).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/**
 * What Node's HTTP parser refuses before any request exists (a malformed request line,
 * headers over 16 KiB, headers or a request too slow): a coded body too, then the
 * connection ends (after Fastify's own defaultClientErrorHandler).
 */
export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const body: ErrorBody =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? { statusCode: 408, code: 'VP_REQUEST_TIMEOUT', message: 'the request did not arrive in time' }
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? { statusCode: 431, code: 'VP_HEADERS_TOO_LARGE', message: "the request's headers are larger than the server reads" }
        : { statusCode: 400, code: 'VP_BAD_REQUEST', message: 'the request is not valid HTTP' };
  this.log.debug({ err, code: body.code }, 'client error');
  if (socket.writable) {
    const text = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(err);
}

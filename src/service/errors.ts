import { z } from 'zod';

/**
 * The catalogue of coded errors (after Fastify's lib/errors.js): every error the API
 * answers with has a code here, its HTTP status, and what it means. Clients branch on
 * `code`; `message` is for people and never carries internals (stack, SQL, paths).
 */
export const ERROR_CATALOGUE = {
  VP_BAD_REQUEST: { status: 400, means: 'the request cannot be read as HTTP: a malformed request line or header, a URL that is not valid percent-encoding, a bad Content-Length' },
  VP_VALIDATION: { status: 400, means: 'the request (body, parameters or query) does not match its schema; `issues` lists each field' },
  VP_MALFORMED_JSON: { status: 400, means: 'the body is not JSON, or is empty, though the content type says JSON' },
  VP_IMPORT: { status: 400, means: 'an uploaded dataset has problems; `problems` names the first ones (file, row, field), `counts` counts all of them by file, kind and column; nothing was stored' },
  VP_BAD_UPLOAD: { status: 400, means: 'an uploaded file is not base64, or a file kind is missing' },
  VP_UNAUTHORIZED: { status: 401, means: 'no API key, or one the service does not know' },
  VP_FORBIDDEN: { status: 403, means: "the key may not do this: a manager key reads and writes only its own line, and planner-only routes refuse it" },
  VP_NOT_FOUND: { status: 404, means: 'no such dataset, plan, line, day or route' },
  VP_REQUEST_TIMEOUT: { status: 408, means: 'the request did not arrive in time (its headers within IDLE_TIMEOUT_MS, all of it within REQUEST_TIMEOUT_MS)' },
  VP_PLAN_NOT_READY: { status: 409, means: 'the plan job has not succeeded (queued, running or failed)' },
  VP_JOB_NOT_RETRYABLE: { status: 409, means: 'only a failed job can be retried' },
  VP_JOB_NOT_CANCELLABLE: { status: 409, means: 'only a queued or running job can be cancelled' },
  VP_VISIT_NOT_PLANNED: { status: 409, means: 'a done or failed visit names a retailer the day does not plan (record it as unplanned)' },
  VP_VISIT_IS_PLANNED: { status: 409, means: 'an unplanned visit names a retailer the day already plans (record it as done)' },
  VP_UNPLANNED_LIMIT: { status: 409, means: "the day already holds the most visits outside the plan the policy allows (20% of the day's planned visits)" },
  VP_VISIT_ID_REUSED: { status: 409, means: 'a visit id was sent again with different content' },
  VP_KEY_CONFLICT: { status: 409, means: 'a key with this id exists or was revoked, or a key tried to revoke itself' },
  VP_PLAN_GONE: { status: 410, means: 'the plan was superseded by a re-plan or a newer plan and removed by the retention policy; its job record stays' },
  VP_BODY_TOO_LARGE: { status: 413, means: 'the body is larger than the route allows' },
  VP_IMPORT_TOO_LARGE: { status: 413, means: 'checking the upload needs more memory or time than an import may use (or an XLSX inflates too far); nothing was stored' },
  VP_URI_TOO_LONG: { status: 414, means: 'a path parameter is longer than any id (100 characters)' },
  VP_UNSUPPORTED_MEDIA_TYPE: { status: 415, means: 'the route takes application/json' },
  VP_TOO_MANY_JOBS: { status: 429, means: 'this key already has a plan job waiting (one per key)' },
  VP_RATE_LIMITED: { status: 429, means: 'too many requests from this key (or address), too many failed keys from this address, or too many event streams; retry after Retry-After seconds' },
  VP_HEADERS_TOO_LARGE: { status: 431, means: "the request's headers are larger than the server reads (16 KiB)" },
  VP_INTERNAL: { status: 500, means: 'something failed inside the service; the log has the details under the request id' },
  VP_NOT_IMPLEMENTED: { status: 501, means: 'the feature is not built yet' },
  VP_UNAVAILABLE: { status: 503, means: 'the service is shutting down or its store is unavailable; retry later' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** One field wrong in a request: where (`body`, `params`, `querystring`, `headers`), which field, why. */
export interface Issue {
  in: string;
  path: string;
  message: string;
}

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  issues?: Issue[];
  problems?: unknown[];
  counts?: unknown[];
  warnings?: unknown[];
}

/** An error the service answers with as it is: its message is meant for the client. */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly extra: Pick<ErrorBody, 'issues' | 'problems' | 'counts' | 'warnings'>;
  /** Headers the answer carries (Retry-After). */
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, extra: Pick<ErrorBody, 'issues' | 'problems' | 'counts' | 'warnings'> = {}, headers: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.statusCode = ERROR_CATALOGUE[code].status;
    this.extra = extra;
    this.headers = headers;
  }

  body(): ErrorBody {
    return { statusCode: this.statusCode, code: this.code, message: this.message, ...this.extra };
  }
}

export const notFound = (what: string) => new AppError('VP_NOT_FOUND', `${what} not found`);

/** The error body as the OpenAPI document shows it. */
export const ErrorBodySchema = z.object({
  statusCode: z.number().int(),
  code: z.enum(Object.keys(ERROR_CATALOGUE) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  issues: z.array(z.object({ in: z.string(), path: z.string(), message: z.string() })).optional(),
  problems: z.array(z.unknown()).optional(),
  counts: z.array(z.object({ file: z.string(), kind: z.string(), column: z.string().optional(), problems: z.number().int() })).optional(),
  warnings: z.array(z.unknown()).optional(),
});

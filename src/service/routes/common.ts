import { z } from 'zod';
import { ErrorBodySchema } from '../errors.ts';

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

export const IdParam = z.object({ id: z.string().min(1).max(64) });

/** The error responses a route may give, for the OpenAPI document. */
export function errors(...codes: number[]): Record<number, typeof ErrorBodySchema> {
  return Object.fromEntries(codes.map((c) => [c, ErrorBodySchema]));
}

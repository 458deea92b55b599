import { z } from 'zod';
import { CityIdSchema } from '../../auth/keys.ts';

export const KeyIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'expected 1–40 letters, digits, _ or -');

export const NewKeyBodySchema = z
  .object({
    id: KeyIdSchema.optional().describe('default: a random one'),
    role: z.enum(['planner', 'manager']),
    line: z.string().min(1).max(64).optional().describe("a manager key's line; a planner key has none"),
    city: CityIdSchema.optional().describe("the key's city; a city's planner key issues keys of its own city only (the default); a planner key of every city may leave it out for another such key"),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.role === 'manager' && b.line === undefined) ctx.addIssue({ code: 'custom', path: ['line'], message: 'a manager key needs its line' });
    if (b.role === 'planner' && b.line !== undefined) ctx.addIssue({ code: 'custom', path: ['line'], message: 'a planner key has no line' });
  });

export const KeySchema = z.object({
  id: z.string(),
  role: z.enum(['planner', 'manager']),
  line: z.string().optional(),
  city: z.string().optional(),
  source: z.enum(['file', 'env', 'api']).describe('where the key is kept: the keys file, API_KEYS, or the store (issued here)'),
});

export const IssuedKeySchema = KeySchema.extend({ token: z.string().describe('`<id>.<secret>`, shown this once: the service keeps only a salted hash') });

import { z } from 'zod';
import { CityIdSchema } from '../../auth/keys.ts';

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

/** One uploaded file: its name (which gives its format and names it in problems) and its bytes as base64, or its text. */
export const UploadFileSchema = z
  .object({
    name: z.string().min(1).max(200).describe('e.g. retailers.csv, retailers.xlsx, lines.csv, policy.json'),
    base64: z.string().regex(BASE64, 'expected base64').optional().describe('the file bytes, base64 (for XLSX, and CSV in GBK)'),
    text: z.string().optional().describe('the file as UTF-8 text, instead of base64'),
    format: z.enum(['csv', 'xlsx', 'geojson']).optional().describe('overrides the format the extension implies'),
  })
  .refine((f) => (f.base64 === undefined) !== (f.text === undefined), { message: 'give exactly one of base64 and text' });

export const UploadBodySchema = z.object({
  city: CityIdSchema.optional().describe("the city (organisation) the dataset belongs to; a city's key may upload only to its own (the default), a planner key of every city names it (default: 'default')"),
  retailers: UploadFileSchema,
  lines: UploadFileSchema,
  policy: UploadFileSchema,
  calendar: UploadFileSchema.optional().describe('default: the shipped China calendar'),
});

const ProblemSchema = z.object({
  file: z.string(),
  line: z.number().optional(),
  place: z.enum(['line', 'feature']).optional(),
  column: z.string().optional(),
  path: z.string().optional(),
  value: z.string().optional(),
  kind: z.enum(['file', 'header', 'value', 'missing', 'duplicate', 'reference', 'document']).optional(),
  reason: z.string(),
  text: z.string().describe('the problem as one line of text'),
});

export const DatasetSchema = z.object({
  id: z.string(),
  city: z.string(),
  createdAt: z.string(),
  files: z.array(z.string()),
  retailers: z.number().int(),
  lines: z.number().int(),
  warnings: z.array(ProblemSchema),
});

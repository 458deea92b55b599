import type { z } from 'zod';
import { decodeText } from './decode.ts';
import type { ImportProblem } from './importError.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: ImportProblem[] };

/**
 * A JSON file (policy, calendar) through its schema; each problem names the JSON path,
 * as `lunch.value.minutes` or `holidays[3].date`, and the value found there.
 */
export function checkJson<T>(file: string, bytes: Uint8Array, schema: z.ZodType<T>): Checked<T> {
  let doc: unknown;
  try {
    doc = JSON.parse(decodeText(bytes).text);
  } catch (e) {
    return { ok: false, problems: [{ file, reason: `not valid JSON: ${(e as Error).message}` }] };
  }
  return checkDocument(file, doc, schema);
}

/** An already parsed JSON document through its schema, problems as in {@link checkJson}. */
export function checkDocument<T>(file: string, doc: unknown, schema: z.ZodType<T>): Checked<T> {
  const result = schema.safeParse(doc);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const problem: ImportProblem = { file, reason: issue.message };
      if (issue.path.length > 0) problem.path = jsonPath(issue.path);
      const found = valueAt(doc, issue.path);
      if (found !== undefined && (typeof found !== 'object' || found === null)) problem.value = JSON.stringify(found);
      return problem;
    }),
  };
}

/** `['lunch', 'value', 'minutes']` → `lunch.value.minutes`; `['holidays', 3, 'date']` → `holidays[3].date`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = doc;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

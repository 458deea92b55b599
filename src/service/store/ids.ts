import { randomBytes } from 'node:crypto';

/** `ds_…`, `pl_…`: 72 random bits, URL-safe, and the prefix says what the id names. */
export function newId(prefix: 'ds' | 'pl' | 'vr'): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

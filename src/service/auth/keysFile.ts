import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeysFileSchema, newKey, type KeyEntry, type KeyScope, type Role } from './keys.ts';

/** Adds a new key to the keys file (created if missing, readable by its owner only); returns the token, shown once. */
export function addKey(path: string, id: string, role: Role, scope: KeyScope = {}): string {
  const keys: KeyEntry[] = existsSync(path) ? KeysFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).keys : [];
  if (keys.some((k) => k.id === id)) throw new Error(`a key with id ${id} is already in ${path}`);
  const { entry, token } = newKey(id, role, scope);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ keys: [...keys, entry] }, null, 2)}\n`, { mode: 0o600 });
  return token;
}

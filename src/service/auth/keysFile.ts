import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeysFileSchema, newKey, type KeyEntry, type KeyScope, type Role } from './keys.ts';

/** Adds a new key to the keys file (created if missing, readable by its owner only); returns the token, shown once. */
export function addKey(path: string, id: string, role: Role, scope: KeyScope = {}): string {
  const keys: KeyEntry[] = existsSync(path) ? KeysFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).keys : [];
  if (keys.some((k) => k.id === id)) throw new Error(`a key with id ${id} is already in ${path}`);
  const { entry, token } = newKey(id, role, scope);
  writeAtomically(path, `${JSON.stringify({ keys: [...keys, entry] }, null, 2)}\n`);
  return token;
}

/**
 * Replaces a file whole or not at all: the text goes to a new file beside it (0600),
 * reaches the disk, and is renamed over the old one. A crash leaves the old file or the
 * new one, never half of either (an in-place rewrite could leave no keys at all).
 */
export function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  // The rename itself reaches the disk with the folder's entry.
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceConfig } from '../config.ts';
import { addKey } from './keysFile.ts';

export const FIRST_KEY_FILE = 'first-planner-key.txt';

/**
 * On a first start with no keys at all, a planner key so that someone can sign in: a
 * random id, its token written to `<DATA_DIR>/first-planner-key.txt` (0600, never over an
 * existing file), not to stdout, where log collectors keep it. Returns the id and the
 * file, or undefined when keys exist already.
 */
export function issueFirstPlannerKey(config: ServiceConfig): { id: string; path: string; token: string } | undefined {
  if (existsSync(config.keysFile) || config.envKeys) return undefined;
  const path = join(config.dataDir, FIRST_KEY_FILE);
  // Checked before the key is added, so that a refusal leaves no key that nobody holds.
  if (existsSync(path)) throw new Error(`${path} is there from an earlier first key, but the keys file ${config.keysFile} is not: remove it, or add a key with npm run keys`);
  const id = `planner-${randomBytes(4).toString('hex')}`;
  const token = addKey(config.keysFile, id, 'planner');
  writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { id, path, token };
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * API keys. A key is `<id>.<secret>`; the service keeps only `sha256(salt ‖ secret)`
 * per id, never the secret. sha256 rather than scrypt: the secrets are 256 random bits,
 * not passwords, so a slow hash buys nothing and would cost every request ~50 ms.
 */
export type Role = 'planner' | 'manager';

export const KeyEntrySchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
    role: z.enum(['planner', 'manager']),
    /** A manager key's line; a planner key has none. */
    line: z.string().min(1).optional(),
    salt: z.string().regex(/^[0-9a-f]{32}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .refine((k) => (k.role === 'manager') === (k.line !== undefined), { message: 'a manager key names its line, a planner key none' });
export type KeyEntry = z.infer<typeof KeyEntrySchema>;

export const KeysFileSchema = z.object({ keys: z.array(KeyEntrySchema) });

/** Who is calling, once the key checked out. */
export interface Principal {
  keyId: string;
  role: Role;
  line?: string;
}

function digest(salt: string, secret: string): Buffer {
  return createHash('sha256').update(salt).update(secret).digest();
}

/** A stored entry for a secret (the secret itself is not kept). */
export function hashKey(id: string, role: Role, secret: string, line?: string): KeyEntry {
  const salt = randomBytes(16).toString('hex');
  return { id, role, ...(line === undefined ? {} : { line }), salt, hash: digest(salt, secret).toString('hex') };
}

/** A new key: the entry to store, and the token to hand out once. */
export function newKey(id: string, role: Role, line?: string): { entry: KeyEntry; token: string } {
  const secret = randomBytes(32).toString('base64url');
  return { entry: hashKey(id, role, secret, line), token: `${id}.${secret}` };
}

export class KeyRing {
  readonly #byId: Map<string, { entry: KeyEntry; hash: Buffer }>;

  constructor(entries: readonly KeyEntry[]) {
    this.#byId = new Map();
    for (const e of entries) {
      if (this.#byId.has(e.id)) throw new Error(`key id ${e.id} appears twice`);
      this.#byId.set(e.id, { entry: e, hash: Buffer.from(e.hash, 'hex') });
    }
  }

  get size(): number {
    return this.#byId.size;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** The principal a token names, or undefined for a malformed or unknown token. */
  verify(token: string): Principal | undefined {
    const dot = token.indexOf('.');
    if (dot <= 0) return undefined;
    const known = this.#byId.get(token.slice(0, dot));
    if (!known) return undefined;
    const got = digest(known.entry.salt, token.slice(dot + 1));
    if (!timingSafeEqual(got, known.hash)) return undefined;
    const { id, role, line } = known.entry;
    return line === undefined ? { keyId: id, role } : { keyId: id, role, line };
  }
}

/**
 * `API_KEYS`: `id:role:line:secret` entries, comma separated (`ops:planner::s3cret`,
 * `wang:manager:L01:s3cret`). For development and tests; hashed on reading.
 */
export function parseEnvKeys(text: string): KeyEntry[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((item) => {
      const [id, role, line, ...rest] = item.split(':');
      const secret = rest.join(':');
      if (!id || (role !== 'planner' && role !== 'manager') || secret.length < 8) throw new Error(`API_KEYS: expected id:role:line:secret (secret of 8 or more characters), got an entry for ${JSON.stringify(id ?? '')}`);
      if (role === 'manager' && !line) throw new Error(`API_KEYS: manager key ${id} needs a line`);
      return KeyEntrySchema.parse(hashKey(id, role, secret, role === 'manager' ? line : undefined));
    });
}

/** The keys file, or no keys if there is none. */
export function readKeysFile(path: string): KeyEntry[] {
  if (!existsSync(path)) return [];
  return KeysFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).keys;
}

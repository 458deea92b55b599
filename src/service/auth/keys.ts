import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * API keys. A key is `<id>.<secret>`; the service keeps only `sha256(salt ‖ secret)`
 * per id, never the secret. sha256 rather than scrypt: the secrets are 256 random bits,
 * not passwords, so a slow hash buys nothing and would cost every request ~50 ms.
 */
export type Role = 'planner' | 'manager';

/** The city a key and a dataset without one belong to (stores and keys files made before cities). */
export const DEFAULT_CITY = 'default';
export const CityIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'expected a city id: 1–40 letters, digits, _ or -');

export const KeyEntrySchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
    role: z.enum(['planner', 'manager']),
    /** A manager key's line; a planner key has none. */
    line: z.string().min(1).optional(),
    /**
     * The city (organisation, dataset family) the key belongs to: a manager key reads its
     * line in this city's datasets only (DEFAULT_CITY when absent); a planner key with a
     * city sees that city only, without one every city.
     */
    city: CityIdSchema.optional(),
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
  /** Always set for a manager key; unset for a planner key of every city. */
  city?: string;
  line?: string;
}

function digest(salt: string, secret: string): Buffer {
  return createHash('sha256').update(salt).update(secret).digest();
}

/** Where a key may reach: a manager key its line of its city; a planner key its city, or all. */
export interface KeyScope {
  line?: string;
  city?: string;
}

/** A stored entry for a secret (the secret itself is not kept). */
export function hashKey(id: string, role: Role, secret: string, scope: KeyScope = {}): KeyEntry {
  const salt = randomBytes(16).toString('hex');
  return {
    id,
    role,
    ...(scope.line === undefined ? {} : { line: scope.line }),
    ...(scope.city === undefined ? {} : { city: scope.city }),
    salt,
    hash: digest(salt, secret).toString('hex'),
  };
}

/** A new key: the entry to store, and the token to hand out once. */
export function newKey(id: string, role: Role, scope: KeyScope = {}): { entry: KeyEntry; token: string } {
  const secret = randomBytes(32).toString('base64url');
  return { entry: hashKey(id, role, secret, scope), token: `${id}.${secret}` };
}

/** Where a key came from: the keys file, API_KEYS, or the keys API (kept in the store). */
export type KeySource = 'file' | 'env' | 'api';

/**
 * The keys the service accepts, checked on every request. Keys issued or revoked through
 * the API change it at once.
 */
export class KeyRing {
  readonly #byId = new Map<string, { entry: KeyEntry; hash: Buffer; source: KeySource }>();

  constructor(entries: readonly KeyEntry[] | readonly { entry: KeyEntry; source: KeySource }[]) {
    for (const e of entries) {
      if ('source' in e) this.add(e.entry, e.source);
      else this.add(e, 'file');
    }
  }

  get size(): number {
    return this.#byId.size;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  add(entry: KeyEntry, source: KeySource): void {
    if (this.#byId.has(entry.id)) throw new Error(`key id ${entry.id} appears twice`);
    this.#byId.set(entry.id, { entry, hash: Buffer.from(entry.hash, 'hex'), source });
  }

  remove(id: string): boolean {
    return this.#byId.delete(id);
  }

  /** Every key as a list shows it: no salt, no hash. */
  list(): { id: string; role: Role; line?: string; city?: string; source: KeySource }[] {
    return [...this.#byId.values()].map(({ entry: { id, role, line, city }, source }) => ({ id, role, ...(line === undefined ? {} : { line }), ...(city === undefined ? {} : { city }), source }));
  }

  /** The principal a token names, or undefined for a malformed or unknown token. */
  verify(token: string): Principal | undefined {
    const dot = token.indexOf('.');
    if (dot <= 0) return undefined;
    const known = this.#byId.get(token.slice(0, dot));
    if (!known) return undefined;
    const got = digest(known.entry.salt, token.slice(dot + 1));
    if (!timingSafeEqual(got, known.hash)) return undefined;
    const { id, role, line, city } = known.entry;
    if (role === 'manager') return { keyId: id, role, line: line!, city: city ?? DEFAULT_CITY };
    return city === undefined ? { keyId: id, role } : { keyId: id, role, city };
  }
}

/**
 * `API_KEYS`: `id:role:scope:secret` entries, comma separated. The scope is a manager
 * key's `line@city` (`wang:manager:L01@xinyang:s3cret`; `L01` alone is the default
 * city), or a planner key's `@city`, or nothing for a planner of every city
 * (`ops:planner::s3cret`). For development and tests; hashed on reading.
 */
export function parseEnvKeys(text: string): KeyEntry[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((item) => {
      const [id, role, scope = '', ...rest] = item.split(':');
      const secret = rest.join(':');
      if (!id || (role !== 'planner' && role !== 'manager')) throw new Error(`API_KEYS: expected id:role:scope:secret, got an entry for ${JSON.stringify(id ?? '')}`);
      if (!looksRandom(secret)) throw new Error(`API_KEYS: key ${id}: the secret must be at least ${MIN_SECRET_LENGTH} random characters (e.g. openssl rand -base64 32)`);
      const at = scope.indexOf('@');
      const line = at < 0 ? scope : scope.slice(0, at);
      const city = at < 0 ? undefined : scope.slice(at + 1);
      if (role === 'manager' && !line) throw new Error(`API_KEYS: manager key ${id} needs a line`);
      if (role === 'planner' && line) throw new Error(`API_KEYS: planner key ${id} has no line (give @city, or nothing for every city)`);
      const parsed = KeyEntrySchema.safeParse(hashKey(id, role, secret, { ...(line ? { line } : {}), ...(city === undefined ? {} : { city }) }));
      if (!parsed.success) throw new Error(`API_KEYS: key ${id}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      return parsed.data;
    });
}

/** A secret of API_KEYS: 256 bits are what the service's own keys carry; 32 characters of base64 are 192. */
const MIN_SECRET_LENGTH = 32;

/**
 * At least 32 characters, and not a word repeated: ten distinct characters or more (32
 * random hex digits have ~14, base64 ~25; `aaaa…` or `abcabc…` have fewer).
 */
export function looksRandom(secret: string): boolean {
  return secret.length >= MIN_SECRET_LENGTH && new Set(secret).size >= 10;
}

/** The keys file, or no keys if there is none; a broken file is an error naming it and the entry. */
export function readKeysFile(path: string): KeyEntry[] {
  if (!existsSync(path)) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`keys file ${path}: not JSON (${(e as Error).message})`);
  }
  const parsed = KeysFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`keys file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'the file'}: ${i.message}`).join('; ')}`);
  return parsed.data.keys;
}

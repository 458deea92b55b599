/** Keys below the routes: the stored entry, the token check, API_KEYS, the keys file and the route guards. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { afterAll, describe, expect, test } from 'vitest';
import { FIRST_KEY_FILE, issueFirstPlannerKey } from '../../src/service/auth/firstKey.ts';
import { CityIdSchema, KeyEntrySchema, KeyRing, looksRandom, newKey, parseEnvKeys, readKeysFile, type Principal } from '../../src/service/auth/keys.ts';
import { addKey } from '../../src/service/auth/keysFile.ts';
import { loadConfig } from '../../src/service/config.ts';
import { assertCity, assertLine, isPlanner } from '../../src/service/plugins/auth.ts';

const dir = mkdtempSync(join(tmpdir(), 'vp-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** This process's open descriptors on `folder` and the files in it (another test file's in a sibling thread are elsewhere). */
function openIn(folder: string): string[] {
  const targets = readdirSync('/proc/self/fd').map((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return ''; // closed between the listing and the read
    }
  });
  return targets.filter((t) => t === folder || t.startsWith(folder + '/'));
}

const SECRET = 'Zq3xW8pL2mN7vB4cR9tY6uI1oP5aS0dF';

describe('the stored entry', () => {
  const good = newKey('wu', 'manager', { line: 'L01' }).entry;
  const issues = (over: Record<string, unknown>) => {
    const r = KeyEntrySchema.safeParse({ ...good, ...over });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  test('ids, salt and hash are whole-string patterns', () => {
    expect(issues({})).toEqual([]);
    for (const id of ['wu!', '!wu', 'a'.repeat(41), '']) expect(issues({ id })).toHaveLength(1);
    for (const salt of [`${good.salt}0`, `x${good.salt.slice(1)}`, `${good.salt.slice(0, 31)}g`]) expect(issues({ salt })).toHaveLength(1);
    for (const hash of [`${good.hash}0`, `x${good.hash.slice(1)}`]) expect(issues({ hash })).toHaveLength(1);
    for (const city of ['xinyang!', '!xinyang', 'c'.repeat(41)]) expect(CityIdSchema.safeParse(city).success).toBe(false);
    expect(CityIdSchema.safeParse('c'.repeat(40)).success).toBe(true);
  });

  test('a manager key names its line, a planner key none', () => {
    const { line: _line, ...noLine } = good;
    expect(KeyEntrySchema.safeParse(noLine).error?.issues.map((i) => i.message)).toEqual(['a manager key names its line, a planner key none']);
    expect(issues({ role: 'planner' })).toEqual([': a manager key names its line, a planner key none']);
  });

  test('an entry carries its line and city only when it has them', () => {
    expect(Object.keys(newKey('p', 'planner').entry)).toEqual(['id', 'role', 'salt', 'hash']);
    expect(Object.keys(newKey('m', 'manager', { line: 'L01', city: 'xinyang' }).entry)).toEqual(['id', 'role', 'line', 'city', 'salt', 'hash']);
  });
});

describe('tokens', () => {
  const manager = newKey('wu', 'manager', { line: 'L01' });
  const cityPlanner = newKey('boss', 'planner', { city: 'xinyang' });
  const planner = newKey('ops', 'planner');
  const ring = new KeyRing([manager, cityPlanner, planner].map((k) => ({ entry: k.entry, source: 'api' as const })));

  test('who each token names; a planner of every city has no city', () => {
    expect(ring.verify(manager.token)).toStrictEqual({ keyId: 'wu', role: 'manager', line: 'L01', city: 'default' });
    expect(ring.verify(cityPlanner.token)).toStrictEqual({ keyId: 'boss', role: 'planner', city: 'xinyang' });
    expect(ring.verify(planner.token)).toStrictEqual({ keyId: 'ops', role: 'planner' });
  });

  test('malformed, unknown and wrong tokens name no one', () => {
    const secret = manager.token.slice(manager.token.indexOf('.') + 1);
    for (const t of [secret, `.${secret}`, `nobody.${secret}`, `wu.${secret}x`, 'wu.', '']) expect(ring.verify(t)).toBeUndefined();
  });

  test('the list shows line and city only where a key has them, never salt or hash', () => {
    expect(ring.list()).toStrictEqual([
      { id: 'wu', role: 'manager', line: 'L01', source: 'api' },
      { id: 'boss', role: 'planner', city: 'xinyang', source: 'api' },
      { id: 'ops', role: 'planner', source: 'api' },
    ]);
  });
});

describe('API_KEYS', () => {
  test('entries with spaces and empty items; scopes line@city, @city, none', () => {
    const keys = parseEnvKeys(` wang:manager:L01@xinyang:${SECRET} ,, ops:planner::${SECRET},boss:planner:@xinyang:${SECRET}:with:colons `);
    expect(keys.map(({ id, role, line, city }) => ({ id, role, line, city }))).toEqual([
      { id: 'wang', role: 'manager', line: 'L01', city: 'xinyang' },
      { id: 'ops', role: 'planner', line: undefined, city: undefined },
      { id: 'boss', role: 'planner', line: undefined, city: 'xinyang' },
    ]);
    expect(new KeyRing(keys.map((entry) => ({ entry, source: 'env' as const }))).verify(`boss.${SECRET}:with:colons`)).toEqual({ keyId: 'boss', role: 'planner', city: 'xinyang' });
    expect(parseEnvKeys(' , ')).toEqual([]);
  });

  test.each([
    [`wang:boss::${SECRET}`, 'API_KEYS: expected id:role:scope:secret, got an entry for "wang"'],
    [`:planner::${SECRET}`, 'API_KEYS: expected id:role:scope:secret, got an entry for ""'],
    ['wang:planner::short', 'API_KEYS: key wang: the secret must be at least 32 random characters (e.g. openssl rand -base64 32)'],
    [`wang:manager::${SECRET}`, 'API_KEYS: manager key wang needs a line'],
    [`wang:planner:L01:${SECRET}`, 'API_KEYS: planner key wang has no line (give @city, or nothing for every city)'],
    [`wang!:planner::${SECRET}`, 'API_KEYS: key wang!: id Invalid string: must match pattern /^[A-Za-z0-9_-]{1,40}$/'],
    [`wang:manager:L01@bad city:${SECRET}`, 'API_KEYS: key wang: city expected a city id: 1–40 letters, digits, _ or -'],
    // Two things wrong at once: both named, in the entry's order.
    [`wang!:manager:L01@bad city:${SECRET}`, 'API_KEYS: key wang!: id Invalid string: must match pattern /^[A-Za-z0-9_-]{1,40}$/; city expected a city id: 1–40 letters, digits, _ or -'],
  ])('%s → %s', (text, message) => {
    expect(() => parseEnvKeys(text)).toThrow(message);
  });

  test('a secret is random enough from 32 characters and ten distinct ones', () => {
    expect(looksRandom('abcdefghij'.repeat(4).slice(0, 32))).toBe(true);
    expect(looksRandom('abcdefghi'.repeat(4).slice(0, 32))).toBe(false);
    expect(looksRandom('abcdefghij'.repeat(4).slice(0, 31))).toBe(false);
  });
});

describe('the keys file', () => {
  test('added keys round-trip; a second key of one id is refused; no descriptor left open', () => {
    const file = join(dir, 'keys.json');
    const token = addKey(file, 'wu', 'manager', { line: 'L01' });
    addKey(file, 'ops', 'planner');
    expect(openIn(dir)).toEqual([]);
    expect(() => addKey(file, 'wu', 'planner')).toThrow(`a key with id wu is already in ${file}`);
    expect(readKeysFile(file).map((k) => k.id)).toEqual(['wu', 'ops']);
    expect(new KeyRing(readKeysFile(file).map((entry) => ({ entry, source: 'file' as const }))).verify(token)).toMatchObject({ keyId: 'wu' });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('a broken file is named with what is wrong in it', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"keys": [');
    expect(() => readKeysFile(file)).toThrow(new RegExp(`^keys file ${file}: not JSON \\(`));
    writeFileSync(file, JSON.stringify({ keys: [{ id: 'wu', role: 'manager', salt: 'x', hash: 'y' }] }));
    expect(() => readKeysFile(file)).toThrow(`keys file ${file}: keys.0.salt: Invalid string: must match pattern /^[0-9a-f]{32}$/; keys.0.hash: Invalid string: must match pattern /^[0-9a-f]{64}$/`);
    // A file that is not an object at all: the file itself is what is wrong.
    writeFileSync(file, '[]');
    expect(() => readKeysFile(file)).toThrow(`keys file ${file}: the file: Invalid input: expected object, received array`);
    expect(readKeysFile(join(dir, 'none.json'))).toEqual([]);
  });

  test('the first planner key: its token in a file of its own, once', () => {
    const config = loadConfig({ DATA_DIR: join(dir, 'first') });
    const first = issueFirstPlannerKey(config);
    expect(readFileSync(first!.path, 'utf8')).toBe(`${first!.token}\n`);
    expect(issueFirstPlannerKey(config)).toBeUndefined();
  });

  test('the first key never overwrites a token file left from before', () => {
    // The keys file gone but the old token's file still there: refused, the file kept, no key added.
    const config = loadConfig({ DATA_DIR: join(dir, 'left') });
    const path = join(config.dataDir, FIRST_KEY_FILE);
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(path, 'old token\n');
    expect(() => issueFirstPlannerKey(config)).toThrow(`${path} is there from an earlier first key, but the keys file ${config.keysFile} is not: remove it, or add a key with npm run keys`);
    expect(readFileSync(path, 'utf8')).toBe('old token\n');
    expect(existsSync(config.keysFile)).toBe(false);
  });
});

describe('route guards', () => {
  const as = (principal: Principal | null) => ({ principal }) as unknown as FastifyRequest;
  const manager: Principal = { keyId: 'wu', role: 'manager', line: 'L01', city: 'default' };
  const planner: Principal = { keyId: 'ops', role: 'planner' };
  const code = (f: () => void) => {
    try {
      f();
      return 'passes';
    } catch (e) {
      return `${(e as { code: string }).code}: ${(e as Error).message}`;
    }
  };

  test('a manager reaches its own line only; a planner every line', () => {
    expect(code(() => assertLine(as(manager), 'L01'))).toBe('passes');
    expect(code(() => assertLine(as(manager), 'L02'))).toBe('VP_FORBIDDEN: this key reads and writes only line L01');
    expect(code(() => assertLine(as(manager), undefined))).toBe('VP_FORBIDDEN: this key reads and writes only line L01');
    expect(code(() => assertLine(as(planner), 'L02'))).toBe('passes');
    expect(code(() => assertLine(as(null), 'L01'))).toBe('VP_UNAUTHORIZED: send a valid API key as "Authorization: Bearer <key>"');
  });

  test("another city's things are not there; no key, no answer", () => {
    expect(code(() => assertCity(as({ ...planner, city: 'xinyang' }), 'nanyang', 'plan p1'))).toBe('VP_NOT_FOUND: plan p1 not found');
    expect(code(() => assertCity(as(planner), 'nanyang', 'plan p1'))).toBe('passes');
    expect(code(() => assertCity(as(planner), undefined, 'plan p1'))).toBe('VP_NOT_FOUND: plan p1 not found');
    expect(code(() => assertCity(as(null), 'default', 'plan p1'))).toBe('VP_UNAUTHORIZED: send a valid API key as "Authorization: Bearer <key>"');
    expect([isPlanner(as(planner)), isPlanner(as(manager)), isPlanner(as(null))]).toEqual([true, false, false]);
  });
});

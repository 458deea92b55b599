import { mkdtemp, rm, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { issueFirstPlannerKey } from '../../src/service/auth/firstKey.ts';
import { KeyRing, newKey, parseEnvKeys, readKeysFile } from '../../src/service/auth/keys.ts';
import { loadConfig } from '../../src/service/config.ts';

/** Secrets as API_KEYS wants them (fixed, for tests). */
const S1 = 'Kf9dL2mQ7xR4tW8zN1bV6cY3hJ5gP0aS';
const S2 = 'Zq4Wn8Er1Ty6Ui3Op7As2Df9Gh5Jk0Lm:with:colons';

describe('API keys', () => {
  test('a new key verifies; the stored entry holds no secret', () => {
    const { entry, token } = newKey('wang', 'manager', { line: 'L01' });
    expect(JSON.stringify(entry)).not.toContain(token.split('.')[1]);
    const ring = new KeyRing([entry]);
    expect(ring.verify(token)).toEqual({ keyId: 'wang', role: 'manager', line: 'L01', city: 'default' });
    expect(ring.verify(`${token}x`)).toBeUndefined();
    expect(ring.verify('wang.')).toBeUndefined();
    expect(ring.verify('.secret')).toBeUndefined();
  });

  test('API_KEYS entries: scopes, and secrets of 32 random characters at least', () => {
    const ring = new KeyRing(parseEnvKeys(` ops:planner::${S1} , wang:manager:L01:${S2} , li:manager:L01@xinyang:${S1} , xy:planner:@xinyang:${S1} `));
    expect(ring.verify(`ops.${S1}`)).toEqual({ keyId: 'ops', role: 'planner' });
    expect(ring.verify(`wang.${S2}`)).toEqual({ keyId: 'wang', role: 'manager', line: 'L01', city: 'default' });
    expect(ring.verify(`li.${S1}`)).toEqual({ keyId: 'li', role: 'manager', line: 'L01', city: 'xinyang' });
    expect(ring.verify(`xy.${S1}`)).toEqual({ keyId: 'xy', role: 'planner', city: 'xinyang' });
    expect(() => parseEnvKeys(`wang:manager::${S1}`)).toThrow('API_KEYS: manager key wang needs a line');
    expect(() => parseEnvKeys(`wang:manager:L01@:${S1}`)).toThrow('API_KEYS: key wang: city expected a city id: 1–40 letters, digits, _ or -');
    expect(() => parseEnvKeys(`ops:planner:L01:${S1}`)).toThrow('API_KEYS: planner key ops has no line (give @city, or nothing for every city)');
    expect(() => parseEnvKeys(`wang:boss:L01:${S1}`)).toThrow('API_KEYS: expected id:role:scope:secret, got an entry for "wang"');
    const weak = 'API_KEYS: key ops: the secret must be at least 32 random characters (e.g. openssl rand -base64 32)';
    expect(() => parseEnvKeys('ops:planner::s3cret-planner')).toThrow(weak);
    expect(() => parseEnvKeys(`ops:planner::${'ab'.repeat(20)}`)).toThrow(weak);
    expect(() => new KeyRing([...parseEnvKeys(`a:planner::${S1}`), ...parseEnvKeys(`a:planner::${S2}`)])).toThrow('key id a appears twice');
  });
});

describe('the first planner key', () => {
  test('a random id; the token in a file only its owner reads, never over one that exists; none when keys exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-keys-'));
    try {
      const config = loadConfig({ DATA_DIR: dir });
      const first = issueFirstPlannerKey(config)!;
      expect(first.id).toMatch(/^planner-[0-9a-f]{8}$/);
      expect(first.path).toBe(join(dir, 'first-planner-key.txt'));
      expect((await stat(first.path)).mode & 0o777).toBe(0o600);
      const token = readFileSync(first.path, 'utf8').trim();
      expect(new KeyRing(readKeysFile(config.keysFile)).verify(token)).toEqual({ keyId: first.id, role: 'planner' });
      expect(issueFirstPlannerKey(config)).toBeUndefined();
      expect(issueFirstPlannerKey(loadConfig({ DATA_DIR: join(dir, 'other'), API_KEYS: `ops:planner::${S1}` }))).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

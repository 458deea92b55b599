import { describe, expect, test } from 'vitest';
import { KeyRing, newKey, parseEnvKeys } from '../../src/service/auth/keys.ts';

describe('API keys', () => {
  test('a new key verifies; the stored entry holds no secret', () => {
    const { entry, token } = newKey('wang', 'manager', 'L01');
    expect(JSON.stringify(entry)).not.toContain(token.split('.')[1]);
    const ring = new KeyRing([entry]);
    expect(ring.verify(token)).toEqual({ keyId: 'wang', role: 'manager', line: 'L01' });
    expect(ring.verify(`${token}x`)).toBeUndefined();
    expect(ring.verify('wang.')).toBeUndefined();
    expect(ring.verify('.secret')).toBeUndefined();
  });

  test('API_KEYS entries', () => {
    const ring = new KeyRing(parseEnvKeys(' ops:planner::s3cret-planner , wang:manager:L01:s3cret:with:colons '));
    expect(ring.verify('ops.s3cret-planner')).toEqual({ keyId: 'ops', role: 'planner' });
    expect(ring.verify('wang.s3cret:with:colons')).toEqual({ keyId: 'wang', role: 'manager', line: 'L01' });
    expect(() => parseEnvKeys('wang:manager::long-enough')).toThrow('API_KEYS: manager key wang needs a line');
    expect(() => parseEnvKeys('wang:boss:L01:long-enough')).toThrow('API_KEYS: expected id:role:line:secret (secret of 8 or more characters), got an entry for "wang"');
    expect(() => new KeyRing([...parseEnvKeys('a:planner::12345678'), ...parseEnvKeys('a:planner::87654321')])).toThrow('key id a appears twice');
  });
});

import { describe, expect, test } from 'vitest';
import { KeyRing, newKey, parseEnvKeys } from '../../src/service/auth/keys.ts';

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

  test('API_KEYS entries', () => {
    const ring = new KeyRing(parseEnvKeys(' ops:planner::s3cret-planner , wang:manager:L01:s3cret:with:colons , li:manager:L01@xinyang:s3cret-li , xy:planner:@xinyang:s3cret-xy '));
    expect(ring.verify('ops.s3cret-planner')).toEqual({ keyId: 'ops', role: 'planner' });
    expect(ring.verify('wang.s3cret:with:colons')).toEqual({ keyId: 'wang', role: 'manager', line: 'L01', city: 'default' });
    expect(ring.verify('li.s3cret-li')).toEqual({ keyId: 'li', role: 'manager', line: 'L01', city: 'xinyang' });
    expect(ring.verify('xy.s3cret-xy')).toEqual({ keyId: 'xy', role: 'planner', city: 'xinyang' });
    expect(() => parseEnvKeys('wang:manager::long-enough')).toThrow('API_KEYS: manager key wang needs a line');
    expect(() => parseEnvKeys('wang:manager:L01@:long-enough')).toThrow('API_KEYS: key wang: city expected a city id: 1–40 letters, digits, _ or -');
    expect(() => parseEnvKeys('ops:planner:L01:long-enough')).toThrow('API_KEYS: planner key ops has no line (give @city, or nothing for every city)');
    expect(() => parseEnvKeys('wang:boss:L01:long-enough')).toThrow('API_KEYS: expected id:role:scope:secret (secret of 8 or more characters), got an entry for "wang"');
    expect(() => new KeyRing([...parseEnvKeys('a:planner::12345678'), ...parseEnvKeys('a:planner::87654321')])).toThrow('key id a appears twice');
  });
});

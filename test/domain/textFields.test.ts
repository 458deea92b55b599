/** The cell parsers every import shares: each bound on both of its sides, with its message. */
import { describe, expect, test } from 'vitest';
import { decimal, identifier, latitude, longitude } from '../../src/domain/textFields.ts';

const verdict = (schema: { safeParse(x: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } }, text: string) => {
  const r = schema.safeParse(text);
  return r.success ? r.data : r.error?.issues.map((i) => i.message).join('; ');
};

describe('coordinates', () => {
  test.each([
    ['-180', -180], ['180', 180], [' 114.07 ', 114.07], ['0', 0],
    ['-180.0001', 'expected -180 to 180'], ['180.0001', 'expected -180 to 180'], ['-200', 'expected -180 to 180'],
    ['1e2', 'expected a longitude in degrees'], ['114,07', 'expected a longitude in degrees'], ['', 'expected a longitude in degrees'],
  ])('longitude %j → %j', (text, expected) => expect(verdict(longitude, text)).toEqual(expected));

  test.each([
    ['-90', -90], ['90', 90], ['32.1', 32.1],
    ['-90.5', 'expected -90 to 90'], ['90.5', 'expected -90 to 90'], ['.5', 'expected a latitude in degrees'],
  ])('latitude %j → %j', (text, expected) => expect(verdict(latitude, text)).toEqual(expected));
});

describe('numbers and identifiers', () => {
  test.each([['-3', -3], ['2.50', 2.5], ['+3', 'expected a count'], ['3.', 'expected a count'], ['x3', 'expected a count'], ['3x', 'expected a count']])(
    'decimal %j → %j',
    (text, expected) => expect(verdict(decimal('a count'), text)).toEqual(expected),
  );
  test.each([['R_0001-a', 'R_0001-a'], ['A'.repeat(32), 'A'.repeat(32)], ['A'.repeat(33), 'expected 1–32 letters, digits, _ or -'], ['', 'expected 1–32 letters, digits, _ or -'], ['R 1', 'expected 1–32 letters, digits, _ or -'], ['店1', 'expected 1–32 letters, digits, _ or -']])(
    'identifier %j → %j',
    (text, expected) => expect(verdict(identifier, text)).toEqual(expected),
  );
});

import { afterEach, expect, test, vi } from 'vitest';
import { expectGolden } from './exportFixture.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

test('REGEN=1 under CI is refused: the golden file is compared, not rewritten', () => {
  vi.stubEnv('REGEN', '1');
  vi.stubEnv('CI', 'true');
  expect(() => expectGolden('never-written.csv', 'anything')).toThrow('REGEN=1 under CI: never-written.csv is compared with its golden file, never rewritten');
});

test('without REGEN a differing export fails against its golden file', () => {
  vi.stubEnv('REGEN', '');
  expect(() => expectGolden('plan.csv', 'not the plan')).toThrow();
});

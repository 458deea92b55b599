/** Golden files: compared by default; rewritten with REGEN=1 on a developer's machine, never under CI. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { expect } from 'vitest';

/** With REGEN=1, writes `bytes` to the golden file `at` (called `name` in messages); says whether it wrote. */
export function regenerateAt(at: URL, name: string, bytes: string | Uint8Array): boolean {
  if (process.env.REGEN !== '1') return false;
  // CI compares; a rewrite there would pass whatever the code now writes.
  if (process.env.CI) throw new Error(`REGEN=1 under CI: ${name} is compared with its golden file, never rewritten`);
  mkdirSync(dirname(fileURLToPath(at)), { recursive: true });
  writeFileSync(at, bytes);
  return true;
}

/** `actual` must equal the golden file `at`'s text (or, with REGEN=1, becomes it). */
export function expectGoldenAt(at: URL, name: string, actual: string): void {
  if (regenerateAt(at, name, actual)) return;
  expect(actual).toBe(readFileSync(at, 'utf8'));
}

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { BenchmarkProblem } from './problem.ts';
import { parseSolomon } from './solomon.ts';
import { parseCordeau } from './cordeau.ts';
import { parseBks, type BksEntry } from './bks.ts';

/** Instance name from a path: `…/c101.txt` → `c101`, `…/pvrp/p01` → `p01`. */
export function instanceName(path: string): string {
  return basename(path).replace(/\.txt$/i, '');
}

/**
 * Parses instance text by its shape: Solomon files have a VEHICLE section, Cordeau
 * files start with four numbers.
 */
export function parseInstance(text: string, name: string): BenchmarkProblem {
  return /^\s*VEHICLE\s*$/im.test(text) ? parseSolomon(text, name) : parseCordeau(text, name);
}

/** Reads and parses an instance file. */
export function loadInstance(path: string): BenchmarkProblem {
  return parseInstance(readFileSync(path, 'utf8'), instanceName(path));
}

/** Reads a BKS csv file. */
export function loadBks(path: string): Map<string, BksEntry> {
  return parseBks(readFileSync(path, 'utf8'));
}
